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
from set_factory import audio_clip, audio_track, group_track, set_xml, write_set

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


# -- special files: only regular files are read --------------------------------------------


def _run(*args, cwd=None, env=None):
    """The real process under a timeout: a special file must never make it hang."""
    done = subprocess.run(
        [str(ALSLINT), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
        env={**os.environ, **(env or {})},
    )
    assert "Traceback" not in done.stderr + done.stdout
    assert "internal error" not in done.stderr
    return done


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_named_pipe_as_a_set_is_refused(tmp_path):
    fifo = tmp_path / "song.als"
    os.mkfifo(fifo)
    problem = f"{fifo}: is a named pipe, not a regular file"
    done = _run("--format", "json", fifo)
    assert (done.returncode, done.stderr) == (2, f"alslint: error: {problem}\n")
    done = _run("inspect", fifo)
    assert (done.returncode, done.stderr) == (2, f"alslint: error: {problem}\n")
    done = _run("textconv", fifo)
    assert (done.returncode, done.stdout) == (
        0,
        "alslint: cannot read this set: is a named pipe, not a regular file\n",
    )


def test_a_device_as_a_set_is_refused(capsys, tmp_path):
    zero = tmp_path / "zero.als"
    zero.symlink_to("/dev/zero")
    code, _, err = lint(capsys, "--no-cache", "--format", "json", zero)
    assert (code, err) == (2, f"alslint: error: {zero}: is a device, not a regular file\n")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
@pytest.mark.parametrize("name", [".alslint-ignore", "alslint.toml"])
def test_a_named_pipe_as_ignore_file_or_config_is_refused(tmp_path, name):
    write_set(tmp_path / "a.als", [audio_track("Vox", [audio_clip(0, 16)])])
    os.mkfifo(tmp_path / name)
    done = _run("--no-cache", "a.als", cwd=tmp_path)
    assert (done.returncode, done.stderr) == (
        2,
        f"alslint: error: {name}: is a named pipe, not a regular file\n"
        if name.startswith(".")
        else f"alslint: error: {tmp_path / name}: is a named pipe, not a regular file\n",
    )


@pytest.mark.parametrize(
    ("target", "problem"),
    [
        ("/dev/zero", "is a symlink pointing outside {folder} (refused for safety)"),
        ("/etc/passwd", "is a symlink pointing outside {folder} (refused for safety)"),
    ],
)
def test_an_ignore_file_pointing_out_of_the_project_is_refused(
    capsys, monkeypatch, tmp_path, target, problem
):
    monkeypatch.chdir(tmp_path)
    write_set(tmp_path / "a.als", [audio_track("Vox", [audio_clip(0, 16)])])
    (tmp_path / ".alslint-ignore").symlink_to(target)
    code, out, err = lint(capsys, "--no-cache", "a.als")
    assert (code, out) == (2, "")
    assert err == f"alslint: error: .alslint-ignore: {problem.format(folder=tmp_path)}\n"


def test_a_config_pointing_out_of_its_folder_is_refused(capsys, monkeypatch, tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    (tmp_path / "elsewhere.toml").write_text("stage = 'release'\n")
    (project / "alslint.toml").symlink_to(tmp_path / "elsewhere.toml")
    monkeypatch.chdir(project)
    write_set(project / "a.als", [audio_track("Vox", [audio_clip(0, 16)])])
    code, _, err = lint(capsys, "--no-cache", "a.als")
    assert (code, err) == (
        2,
        f"alslint: error: {project / 'alslint.toml'}: is a symlink pointing outside {project} "
        "(refused for safety)\n",
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_named_pipes_in_the_cache_folder_are_misses(tmp_path):
    path = write_set(tmp_path / "a.als", [audio_track("Vox", [audio_clip(0, 16)])])
    cache = tmp_path / "cache"
    first = _run("--format", "json", path, env={"ALSLINT_CACHE_DIR": str(cache)})
    entries = list(cache.rglob("*.json"))
    assert entries
    for entry in entries:
        entry.unlink()
        os.mkfifo(entry)
    again = _run("--format", "json", path, env={"ALSLINT_CACHE_DIR": str(cache)})
    assert (again.returncode, again.stdout) == (first.returncode, first.stdout)


# -- group membership is a tree --------------------------------------------------------------


def _grouped(tmp_path, parent_of_first: str, parent_of_vox: str = "9") -> Path:
    """Group G1 (Id 8), group G2 (Id 9) in G1, Vox (Id 10) in G2; the first group's and
    Vox's parents replaced to make cycles and dangling parents."""
    xml = set_xml(
        [
            group_track("G1"),
            group_track("G2", group_id=10),
            audio_track("Vox", [audio_clip(0, 16)], group_id=11),
        ]
    )
    first = '<TrackGroupId Value="-1"/>'
    assert xml.count(first) == 1 and xml.count('<TrackGroupId Value="9"/>') == 1
    xml = xml.replace('<TrackGroupId Value="9"/>', f'<TrackGroupId Value="{parent_of_vox}"/>')
    xml = xml.replace(first, f'<TrackGroupId Value="{parent_of_first}"/>')
    path = tmp_path / "groups.als"
    path.write_bytes(gz(xml))
    return path


@pytest.mark.parametrize(
    ("parent_of_first", "parent_of_vox", "damage"),
    [
        (
            "9",
            "9",
            ['the group track "G1" is inside itself (a cycle of groups); its group was ignored'],
        ),
        (
            "8",
            "9",
            ['the group track "G1" is inside itself (a cycle of groups); its group was ignored'],
        ),
        ("-1", "77", ['the track "Vox" names group 77, which is no group track; it was ignored']),
        ("10", "9", ['the track "G1" names group 10, which is no group track; it was ignored']),
    ],
)
def test_group_cycles_and_dangling_parents_are_damage(
    tmp_path, parent_of_first, parent_of_vox, damage
):
    path = _grouped(tmp_path, parent_of_first, parent_of_vox)
    for command in (["--no-cache", "--stage", "release", "--format", "json"], ["inspect"]):
        done = _run(*command, path)
        assert done.returncode in (0, 1), done.stderr
    findings = json.loads(_run("--no-cache", "--format", "json", path).stdout)["files"][0][
        "findings"
    ]
    assert [f["message"] for f in findings if f["code"] == "ALS001"] == [
        f"Damaged set: {note}" for note in damage
    ]
    assert "G1" in _run("textconv", path).stdout


# -- values that would hang or explode: bounded where they are read -------------------------

_VOX = '<AudioTrack Id="8">'
_VOX_PAN = '<Pan><LomId Value="0"/><Manual Value="0"/>'


@pytest.mark.parametrize(
    ("old", "new", "damage"),
    [
        (
            '<Manual Value="201"/>',
            '<Manual Value="2970"/>',
            "the time signature could not be read and was skipped (time signature code 2970 "
            "is not one Live writes)",
        ),
        (
            '<Manual Value="201"/>',
            f'<Manual Value="{99 * 18}"/>',  # a denominator of 2^18
            "the time signature could not be read and was skipped (time signature code 1782 "
            "is not one Live writes)",
        ),
        (
            '<Manual Value="201"/>',
            '<Manual Value="1e15"/>',
            "the time signature could not be read and was skipped (time signature code 1e+15 "
            "is not one Live writes)",
        ),
        (
            '<Manual Value="120"/>',
            '<Manual Value="1e15"/>',
            "the tempo 1e+15 is outside Live's 20…999 BPM; 120 BPM was assumed",
        ),
        (
            '<Manual Value="120"/>',
            f'<Manual Value="{"9" * 4000}"/>',
            "the tempo could not be read and was skipped (value '99999999999999999999'… "
            "(4000 characters) is not a finite number)",
        ),
        (
            _VOX_PAN,
            '<Pan><LomId Value="0"/><Manual Value="1e308"/>',
            "the mixer of track 'Vox' could not be read and was skipped (pan 1e+308 is outside "
            "-1…1)",
        ),
        (
            'SecTime="0.5"',
            'SecTime="1e308"',
            'an arrangement clip on track "Vox" could not be read and was skipped (time '
            "'1e308' is beyond any arrangement)",
        ),
        (
            _VOX,
            f'<AudioTrack Id="{"9" * 4000}">',
            "track 1 (AudioTrack) could not be read and was skipped (track id "
            "'99999999999999999999'… (4000 characters) is too long)",
        ),
    ],
)
def test_values_out_of_range_are_damage(tmp_path, old, new, damage):
    xml = set_xml([audio_track("Vox", [audio_clip(0, 16)])], tempo=120.0)
    assert old in xml
    path = tmp_path / "values.als"
    path.write_bytes(gz(xml.replace(old, new, 1)))
    out = tmp_path / "report.json"
    done = _run("--no-cache", "--stage", "release", "--format", "json", "-o", out, path)
    assert done.returncode in (0, 1), done.stderr
    findings = json.loads(out.read_text())["files"][0]["findings"]
    assert [f["message"] for f in findings if f["code"] == "ALS001"] == [f"Damaged set: {damage}"]
    assert not [f for f in findings if f["code"] == "ALS002"]
    for command in (
        ["inspect"],
        ["textconv"],
        ["--no-cache", "--format", "html", "-o", tmp_path / "r.html"],
    ):
        assert _run(*command, path).returncode in (0, 1)


@pytest.mark.parametrize("creator", ["Ableton Live x.y", "Ableton Live 1" + "2" * 5000, "", "Live"])
def test_odd_creator_strings_read_in_every_format(tmp_path, creator):
    xml = set_xml([audio_track("Vox", [audio_clip(0, 16)])])
    path = tmp_path / "creator.als"
    path.write_bytes(gz(xml.replace('Creator="Ableton Live 12.3.5"', f'Creator="{creator}"', 1)))
    for output_format in ("html", "json", "text"):
        done = _run("--no-cache", "--format", output_format, "-o", tmp_path / "r", path)
        assert done.returncode in (0, 1), done.stderr
    assert _run("inspect", path).returncode == 0


def test_automation_out_of_range_is_damage(capsys, tmp_path):
    xml = set_xml(
        [audio_track("Vox", [audio_clip(0, 16)], automation={"Pan": [(0, 0.0), (4, 0.5)]})]
    )
    old = '<FloatEvent Id="2" Time="4" Value="0.5"/>'
    assert old in xml
    path = tmp_path / "pan.als"
    path.write_bytes(gz(xml.replace(old, old.replace("0.5", "1e308"))))
    code, out, _ = lint(capsys, "--no-cache", "--stage", "release", "--format", "json", path)
    findings = json.loads(out)["files"][0]["findings"]
    assert [f["message"] for f in findings if f["code"] in ("ALS001", "ALS002")] == [
        "Damaged set: the automation of Pan could not be read and was skipped (pan 1e+308 is "
        "outside -1…1)"
    ]
    assert lint(capsys, "inspect", path)[0] == 0


# -- memory bounded by the input: the cap bounds tags, not only bytes ----------------------


def test_tiny_elements_are_bounded_by_the_cap(capsys, tmp_path):
    # 700 locators in 60 kB: under a 1 MiB cap, more tags than a tree may hold.
    xml = set_xml(
        [audio_track("Vox", [audio_clip(0, 16)])], locators=[(f"L{i}", i) for i in range(700)]
    )
    path = tmp_path / "locators.als"
    path.write_bytes(gz(xml))
    code, _, err = lint(capsys, "--no-cache", "--max-set-mb", "1", "--format", "json", path)
    assert (code, err) == (
        2,
        f"alslint: error: {path}: holds more than 4,096 XML tags outside notes and clips, the "
        "limit for a set under the 1 MiB cap (see --max-set-mb)\n",
    )
    assert lint(capsys, "--no-cache", "--format", "json", path)[0] in (0, 1)


def test_tags_in_all_are_bounded_by_the_cap(capsys, tmp_path):
    xml = set_xml([audio_track("Vox", [audio_clip(0, 16)])])
    path = tmp_path / "tags.als"
    path.write_bytes(
        gz(xml.replace("</LiveSet>", "<Onsets>" + "<a/>" * 9000 + "</Onsets></LiveSet>"))
    )
    code, _, err = lint(capsys, "--no-cache", "--max-set-mb", "1", "--format", "json", path)
    assert (code, err) == (
        2,
        f"alslint: error: {path}: holds more than 8,192 XML tags, the limit for a set under the "
        "1 MiB cap (see --max-set-mb)\n",
    )
