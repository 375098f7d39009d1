"""Finding the sets below a folder the way a user expects.

Besides Live's `Backup/` folders and the configured excludes (`engine.is_excluded`), a folder
walk skips what a user never thinks of as their sets: hidden files and folders (`.git`,
`.Trash`, …), macOS's AppleDouble companions (`._song.als`, which hold Finder metadata, not a
set), and, inside a git repository, whatever git ignores. Git itself answers that question, so
`.gitignore`, `.git/info/exclude` and the global excludes all count; without git nothing is
skipped for it.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def sets_below(folder: Path, excluded: Callable[[Path], bool]) -> list[Path]:
    """The `.als` files below `folder`, sorted, without hidden, AppleDouble, excluded and
    git-ignored ones."""
    found = [
        path
        for path in folder.rglob("*")
        if path.suffix.lower() == ".als"
        and not _hidden(path.relative_to(folder))
        and path.is_file()
        and not excluded(path)
    ]
    ignored = git_ignored(folder, found)
    return sorted(path for path in found if path not in ignored)


def git_ignored(folder: Path, paths: list[Path]) -> set[Path]:
    """Those of `paths` that git ignores, asked of git in `folder`; none outside a repository
    or without git."""
    if not paths:
        return set()
    try:
        done = subprocess.run(
            ["git", "check-ignore", "--stdin", "-z"],
            cwd=folder,
            # File names are bytes to git: os.fsencode keeps names that are not UTF-8.
            input=b"".join(os.fsencode(path.relative_to(folder)) + b"\0" for path in paths),
            capture_output=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return set()
    if done.returncode != 0:  # 1: nothing ignored; 128: not a repository
        return set()
    return {folder / os.fsdecode(name) for name in done.stdout.split(b"\0") if name}
