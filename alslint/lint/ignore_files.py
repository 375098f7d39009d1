"""Which `.alslint-ignore` applies to a set: found the way the configuration is.

For each set, the nearest `.alslint-ignore` in its folder or a folder above it, up to the root
of its git repository (or of the file system); failing that, the one next to the configuration
file; failing that, the one in the current folder. One file applies per set. Paths in an
ignore file are relative to the folder it is in, so the same set gets the same findings
accepted whichever folder alslint runs from.
"""

from __future__ import annotations

import os
from pathlib import Path

from . import baseline
from .config import Config
from .engine import display_path
from .results import FileResult, RunResult


def _present(path: Path) -> bool:
    # Anything by that name counts, so that a pipe, a device or a link out of the folder is
    # refused when it is read, not silently passed over.
    return os.path.lexists(path)


def ignore_file_for(set_path: Path, config: Config) -> Path | None:
    """The ignore file that applies to `set_path` (see the module docstring), or None."""
    folder = set_path.resolve().parent
    for candidate in [folder, *folder.parents]:
        if _present(candidate / baseline.IGNORE_FILE):
            return candidate / baseline.IGNORE_FILE
        if (candidate / ".git").exists():
            break
    for candidate in ([config.root] if config.source else []) + [Path.cwd()]:
        if _present(candidate / baseline.IGNORE_FILE):
            return candidate / baseline.IGNORE_FILE
    return None


def apply(result: RunResult, config: Config) -> None:
    """Drop the findings accepted in each set's ignore file; report its stale entries."""
    groups: dict[Path, list[FileResult]] = {}
    for file in result.files:
        found = ignore_file_for(Path(file.path), config)
        if found is not None:
            # The folder is resolved, never the file: a link must be read as a link (refused
            # when it points out of its folder).
            groups.setdefault(found.parent.resolve() / found.name, []).append(file)
    for ignore_file, files in groups.items():
        named = Path(display_path(ignore_file))
        shown = {Path(file.path).resolve(): file.path for file in files}
        # Entries name sets relative to the ignore file's folder; the run names them as shown.
        entries = [
            (shown.get((ignore_file.parent / path).resolve(), path), code, where)
            for path, code, where in baseline.read(named)
        ]
        part = RunResult.model_construct(stage=result.stage, files=files)
        baseline.apply(part, entries, named)
