"""Relinking missing samples with `--search`: matched by name, then by the size the set
stores; ambiguous matches reported, never guessed; the reference rewritten in the form of the
set's Live version (Live 11–12 strings), and refused for the Live 8–10 path alias."""

from __future__ import annotations

import shutil

from cli_helpers import cli
from set_factory import audio_clip, audio_track, write_set

from alslint.als.build import load_xml
from alslint.als.container import decode_bytes

RULE = ("--select", "missing-sample", "--no-cache")
#: The file size set_factory stores for a one-second sample (44-byte header + 2 × 24-bit frames).
SIZE = 44 + 44100 * 6


def _project(tmp_path):
    clips = [audio_clip(0, 4, sample_seconds=1.0), audio_clip(8, 12, sample_seconds=1.0)]
    return write_set(tmp_path / "Song Project" / "Song.als", [audio_track("Drums", clips)])


def test_relink_by_name_and_size(tmp_path, capsys):
    song = _project(tmp_path)
    search = tmp_path / "Moved"
    (search / "old").mkdir(parents=True)
    (search / "old" / "x.wav").write_bytes(b"\0" * 100)  # the same name, another size
    (search / "x.wav").write_bytes(b"\0" * SIZE)
    code, out, err = cli(capsys, *RULE, "--diff", "--search", str(search), str(song))
    assert code == 1 and "Would fix 1 finding (1 missing-sample) in 1 file." in err
    code, out, err = cli(capsys, *RULE, "--fix", "--search", str(search), str(song))
    assert code == 0, out + err
    assert "Fixed 1 finding (1 missing-sample) in 1 file; 0 remaining." in err
    model = load_xml("song", decode_bytes("song", song.read_bytes()))
    for clip in model.tracks[0].arrangement_clips:
        assert clip.sample.path == (search / "x.wav").as_posix()
        assert clip.sample.relative_path == "../Moved/x.wav"
        assert clip.sample.relative_path_type == 1
    assert cli(capsys, *RULE, "--fix", "--search", str(search), str(song))[0] == 0  # idempotent


def test_a_file_found_in_the_project_is_relinked_project_relative(tmp_path, capsys):
    song = _project(tmp_path)
    moved = song.parent / "Samples" / "Imported" / "x.wav"
    moved.parent.mkdir(parents=True)
    moved.write_bytes(b"\0" * SIZE)
    code, out, err = cli(capsys, *RULE, "--fix", "--search", str(tmp_path / "nowhere"), str(song))
    assert code == 0, out + err
    [clip, _] = (
        load_xml("song", decode_bytes("song", song.read_bytes())).tracks[0].arrangement_clips
    )
    assert (clip.sample.relative_path, clip.sample.relative_path_type) == (
        "Samples/Imported/x.wav",
        3,
    )


def test_ambiguous_matches_are_reported_not_guessed(tmp_path, capsys):
    song = _project(tmp_path)
    before = song.read_bytes()
    for folder in ("a", "b"):
        (tmp_path / "Moved" / folder).mkdir(parents=True)
        (tmp_path / "Moved" / folder / "x.wav").write_bytes(b"\0" * SIZE)
    code, out, err = cli(capsys, *RULE, "--fix", "--search", str(tmp_path / "Moved"), str(song))
    assert code == 1
    assert "Fixed 0 findings in 0 files; 1 remaining." in err
    assert "2 files could be it: " in out and "relink it in Live" in out
    assert song.read_bytes() == before


def test_live_10_sets_are_not_relinked(corpus_file, tmp_path, capsys):
    original = corpus_file("live10.0.1__Music-Projects__wip-4-02-20-Project__wip-4-02-20.als")
    song = tmp_path / "Project" / "wip.als"
    song.parent.mkdir()
    shutil.copyfile(original, song)
    model = load_xml("wip", decode_bytes("wip", song.read_bytes()))
    sample = next(c.sample for t in model.tracks for c in t.arrangement_clips if c.sample)
    assert sample.file_size  # Live 8–10 store it in the search hint
    (tmp_path / "Moved").mkdir()
    (tmp_path / "Moved" / sample.name).write_bytes(b"\0" * sample.file_size)
    code, out, err = cli(capsys, *RULE, "--fix", "--search", str(tmp_path / "Moved"), str(song))
    assert "alias alslint cannot write: relink it in Live" in out
    assert song.read_bytes() == original.read_bytes()


def test_live_11_corpus_set_relinked_and_only_its_reference_changed(corpus_file, tmp_path, capsys):
    original = corpus_file("live11.2.7__REI1213__haptic_dance__haptic_dance2.als")
    song = tmp_path / "Project" / "haptic.als"
    song.parent.mkdir()
    shutil.copyfile(original, song)
    old_xml = decode_bytes("old", song.read_bytes())
    assert (b"\r\n" in old_xml) is True  # a Windows set: CRLF
    (tmp_path / "Moved").mkdir()
    (tmp_path / "Moved" / "hapticmusic.aif").write_bytes(b"FORM")
    code, out, err = cli(capsys, *RULE, "--fix", "--search", str(tmp_path / "Moved"), str(song))
    assert "hapticmusic.aif" not in out, out
    new_xml = decode_bytes("new", song.read_bytes())
    changed = [(a, b) for a, b in zip(old_xml.splitlines(True), new_xml.splitlines(True)) if a != b]
    assert changed and len(old_xml.splitlines()) == len(new_xml.splitlines())
    for a, b in changed:
        tag = a.strip().split(b" ")[0]
        assert tag in (b"<Path", b"<RelativePath", b"<RelativePathType"), a
        assert b.endswith(b"\r\n")
