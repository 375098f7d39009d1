"""The server's folders: every path a client names, and every sample path a lint looks up,
must lie inside the folders `alslint mcp --root` was started with."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from ..errors import AlslintError


class PathRefused(AlslintError):
    """A path outside the allowed folders, or one that is not what the tool needs."""


def _inside(path: str, folders: list[str]) -> bool:
    return any(_common(folder, path) == folder for folder in folders)


def _common(folder: str, path: str) -> str | None:
    try:
        return os.path.commonpath([folder, path])
    except ValueError:  # on another drive (Windows)
        return None


class Roots:
    """The allowed folders; relative paths are read against the first one."""

    def __init__(self, folders: list[str | os.PathLike]):
        self.folders = [os.path.realpath(folder) for folder in folders]
        # Also the folders as written, so that a path spelled through a symlinked root passes
        # the first, lexical check.
        self._spelled = [os.path.abspath(folder) for folder in folders] + self.folders

    def _real_inside(self, path: str | os.PathLike) -> str | None:
        """The real path of `path` if it lies inside a root, else None. A path outside them
        by its spelling is refused before any symlink on it is read."""
        spelled = os.path.abspath(os.path.join(self.folders[0], path))
        if not _inside(spelled, self._spelled):
            return None
        real = os.path.realpath(spelled)
        return real if _inside(real, self.folders) else None

    def resolve(self, raw: str, *, folder: bool = False) -> Path:
        """The real path of `raw` if it is inside a root and is a file (a folder when
        `folder`); else PathRefused with a one-line reason. `..` and symlinks are resolved
        before the check, so neither leads out of the roots."""
        if not raw or "\x00" in raw:
            raise PathRefused(f"{raw!r}: not a path")
        real = self._real_inside(os.path.expanduser(raw))
        if real is None:
            raise PathRefused(f"{raw}: outside the allowed folders ({', '.join(self.folders)})")
        if folder and not os.path.isdir(real):
            raise PathRefused(f"{raw}: no such folder")
        if not folder and os.path.isdir(real):
            raise PathRefused(f"{raw}: is a folder, not a Live set")
        if not folder and not os.path.exists(real):
            raise PathRefused(f"{raw}: no such file")
        return Path(real)

    def inside(self, path: str | os.PathLike) -> bool:
        """True when `path`, symlinks resolved, lies inside a root (it need not exist)."""
        return self._real_inside(path) is not None

    def sample_guard(self) -> tuple[Callable[[Path], bool], list[str]]:
        """A file-exists check for one lint that looks only inside the roots, and the list it
        fills with the sample paths it did not look at (answered as not found)."""
        outside: list[str] = []

        def file_exists(path: Path) -> bool:
            real = self._real_inside(path)
            if real is not None:
                return os.path.isfile(real)
            if str(path) not in outside:
                outside.append(str(path))
            return False

        return file_exists, outside
