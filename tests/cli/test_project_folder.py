"""A set's relative sample paths resolve against its project folder, wherever alslint runs."""

from __future__ import annotations

import json

from cli_helpers import cli
from set_factory import audio_clip, audio_track, write_set


def _missing(capsys, *argv: str) -> list[str]:
    code, out, _ = cli(
        capsys, "lint", "--isolated", "--no-cache", "--select", "ALS304", "--format", "json", *argv
    )
    return [violation["message"] for violation in json.loads(out)["files"][0]["findings"]]


def test_the_same_set_gives_the_same_result_from_any_working_folder(tmp_path, capsys, monkeypatch):
    # The clip's absolute path (/x/Samples/x.wav) is gone; its project-relative path
    # Samples/x.wav is in the project folder, two levels above the set.
    project = tmp_path / "Song Project"
    (project / "Ableton Project Info").mkdir(parents=True)
    (project / "Samples").mkdir()
    (project / "Samples" / "x.wav").write_bytes(b"RIFF")
    tracks = [audio_track("Vox", [audio_clip(0, 16, "Vox", sample_seconds=8.0)])]
    write_set(project / "Sets" / "Mix" / "song.als", tracks)
    monkeypatch.chdir(tmp_path)
    from_above = _missing(capsys, "Song Project/Sets/Mix/song.als")
    monkeypatch.chdir(project / "Sets" / "Mix")
    from_inside = _missing(capsys, "song.als")
    assert from_above == from_inside == []
    (project / "Samples" / "x.wav").unlink()
    (project / "Sets" / "Mix" / "Samples").mkdir()
    (project / "Sets" / "Mix" / "Samples" / "x.wav").write_bytes(b"RIFF")
    # Now the file lies beside the set (and the working folder), not in the project folder.
    expected = ["Samples/x.wav (used by 1 clip on Vox) is missing"]
    assert _missing(capsys, "song.als") == expected
    monkeypatch.chdir(tmp_path)
    assert _missing(capsys, "Song Project/Sets/Mix/song.als") == expected
