"""Hardening: every bad input ends in a clear one-line error or a finding, never a traceback;
nothing hangs or reads local files; linted sets are never written.

The damage zoo runs through the real command line (in-process and, for the no-traceback
promise, as a subprocess). The property tests damage real corpus sets at random; the CI run
is bounded, `tests/support/fuzz_sets.py` runs the long version.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from damage import damaged_set
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from set_factory import audio_clip, audio_track, set_xml, write_set

from alslint.cli import run

REPO = Path(__file__).resolve().parents[2]
ALSLINT = Path(sys.executable).parent / "alslint"


def lint(capsys, *args):
    code = run([*map(str, args)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def gz(text: str | bytes) -> bytes:
    return gzip.compress(text.encode() if isinstance(text, str) else text, mtime=0)


GOOD_XML = set_xml([audio_track("Vox", [audio_clip(0, 16)])])

# (file name, bytes, expected problem) — the zoo of inputs that are not readable sets.
ZOO = [
    ("empty.als", b"", "empty file, not a Live set"),
    (
        "random.als",
        bytes(random.Random(7).randrange(256) for _ in range(512)),
        "not a Live set (neither gzip-compressed nor XML; a set saved by Live 8.1 or older must "
        "be opened and saved again in a newer Live)",
    ),
    (
        "pointer.als",
        b"version https://git-lfs.github.com/spec/v1\noid sha256:ab\nsize 3\n",
        "is a Git LFS pointer, not the set itself (run `git lfs pull` to fetch it)",
    ),
    ("truncated.als", gz(GOOD_XML)[:-40], "truncated gzip stream (the file is incomplete)"),
    (
        "crc.als",
        gz(GOOD_XML)[:-8] + b"\0\0\0\0" + gz(GOOD_XML)[-4:],
        "damaged gzip stream (checksum mismatch)",
    ),
    (
        "trailing.als",
        gz(GOOD_XML) + b"garbage",
        "damaged gzip stream (unexpected data after its end)",
    ),
    (
        "corrupt.als",
        gz(GOOD_XML)[:20] + b"\xff" * 40 + gz(GOOD_XML)[60:],
        "damaged gzip stream (corrupt data)",
    ),
    (
        "broken.als",
        gz(GOOD_XML[:-30]),
        "not well-formed XML (line 2: Premature end of data in tag Scenes line 2)",
    ),
    (
        "other.als",
        gz("<project><LiveSet/></project>"),
        "XML, but not an Ableton Live set (root element <project>)",
    ),
    (
        "nolive.als",
        gz("<Ableton Creator='x'><Other/></Ableton>"),
        "an <Ableton> document without a <LiveSet>, not a Live set",
    ),
    (
        "nomaster.als",
        gz("<Ableton><LiveSet><Tracks/></LiveSet></Ableton>"),
        "not a Live set (no master track)",
    ),
]


@pytest.mark.parametrize(("name", "data", "problem"), ZOO, ids=[z[0] for z in ZOO])
def test_zoo_gives_one_line_and_exit_2(capsys, tmp_path, name, data, problem):
    path = tmp_path / name
    path.write_bytes(data)
    code, out, err = lint(capsys, "--format", "json", path)
    assert code == 2
    assert err == f"alslint: error: {path}: {problem}\n"
    [file] = json.loads(out)["files"]
    assert file["unreadable"] is True
    assert [(f["code"], f["message"]) for f in file["findings"]] == [("ALS000", problem)]


def test_folder_and_missing_file(capsys, tmp_path):
    (tmp_path / "Song Project").mkdir()
    code, _, err = lint(capsys, "inspect", tmp_path / "Song Project")
    assert (code, err) == (
        2,
        f"alslint: error: no Live set (.als) found in {tmp_path / 'Song Project'}\n",
    )
    code, _, err = lint(capsys, "inspect", tmp_path / "gone.als")
    assert (code, err) == (2, f"alslint: error: {tmp_path / 'gone.als'}: no such file\n")


def test_one_bad_file_does_not_stop_the_others(capsys, tmp_path):
    good = write_set(tmp_path / "a.als", [audio_track("Vox", [audio_clip(0, 16)])])
    bad = tmp_path / "b.als"
    bad.write_bytes(b"")
    code, out, err = lint(capsys, "--format", "json", good, bad)
    data = json.loads(out)
    assert code == 2
    assert [(f["path"], f["unreadable"]) for f in data["files"]] == [
        (str(good), False),
        (str(bad), True),
    ]
    assert err == f"alslint: error: {bad}: empty file, not a Live set\n"


# -- hostile XML ----------------------------------------------------------------------------


def test_external_entity_is_never_read(capsys, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file://{secret}">]>'
        "<Ableton><LiveSet><Tracks/><MainTrack><Name><EffectiveName Value='&x;'/></Name>"
        "<DeviceChain><Mixer/></DeviceChain></MainTrack></LiveSet></Ableton>"
    )
    path = tmp_path / "xxe.als"
    path.write_bytes(gz(xml))
    code, out, err = lint(capsys, "--format", "json", path)
    assert code == 2
    assert "TOP-SECRET" not in out + err
    assert (
        err
        == f"alslint: error: {path}: contains a DOCTYPE, which Live never writes (refused for safety)\n"
    )


def test_billion_laughs_is_refused(capsys, tmp_path):
    entities = "".join(f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 10))
    xml = f'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e0 "ha">{entities}]><Ableton>&e9;</Ableton>'
    path = tmp_path / "laughs.als"
    path.write_bytes(xml.encode())
    code, _, err = lint(capsys, "--format", "json", path)
    assert (code, err) == (
        2,
        f"alslint: error: {path}: contains a DOCTYPE, which Live never writes (refused for safety)\n",
    )


def test_pathological_nesting_is_refused(capsys, tmp_path):
    xml = "<Ableton><LiveSet>" + "<a>" * 5000 + "</a>" * 5000 + "</LiveSet></Ableton>"
    path = tmp_path / "deep.als"
    path.write_bytes(xml.encode())
    code, _, err = lint(capsys, "--format", "json", path)
    assert code == 2
    assert err.startswith(f"alslint: error: {path}: not well-formed XML (line 1: Excessive depth")


def test_gzip_bomb_stops_at_the_cap(capsys, tmp_path):
    # 64 MiB of spaces inside a valid document, compressed to about 64 kB.
    inflater = zlib.compressobj(9, zlib.DEFLATED, 31)
    body = inflater.compress(b"<Ableton><LiveSet>")
    chunk = b" " * (1 << 20)
    for _ in range(64):
        body += inflater.compress(chunk)
    body += inflater.compress(b"</LiveSet></Ableton>") + inflater.flush()
    path = tmp_path / "bomb.als"
    path.write_bytes(body)
    code, _, err = lint(capsys, "--format", "json", "--max-set-mb", "8", path)
    assert (code, err) == (
        2,
        f"alslint: error: {path}: decompresses to more than the 8 MiB limit for a set\n",
    )


def test_max_set_mb_from_config_is_validated(capsys, tmp_path):
    (tmp_path / "alslint.toml").write_text("max-set-mb = 0\n")
    path = write_set(tmp_path / "a.als", [audio_track("Vox", [audio_clip(0, 16)])])
    code, _, err = lint(capsys, "--config", tmp_path / "alslint.toml", path)
    assert code == 2
    assert err == (
        f"alslint: error: {tmp_path / 'alslint.toml'}: 'max-set-mb': "
        "Input should be greater than or equal to 1\n"
    )


# -- damaged but readable sets: load what can be loaded, report the damage ------------------


def _damage(tmp_path, old: str, new: str) -> Path:
    xml = set_xml([audio_track("Vox", [audio_clip(0, 16, "Take"), audio_clip(16, 32, "Take 2")])])
    assert old in xml
    path = tmp_path / "damaged.als"
    path.write_bytes(gz(xml.replace(old, new, 1)))
    return path


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            '<CurrentEnd Value="32"',
            '<CurrentEnd Value="abc"',
            'Damaged set: an arrangement clip on track "Vox" could not be read and was skipped '
            "(could not convert string to float: 'abc')",
        ),
        (
            '<CurrentEnd Value="32"',
            '<CurrentEnd Value="NaN"',
            'Damaged set: an arrangement clip on track "Vox" could not be read and was skipped '
            "(value 'NaN' is not a finite number)",
        ),
        # Found by the fuzzing script: a far-away time made rules walk millions of bars.
        (
            '<CurrentEnd Value="32"',
            '<CurrentEnd Value="5e7"',
            'Damaged set: an arrangement clip on track "Vox" could not be read and was skipped '
            "(time '5e7' is beyond any arrangement)",
        ),
        (
            '<CurrentEnd Value="32"',
            '<CurrentEnd Value="1e400"',
            'Damaged set: an arrangement clip on track "Vox" could not be read and was skipped '
            "(value '1e400' is not a finite number)",
        ),
    ],
)
def test_damaged_clip_is_skipped_and_reported(capsys, tmp_path, old, new, message):
    path = _damage(tmp_path, old, new)
    code, out, err = lint(capsys, "--format", "json", path)
    findings = json.loads(out)["files"][0]["findings"]
    assert (code, err) == (1, "")
    assert [
        (f["code"], f["severity"], f["message"]) for f in findings if f["code"] == "ALS001"
    ] == [("ALS001", "warning", message)]


def test_bad_tempo_falls_back_and_is_reported(capsys, tmp_path):
    xml = set_xml([audio_track("Vox", [audio_clip(0, 16)])], tempo=120.0)
    path = tmp_path / "t.als"
    path.write_bytes(gz(xml.replace('<Manual Value="120"', '<Manual Value="-5"', 1)))
    code, out, _ = lint(capsys, "--format", "json", path)
    messages = [
        f["message"] for f in json.loads(out)["files"][0]["findings"] if f["code"] == "ALS001"
    ]
    assert messages == ["Damaged set: the tempo -5 is not positive; 120 BPM was assumed"]


def test_future_live_version_is_linted_with_one_warning(capsys, tmp_path):
    xml = set_xml([audio_track("Vox", [audio_clip(0, 16)])])
    path = tmp_path / "future.als"
    path.write_bytes(gz(xml.replace("Ableton Live 12.3.5", "Ableton Live 13.0.1")))
    code, out, _ = lint(capsys, "--format", "json", path)
    findings = json.loads(out)["files"][0]["findings"]
    assert [f["message"] for f in findings if f["code"] == "ALS003"] == [
        "Saved by Ableton Live 13.0.1, newer than alslint knows (Live 8–12): checked best-effort"
    ]


# -- nothing the user owns is written -----------------------------------------------------


def test_linting_never_writes_the_sets(tmp_path):
    project = tmp_path / "Song Project"
    project.mkdir()
    for sample in ("demo.als", "clean.als"):
        shutil.copy2(REPO / "sample_projects" / sample, project / sample)
    os.utime(project / "demo.als", ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    before = {
        p: (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_mode) for p in project.iterdir()
    }
    for args in (
        ["--stage", "release", str(project)],
        ["inspect", str(project / "demo.als")],
        ["--format", "html", "-o", str(tmp_path / "r.html"), str(project)],
    ):
        subprocess.run([str(ALSLINT), *args], capture_output=True, check=False)
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_mode) for p in project.iterdir()}
    assert after == before


def test_no_traceback_from_a_real_process(tmp_path):
    files = []
    for name, data, _ in ZOO:
        (tmp_path / name).write_bytes(data)
        files.append(str(tmp_path / name))
    done = subprocess.run([str(ALSLINT), *files], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr + done.stdout
    # each unreadable set is an ALS000 finding in the report and an error line on stderr
    assert done.stderr.count("alslint: error: ") == len(ZOO)
    assert done.stdout.count("ALS000") == len(ZOO)


# -- property-based: random structural damage to real sets ---------------------------------


def _small_corpus_sets(corpus_dir: Path, count: int = 12) -> list[bytes]:
    files = sorted(corpus_dir.glob("*.als"), key=lambda p: p.stat().st_size)[:count]
    return [gzip.decompress(p.read_bytes()) for p in files]


@pytest.fixture(scope="module")
def small_sets(corpus_dir):
    return _small_corpus_sets(corpus_dir)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 2**32 - 1), mutations=st.integers(1, 6), cut=st.booleans())
def test_damaged_corpus_sets_never_escape(small_sets, tmp_path, seed, mutations, cut):
    import alslint
    from alslint.errors import SetReadError

    rng = random.Random(seed)
    path = tmp_path / f"damaged-{seed}.als"
    path.write_bytes(
        damaged_set(rng.choice(small_sets), rng, mutations, cut=cut and rng.random() < 0.5)
    )
    try:
        alslint.load(path)
    except SetReadError as exc:
        assert str(exc).startswith(f"{path}: ") and "\n" not in str(exc)
    code = run(
        ["--stage", "release", "--format", "json", "-o", str(tmp_path / "out.json"), str(path)]
    )
    assert code in (0, 1, 2)
    report = json.loads((tmp_path / "out.json").read_text())
    assert not [f for f in report["files"][0]["findings"] if f["code"] == "ALS002"]


def test_a_bug_in_alslint_is_one_line_not_a_traceback(capsys, monkeypatch, tmp_path):
    import alslint.lint.engine

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(alslint.lint.engine, "run", broken)
    monkeypatch.delenv("ALSLINT_DEBUG", raising=False)
    path = write_set(tmp_path / "a.als", [audio_track("Vox", [audio_clip(0, 16)])])
    code, out, err = lint(capsys, "--no-cache", path)
    assert (code, out) == (2, "")
    assert err == (
        "alslint: internal error: RuntimeError: boom (please report it; "
        "set ALSLINT_DEBUG=1 for the traceback)\n"
    )
