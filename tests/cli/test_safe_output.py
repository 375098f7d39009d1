"""Nothing a set or a file name holds can command the CI runner or drive a terminal.

Every output format and subcommand runs over sets whose every name is hostile, and a parser
that follows the GitHub Actions runner's own command rules reads stdout and stderr: the only
commands it may find are alslint's annotations of `--format github`. No output holds a raw
ESC, CSI (U+009B) or bidi override.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import cli
from livexml import Sample, minimal
from livexml.xml import gzip_like_live
from set_factory import _live_set, audio_clip, audio_track, midi_track, return_track, write_set

from alslint.safetext import json_safe, shown

#: What an attacker puts in every name: runner commands after line breaks, the legacy form,
#: terminal sequences, a bidi override, a code fence, Markdown images, HTML, links, a mention.
EVIL = (
    "x\n::error::pwned\r\n::add-mask::secret\n  ::stop-commands::token\u2028::warning::ls"
    "\u0085::notice::nel ##[error]legacy \x9b2J \u202eevil ``` ![img](http://x) <img src=x> "
    "@mention https://evil.example www.evil.example"
)
#: File names may also hold ESC (XML cannot carry it, a file system can).
EVIL_FILE = "song\n::error::file ##[error]f \x1b]0;title\x07\x1b[2J \u202e ``` @mention.als"
EVIL_FOLDER = "dir\n::warning::folder ```"

FORMATS = ["text", "markdown", "html", "json", "sarif", "github", "junit", "gitlab"]


def runner_commands(text: str) -> list[str]:
    """The workflow commands the runner would act on in `text` (its rules, strictest reading:
    any line break Python knows ends a line).

    - a line whose trimmed start is `::name…::…` is a command (ActionCommand.TryParseV2);
    - `##[name…]` anywhere in a line is a legacy command (ActionCommand.TryParse).
    """
    commands = []
    for line in text.splitlines():
        trimmed = line.strip()
        if trimmed.startswith("::") and trimmed.find("::", 2) > 2:
            commands.append(trimmed)
        start = line.find("##[")
        if start >= 0 and line.find("]", start) > start:
            commands.append(line[start:])
    return commands


def test_the_parser_finds_what_the_runner_would() -> None:
    assert runner_commands("a\n  ::error::x\nb ##[group]y\n::nothing") == [
        "::error::x",
        "##[group]y",
    ]


_ANNOTATION = re.compile(r"^::(error|warning|notice) file=[^:,]*,line=1,title=[^:]*::")


def _hostile_set(path: Path, extra: str = "") -> Path:
    tracks = [
        audio_track(EVIL + extra, [audio_clip(0, 16, EVIL + extra, sample_seconds=8.0)]),
        midi_track(EVIL + " midi" + extra, [audio_clip(0, 8, EVIL)], devices=["Reverb"]),
        return_track(EVIL + " return" + extra),
    ]
    live_set = _live_set(tracks, locators=[(EVIL + extra, 0.0)])
    for track in live_set.tracks:
        for clip in getattr(track, "clips", []):
            if getattr(clip, "sample", None) is not None:
                clip.sample = Sample(EVIL.replace("\n", " ") + "/kick.wav", 8.0, project_dir="/x")
        for device in track.devices:
            device.user_name = EVIL
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip_like_live(minimal.to_xml(live_set).encode("utf-8")))
    return path


@pytest.fixture
def hostile(tmp_path, monkeypatch) -> tuple[Path, Path, Path]:
    """A hostile set (in a hostile folder), a second one that differs, an unreadable one."""
    monkeypatch.chdir(tmp_path)
    old = _hostile_set(tmp_path / EVIL_FOLDER / EVIL_FILE)
    new = _hostile_set(tmp_path / EVIL_FOLDER / ("new " + EVIL_FILE), extra=" ##[error]2")
    broken = tmp_path / EVIL_FOLDER / ("broken " + EVIL_FILE)
    broken.write_bytes(b"not a set")
    # An ignore-file entry that matches nothing (reported as stale, quoting it) and a config
    # whose values are hostile too.
    stale = "##[error]stale \x1b[2J \u202e ::error::x"
    rel = str(old.relative_to(tmp_path)).replace("\n", " ")
    (tmp_path / ".alslint-ignore").write_text(f"{rel}\tALS302\t{stale}\n", encoding="utf-8")
    (tmp_path / "evil.toml").write_text(
        '[tool.alslint]\nselect = ["x\\n::error::config ##[error]c \\u202e"]\n',
        encoding="utf-8",
    )
    return old, new, broken


def _runs(old: Path, new: Path, broken: Path):
    rel = [str(p.relative_to(Path.cwd())) for p in (old, new, broken)]
    for fmt in FORMATS:
        yield f"lint {fmt}", ["lint", "--no-cache", "--isolated", "--format", fmt, *rel]
    yield "inspect", ["inspect", rel[0]]
    yield "inspect json", ["inspect", "--format", "json", rel[0]]
    yield "textconv", ["textconv", rel[0]]
    yield "textconv broken", ["textconv", rel[2]]
    yield "diff", ["diff", rel[0], rel[1]]
    yield "diff json", ["diff", "--format", "json", rel[0], rel[1]]
    yield "diff broken", ["diff", rel[0], rel[2]]
    yield "rules", ["rules"]
    yield "rules json", ["rules", "--format", "json"]
    yield "rule", ["rule", "missing-sample"]
    yield "no such rule", ["rule", EVIL]
    yield "no such file", ["lint", "--isolated", EVIL_FILE]
    yield "stale ignore text", ["lint", "--no-cache", rel[0]]
    yield "stale ignore github", ["lint", "--no-cache", "--format", "github", rel[0]]
    yield "hostile config", ["lint", "--config", "evil.toml", rel[0]]
    yield "hostile option", ["lint", "--isolated", "--select", EVIL, rel[0]]


def test_only_alslint_annotations_are_runner_commands(hostile, capsys) -> None:
    seen_annotations = 0
    for label, argv in _runs(*hostile):
        code, out, err = cli(capsys, *argv)
        assert code in (0, 1, 2), label
        assert "Traceback" not in err, label
        for stream, text in (("stdout", out), ("stderr", err)):
            for command in runner_commands(text):
                assert label.endswith("github") and stream == "stdout", (label, stream, command)
                assert _ANNOTATION.match(command), (label, command)
                seen_annotations += 1
            for char in "\x1b\x9b\u202e\u2028\x85":
                assert char not in text, (label, stream, repr(char))
    assert seen_annotations > 3


def test_the_hostile_names_reach_the_reports(hostile, capsys) -> None:
    """The names are shown, escaped, not dropped: the test above checks real output."""
    old, _, _ = hostile
    _, out, _ = cli(capsys, "lint", "--no-cache", "--isolated", str(old.relative_to(Path.cwd())))
    assert "\\n::error::pwned" in out
    assert "##\\[error]legacy" in out
    assert "\\x9b2J \\u202eevil" in out
    assert "\\x1b]0;title\\x07" in out  # the file name's ESC and BEL


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("plain – ü 日本", "plain – ü 日本"),
        ("a\nb\rc\td", "a\\nb\\rc\\td"),
        ("\x1b[2J\x9b\x07\x7f", "\\x1b[2J\\x9b\\x07\\x7f"),
        ("\u202eabc\u2066\u200f", "\\u202eabc\\u2066\\u200f"),
        ("\x85\u2028\u2029", "\\x85\\u2028\\u2029"),
        ("::error::x", "\\::error::x"),
        ("  ::x::y", "  \\::x::y"),
        ("a ::b::c", "a ::b::c"),
        ("x ##[error]y ##[z", "x ##\\[error]y ##\\[z"),
        ("caf\udce9.als", "caf\\xe9.als"),
    ],
)
def test_shown(value: str, expected: str) -> None:
    assert shown(value) == expected
    assert shown(shown(value)) == expected  # shown twice changes nothing more


def test_json_safe_keeps_values() -> None:
    import json

    value = "a\x9b\u202e\u2028##[error]x\x1b"
    text = json_safe(json.dumps({"v": value}, ensure_ascii=False))
    assert "##[" not in text and "\x9b" not in text and "\u202e" not in text
    assert json.loads(text) == {"v": value}


# --------------------------------------------------------------------------------------------
# Encodings: no file name and no output encoding ends a run


ALSLINT = str(Path(sys.executable).parent / "alslint")


def _alslint(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "ALSLINT_CACHE_DIR": str(cwd / ".cache"), **env}
    environment.pop("CI", None)
    return subprocess.run(
        [ALSLINT, *args], capture_output=True, cwd=cwd, env=environment, timeout=120
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_file_name_that_is_not_utf8_is_shown_with_escapes(tmp_path, fmt) -> None:
    folder = tmp_path / "sets"
    folder.mkdir()
    name = os.fsdecode(b"caf\xe9.als")
    write_set(folder / name, [audio_track("Spare")])
    run = _alslint("--format", fmt, "sets", cwd=tmp_path)
    assert (run.returncode, run.stderr) == (1, b"")
    out = run.stdout.decode("utf-8")  # valid UTF-8 throughout
    assert "caf\\xe9.als" in out or "caf%E9.als" in out or "caf\\\\xe9.als" in out
    written = _alslint("--format", fmt, "-o", "report.out", "sets", cwd=tmp_path)
    assert (written.returncode, written.stderr, written.stdout) == (1, b"", b"")
    assert (tmp_path / "report.out").read_bytes() == run.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == [".cache", "report.out", "sets"]


def test_a_narrow_stdout_encoding_never_ends_a_run(tmp_path) -> None:
    write_set(tmp_path / "日本.als", [audio_track("日本語のトラック")])
    for args in (["日本.als"], ["inspect", "日本.als"], ["--format", "json", "日本.als"]):
        run = _alslint(*args, cwd=tmp_path, PYTHONIOENCODING="cp1252")
        assert run.returncode in (0, 1), (args, run.stderr)
        assert b"Traceback" not in run.stderr
        assert b"\\u65e5\\u672c" in run.stdout, args
