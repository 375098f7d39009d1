"""Find the sets under some paths and group them by Live project, with their Backup/ history.

A Live project is the folder holding `Ableton Project Info`; a set outside any project belongs
to its own folder. Live saves earlier versions of a project's sets into its `Backup/` folder
(`Song [2024-03-05 101530].als` since Live 10): those are the project's history, not sets to
check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ..errors import AlslintError

PROJECT_INFO = "Ableton Project Info"
BACKUP_FOLDER = "backup"

#: A set sits in its project folder or a few folders below it (Live writes sets one level
#: down when saved into a sub-folder): look this many folders up for `Ableton Project Info`.
MAX_FOLDERS_UP = 3

#: Live 10+ names a backup after the set and the time it was saved: `Song [2024-03-05 101530].als`.
_BACKUP_TIME = re.compile(r"\[(\d{4})-(\d{2})-(\d{2}) (\d{2})(\d{2})(\d{2})\]")


@dataclass(frozen=True)
class Backup:
    path: Path
    saved: datetime


@dataclass
class Project:
    root: Path
    sets: list[Path] = field(default_factory=list)
    backups: list[Backup] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.root.name or str(self.root)


def saved_at(path: Path) -> datetime:
    """When a file was last saved (its modification time), in UTC."""
    return datetime.fromtimestamp(path.stat().st_mtime, UTC)


def backup_time(path: Path) -> datetime:
    """The save time Live wrote into a backup's name, else the file's modification time."""
    match = _BACKUP_TIME.search(path.name)
    if match:
        try:
            return datetime(*(int(part) for part in match.groups()), tzinfo=UTC)
        except ValueError:
            pass
    return saved_at(path)


def is_backup(path: Path) -> bool:
    return path.parent.name.casefold() == BACKUP_FOLDER


def project_root(path: Path) -> Path:
    """The project a set or backup belongs to."""
    folder = path.parent.parent if is_backup(path) else path.parent
    candidate = folder
    for _ in range(MAX_FOLDERS_UP + 1):
        if (candidate / PROJECT_INFO).is_dir():
            return candidate
        if candidate.parent == candidate:
            break
        candidate = candidate.parent
    return folder


def _set_files(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(p for p in path.rglob("*") if p.suffix.lower() == ".als" and p.is_file())
        elif path.is_file():
            found.append(path)
        else:
            raise AlslintError(f"{raw}: no such file or folder")
    return sorted(set(found))


def discover(paths: list[str], excluded=lambda path: False) -> list[Project]:
    """Projects under `paths`, by name; `excluded(path)` drops sets (not backups)."""
    projects: dict[Path, Project] = {}
    for path in _set_files(paths):
        backup = is_backup(path)
        if not backup and excluded(path):
            continue
        root = project_root(path)
        project = projects.setdefault(root.resolve(), Project(root))
        if backup:
            project.backups.append(Backup(path, backup_time(path)))
        else:
            project.sets.append(path)
    for project in projects.values():
        project.backups.sort(key=lambda backup: (backup.saved, backup.path.name))
    return sorted(projects.values(), key=lambda p: (p.name.casefold(), str(p.root)))
