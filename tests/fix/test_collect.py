"""`--collect`, as Live's "Collect All and Save": samples from outside the project are copied
into its `Samples/Imported/` and the set points at the copies; nothing else changes."""

from __future__ import annotations

from cli_helpers import cli
from set_factory import audio_clip, audio_track, write_set

from alslint.als.build import load_xml
from alslint.als.container import decode_bytes

SIZE = 44 + 44100 * 6


def _song_playing(tmp_path, outside):
    """A set whose two clips play `outside` (a file outside its project folder)."""
    song = write_set(
        tmp_path / "Song Project" / "Song.als",
        [
            audio_track(
                "Drums",
                [audio_clip(0, 4, sample_seconds=1.0), audio_clip(8, 12, sample_seconds=1.0)],
            )
        ],
    )
    xml = decode_bytes("song", song.read_bytes()).replace(
        b"/x/Samples/x.wav", outside.as_posix().encode()
    )
    xml = xml.replace(b'Value="Samples/x.wav"', b'Value="../Elsewhere/x.wav"').replace(
        b'<RelativePathType Value="3"', b'<RelativePathType Value="1"'
    )
    song.write_bytes(xml)  # plain XML: Live opens it, and alslint keeps it plain
    return song


def test_collect_copies_outside_samples_and_points_the_set_at_them(tmp_path, capsys):
    outside = tmp_path / "Elsewhere" / "x.wav"
    outside.parent.mkdir()
    outside.write_bytes(b"\1" * SIZE)
    song = _song_playing(tmp_path, outside)
    code, out, err = cli(capsys, "--select", "missing-sample", "--no-cache", "--collect", str(song))
    assert code == 0, out + err
    copy = song.parent / "Samples" / "Imported" / "x.wav"
    assert copy.read_bytes() == outside.read_bytes()
    assert "Collected 1 sample into Samples/Imported/ in 1 file." in err
    for clip in load_xml("song", song.read_bytes()).tracks[0].arrangement_clips:
        assert clip.sample.path == copy.as_posix()
        assert (clip.sample.relative_path, clip.sample.relative_path_type) == (
            "Samples/Imported/x.wav",
            3,
        )
    before = song.read_bytes()
    cli(capsys, "--select", "missing-sample", "--no-cache", "--collect", str(song))
    assert song.read_bytes() == before  # collected once: a second run is a no-op


def test_a_name_taken_by_another_file_gets_a_number(tmp_path, capsys):
    outside = tmp_path / "Elsewhere" / "x.wav"
    outside.parent.mkdir()
    outside.write_bytes(b"\1" * SIZE)
    song = _song_playing(tmp_path, outside)
    taken = song.parent / "Samples" / "Imported" / "x.wav"
    taken.parent.mkdir(parents=True)
    taken.write_bytes(b"another file")
    assert cli(capsys, "--no-cache", "--select", "missing-sample", "--collect", str(song))[0] == 0
    assert taken.read_bytes() == b"another file"
    assert (taken.parent / "x 2.wav").read_bytes() == outside.read_bytes()
    [clip, _] = load_xml("song", song.read_bytes()).tracks[0].arrangement_clips
    assert clip.sample.relative_path == "Samples/Imported/x 2.wav"
