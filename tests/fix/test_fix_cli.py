"""`alslint --fix`, `--unsafe-fixes` and `--diff` on sets: what they write, print and exit
with, and the sets they refuse to write."""

from __future__ import annotations

import gzip

from cli_helpers import cli
from set_factory import audio_clip, audio_track, set_xml, write_set

RULES = ("--select", "missing-fade,soloed-track", "--no-cache")


def _song(tmp_path):
    tracks = [
        audio_track("Drums", [audio_clip(0, 16, looped=True, fade_switch=False)]),
        audio_track("Bass", [audio_clip(0, 16)], solo=True),
    ]
    return write_set(tmp_path / "Song.als", tracks)


def test_fix_applies_the_safe_fixes_and_reports_what_remains(tmp_path, capsys):
    song = _song(tmp_path)
    code, out, err = cli(capsys, *RULES, "--fix", str(song))
    assert code == 1  # the solo is left: its fix is unsafe
    assert "ALS401" in out and "ALS301" not in out
    assert "Fixed 1 finding (1 missing-fade) in 1 file; 1 remaining." in err
    assert "overwritten when Live saves it" in err
    assert len(list((tmp_path / "Backup").iterdir())) == 1


def test_unsafe_fixes_also_unsolo_and_a_second_run_changes_nothing(tmp_path, capsys):
    song = _song(tmp_path)
    code, out, err = cli(capsys, *RULES, "--fix", "--unsafe-fixes", str(song))
    assert code == 0
    assert "Fixed 2 findings (1 missing-fade, 1 soloed-track) in 1 file; 0 remaining." in err
    fixed = song.read_bytes()
    code, out, err = cli(capsys, *RULES, "--fix", "--unsafe-fixes", str(song))
    assert code == 0 and "Fixed 0 findings in 0 files; 0 remaining." in err
    assert song.read_bytes() == fixed
    assert len(list((tmp_path / "Backup").iterdir())) == 1


def test_diff_describes_the_fixes_and_writes_nothing(tmp_path, capsys):
    song = _song(tmp_path)
    before = song.read_bytes()
    code, out, err = cli(capsys, *RULES, "--diff", "--unsafe-fixes", str(song))
    assert code == 1
    assert out == (
        f"{song.as_posix()} (fixed)\n"
        'audio track "Drums"\n'
        '  clip "Clip" at bar 1.1: fades changed\n'
        'audio track "Bass"\n'
        "  solo released\n"
        "2 changes in 2 tracks\n"
    )
    assert err == "Would fix 2 findings (1 missing-fade, 1 soloed-track) in 1 file.\n"
    assert song.read_bytes() == before and not (tmp_path / "Backup").exists()
    cli(capsys, *RULES, "--fix", "--unsafe-fixes", str(song))
    assert cli(capsys, *RULES, "--diff", "--unsafe-fixes", str(song))[0] == 0


def test_a_set_of_a_newer_live_is_not_written(tmp_path, capsys):
    xml = set_xml([audio_track("Bass", [audio_clip(0, 16)], solo=True)])
    song = tmp_path / "Future.als"
    song.write_bytes(
        gzip.compress(xml.replace("Ableton Live 12.3.5", "Ableton Live 13.0.1").encode())
    )
    before = song.read_bytes()
    code, out, err = cli(capsys, *RULES, "--fix", "--unsafe-fixes", str(song))
    assert code == 2
    assert (
        f"alslint: error: {song.as_posix()}: refusing to fix a set saved by Ableton Live 13.0.1, "
        "newer than alslint knows (ALS003)\n"
    ) in err
    assert song.read_bytes() == before


def test_a_damaged_set_is_not_written_and_the_others_are(tmp_path, capsys):
    xml = set_xml([audio_track("Bass", [audio_clip(0, 16)], solo=True)])
    damaged = tmp_path / "a" / "Damaged.als"
    damaged.parent.mkdir()
    damaged.write_bytes(
        gzip.compress(xml.replace('<CurrentEnd Value="16"', '<CurrentEnd Value="x"', 1).encode())
    )
    before = damaged.read_bytes()
    good = _song(tmp_path / "b")
    code, out, err = cli(capsys, *RULES, "--fix", "--unsafe-fixes", str(damaged), str(good))
    assert code == 2
    assert f"alslint: error: {damaged.as_posix()}: refusing to fix a damaged set (ALS001): " in err
    assert damaged.read_bytes() == before
    assert "Fixed 2 findings (1 missing-fade, 1 soloed-track) in 1 file" in err


def test_findings_accepted_in_the_ignore_file_are_not_fixed(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    song = _song(tmp_path)
    before = song.read_bytes()
    assert cli(capsys, *RULES, "--generate-ignore", "Song.als")[0] == 0
    code, out, err = cli(capsys, *RULES, "--fix", "--unsafe-fixes", "Song.als")
    assert code == 0 and "Fixed 0 findings in 0 files; 0 remaining." in err
    assert song.read_bytes() == before
