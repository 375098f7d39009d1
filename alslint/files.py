"""Files alslint touches: reading only regular files of bounded size, and writing files the user
asked for (reports, the ignore file) without ever leaving half a file.

Sets, configs, the ignore file and cache entries arrive from repositories and pull requests:
a named pipe would hang a read, a device (`/dev/zero`) would fill memory, and a symlink can
point anywhere (git stores symlinks). Every read goes through `open_regular`.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import BinaryIO

#: Size bounds for the files alslint reads besides sets.
MAX_CONFIG_BYTES = 4 << 20
MAX_IGNORE_BYTES = 64 << 20
MAX_CACHE_ENTRY_BYTES = 256 << 20

_NOT_REGULAR = (
    (stat.S_ISDIR, "is a folder, not a file"),
    (stat.S_ISFIFO, "is a named pipe, not a regular file"),
    (stat.S_ISCHR, "is a device, not a regular file"),
    (stat.S_ISBLK, "is a device, not a regular file"),
    (stat.S_ISSOCK, "is a socket, not a regular file"),
)


class FileRefused(Exception):
    """A file that exists but is not one alslint reads; `problem` says why, in one line."""

    def __init__(self, path: str | os.PathLike, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{path}: {problem}")


def _kind_problem(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    for test, problem in _NOT_REGULAR:
        if test(mode):
            return problem
    return "is not a regular file"


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):g} MiB"


def open_regular(
    path: str | os.PathLike, *, max_bytes: int | None = None, inside: Path | None = None
) -> BinaryIO:
    """Open `path` for reading in binary, only if it is a regular file.

    Checked with `stat` before opening (a named pipe or device is never opened) and with
    `fstat` after (the file may have been swapped meanwhile); opened non-blocking, so not even
    a race can make the open wait for a writer. `max_bytes` bounds the size; `inside` refuses
    a file whose resolved path (after symlinks) leaves that folder. Raises FileRefused, or
    OSError (FileNotFoundError for a missing file) when the system refuses.
    """
    if inside is not None:
        resolved = Path(os.path.realpath(path))
        if not resolved.is_relative_to(Path(os.path.realpath(inside))):
            raise FileRefused(path, f"is a symlink pointing outside {inside} (refused for safety)")
    problem = _kind_problem(os.stat(path).st_mode)
    if problem:
        raise FileRefused(path, problem)
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        problem = _kind_problem(info.st_mode)
        if problem:
            raise FileRefused(path, problem)
        if max_bytes is not None and info.st_size > max_bytes:
            raise FileRefused(path, f"larger than the {_mib(max_bytes)} limit for this file")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)  # a regular file: blocking reads are the normal ones
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular(path: str | os.PathLike, *, max_bytes: int, inside: Path | None = None) -> bytes:
    """The bytes of the regular file `path`, at most `max_bytes` of them (see `open_regular`)."""
    with open_regular(path, max_bytes=max_bytes, inside=inside) as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:  # grew after the check
        raise FileRefused(path, f"larger than the {_mib(max_bytes)} limit for this file")
    return data


def write_text_atomically(path: Path, text: str) -> None:
    """Write `text` to a temporary file beside `path`, then rename it into place.

    The file gets the usual mode (0666 less the umask), not mkstemp's private one. Raises
    OSError; the temporary file is removed whatever ends the write (an error, Ctrl-C).
    """
    folder = path.parent if str(path.parent) else Path(".")
    handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, path)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise
