"""Reports are written to a temporary file and renamed: whatever ends the write, no temporary
file is left behind and the target is either the old file or the new one."""

import os

import pytest

from alslint.files import write_text_atomically


@pytest.mark.parametrize("interruption", [KeyboardInterrupt, OSError])
def test_an_interrupted_write_leaves_the_old_file_and_no_temporary_file(
    tmp_path, monkeypatch, interruption
):
    target = tmp_path / "report.html"
    target.write_text("old")

    def interrupted(src, dst):
        raise interruption()

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(interruption):
        write_text_atomically(target, "new")
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]
    assert target.read_text() == "old"
