"""The fix writer: only the bytes of the edited values change, the original is kept in
`Backup/` as Live names its backups, and a write that fails or is killed at any step leaves
the old or the new set in place, never a broken one."""

from __future__ import annotations

import datetime
import gzip
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from set_factory import audio_clip, audio_track, set_xml, write_set

from alslint.als.build import load_xml
from alslint.als.container import decode_bytes
from alslint.findings import Edit
from alslint.fix import writer
from alslint.fix.writer import FixError, Snapshot, apply_edits, backup_path, verify, write_fixed

SOLO = Edit(track=1, path="DeviceChain/Mixer/SoloSink", old="true", new="false")
FADE = Edit(track=0, clip=("arrangement", 0), path="Fades/FadeInLength", old="0", new="0.008")


def _tracks():
    return [
        audio_track("Drums", [audio_clip(0, 16, fade_switch=False)]),
        audio_track("Bass", [audio_clip(0, 16)], solo=True),
    ]


@pytest.fixture
def song(tmp_path) -> Path:
    path = write_set(tmp_path / "Song Project" / "Song.als", _tracks())
    path.chmod(0o640)
    return path


def _xml(path: Path) -> bytes:
    return decode_bytes(str(path), path.read_bytes())


def test_edits_change_only_the_bytes_of_their_values(song):
    old = _xml(song)
    new = apply_edits(old, [SOLO, FADE])
    assert len(new) == len(old) - len("true") + len("false") - len("0") + len("0.008")
    assert old.replace(b'<SoloSink Value="true"', b'<SoloSink Value="false"', 1) == new.replace(
        b'<FadeInLength Value="0.008"', b'<FadeInLength Value="0"', 1
    )
    verify(old, new, [SOLO, FADE])
    model = load_xml("song", new)
    assert not model.tracks[1].mixer.solo
    assert model.tracks[0].arrangement_clips[0].fades.fade_in == 0.008


def test_crlf_and_quoting_stay_as_they_were(tmp_path):
    xml = set_xml(_tracks()).replace("\n", "\r\n").encode()
    xml = xml.replace(b'<Name Value="Clip"', b"<Name Value='Cl\"ip'", 1)
    new = apply_edits(xml, [SOLO])
    assert new.count(b"\r\n") == xml.count(b"\r\n")
    assert b"<Name Value='Cl\"ip'" in new
    verify(xml, new, [SOLO])


def test_an_edit_whose_old_value_the_set_does_not_hold_is_refused(song):
    with pytest.raises(FixError, match="holds 'true', not 'false'"):
        apply_edits(_xml(song), [SOLO.model_copy(update={"old": "false", "new": "true"})])
    with pytest.raises(FixError, match="no track 9"):
        apply_edits(_xml(song), [SOLO.model_copy(update={"track": 8})])


def test_verify_refuses_any_other_difference(song):
    old = _xml(song)
    new = apply_edits(old, [SOLO]).replace(b'<Name Value="Clip"', b'<Name Value="Clap"', 1)
    with pytest.raises(FixError, match="differs from the old one"):
        verify(old, new, [SOLO])


def test_verify_refuses_duplicate_pointee_ids(song):
    old = _xml(song)
    ids = old.split(b'<AutomationTarget Id="')[1:3]
    first, second = (part.split(b'"')[0] for part in ids)
    broken = old.replace(
        b'<AutomationTarget Id="' + second + b'"', b'<AutomationTarget Id="' + first + b'"', 1
    )
    with pytest.raises(FixError, match="same pointee id twice"):
        verify(broken, broken, [])


def test_the_fixed_set_and_its_backup(song):
    original = song.read_bytes()
    new_xml = apply_edits(_xml(song), [SOLO])
    backup = write_fixed(Snapshot.read(song), new_xml, [SOLO])
    assert backup.parent == song.parent / "Backup"
    assert backup.name.startswith("Song [") and backup.read_bytes() == original
    data = song.read_bytes()
    assert data[:10] == original[:10] == b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x13"
    assert gzip.decompress(data) == new_xml
    assert oct(song.stat().st_mode & 0o777) == "0o640"
    assert sorted(p.name for p in song.parent.iterdir()) == ["Backup", "Song.als"]


def test_a_plain_xml_set_stays_plain(tmp_path):
    path = write_set(tmp_path / "Plain.als", _tracks(), gzipped=False)
    new_xml = apply_edits(path.read_bytes(), [SOLO])
    write_fixed(Snapshot.read(path), new_xml, [SOLO])
    assert path.read_bytes() == new_xml


def test_backups_never_overwrite_each_other(song):
    now = datetime.datetime(2026, 1, 2, 3, 4, 5)
    first = backup_path(song, now)
    assert first.name == "Song [2026-01-02 030405].als"
    first.parent.mkdir()
    first.write_bytes(b"older")
    assert backup_path(song, now).name == "Song [2026-01-02 030405] 2.als"


def test_a_set_changed_on_disk_since_it_was_read_is_not_written(song):
    snapshot = Snapshot.read(song)
    new_xml = apply_edits(snapshot.xml, [SOLO])
    song.write_bytes(song.read_bytes() + b"")  # same bytes, but saved again
    os.utime(song, ns=(snapshot.mtime_ns + 10**9, snapshot.mtime_ns + 10**9))
    with pytest.raises(FixError, match="changed on disk"):
        write_fixed(snapshot, new_xml, [SOLO])
    assert not (song.parent / "Backup").exists()


# -- faults: every step may fail; the set is then the old one (or the new one), never broken --


def _fail_on_set(song, real):
    def failing(*args, **kwargs):
        target = args[1] if len(args) > 1 else args[0]
        if isinstance(target, (str, os.PathLike)) and Path(target).name == song.name:
            raise OSError(28, "No space left on device")
        return real(*args, **kwargs)

    return failing


def _assert_old_set_and_backup(song, original):
    assert song.read_bytes() == original
    [backup] = (song.parent / "Backup").iterdir()
    assert backup.read_bytes() == original
    assert sorted(p.name for p in song.parent.iterdir()) == ["Backup", "Song.als"]  # no temp left


def test_a_failing_rename_leaves_the_old_set(song, monkeypatch):
    original = song.read_bytes()
    monkeypatch.setattr(writer.os, "replace", _fail_on_set(song, os.replace))
    with pytest.raises(OSError):
        write_fixed(Snapshot.read(song), apply_edits(_xml(song), [SOLO]), [SOLO])
    _assert_old_set_and_backup(song, original)


def test_a_failing_sync_leaves_the_old_set(song, monkeypatch):
    original = song.read_bytes()
    calls = []

    def fsync(fd):
        calls.append(fd)
        if len(calls) == 3:  # backup file, backup folder, then the new set's temporary file
            raise OSError(5, "Input/output error")
        return real(fd)

    real = os.fsync
    monkeypatch.setattr(writer.os, "fsync", fsync)
    with pytest.raises(OSError):
        write_fixed(Snapshot.read(song), apply_edits(_xml(song), [SOLO]), [SOLO])
    _assert_old_set_and_backup(song, original)


def test_a_failing_write_leaves_the_old_set(song, monkeypatch):
    original = song.read_bytes()
    real, opened = os.fdopen, []

    class FullDisk:
        """The new set's temporary file: half of it is written, then the disk is full."""

        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            self.handle.write(data[: len(data) // 2])
            raise OSError(28, "No space left on device")

    def fdopen(fd, *args, **kwargs):
        opened.append(fd)
        handle = real(fd, *args, **kwargs)
        return handle if len(opened) == 1 else FullDisk(handle)  # the backup is written whole

    monkeypatch.setattr(writer.os, "fdopen", fdopen)
    with pytest.raises(OSError, match="No space"):
        write_fixed(Snapshot.read(song), apply_edits(_xml(song), [SOLO]), [SOLO])
    _assert_old_set_and_backup(song, original)


def test_a_write_that_reads_back_wrong_is_undone(song, monkeypatch):
    original = song.read_bytes()
    monkeypatch.setattr(
        writer,
        "compress",
        lambda xml, like: (
            writer.gzip_like(xml.replace(b"Bass", b"Bast"), like)
            if False
            else gzip.compress(xml.replace(b"Bass", b"Bast"))
        ),
    )
    with pytest.raises(FixError, match="does not read back as intended; the original was put back"):
        write_fixed(Snapshot.read(song), apply_edits(_xml(song), [SOLO]), [SOLO])
    _assert_old_set_and_backup(song, original)


KILL = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from alslint.fix import writer
    from alslint.findings import Edit

    song, step = Path(sys.argv[1]), sys.argv[2]
    real_replace = os.replace

    def replace(source, target):
        if Path(target) == song and step == "before-rename":
            os._exit(9)  # killed with the new set written and synced, not yet renamed
        real_replace(source, target)
        if Path(target) == song and step == "after-rename":
            os._exit(9)  # killed before the read-back

    writer.os.replace = replace
    edit = Edit(track=1, path="DeviceChain/Mixer/SoloSink", old="true", new="false")
    snapshot = writer.Snapshot.read(song)
    writer.write_fixed(snapshot, writer.apply_edits(snapshot.xml, [edit]), [edit])
    """
)


@pytest.mark.parametrize("step", ["before-rename", "after-rename"])
def test_a_kill_at_any_step_leaves_a_whole_set_and_the_backup(song, step):
    original = song.read_bytes()
    done = subprocess.run([sys.executable, "-c", KILL, str(song), step], check=False)
    assert done.returncode == 9
    data = song.read_bytes()
    assert data == original if step == "before-rename" else data != original
    model = load_xml("song", decode_bytes("song", data))  # a whole set either way
    assert model.tracks[1].mixer.solo is (step == "before-rename")
    [backup] = (song.parent / "Backup").iterdir()
    assert backup.read_bytes() == original
