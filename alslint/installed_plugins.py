"""The plugins installed on a machine: found in plugin folders or read from a plain list.

Standard folders are those Live scans: on macOS `/Library/Audio/Plug-Ins/{VST,VST3,Components}`
and the same under the home folder; on Windows the VST3 folder under Common Files and the
usual VST2 folders. AAX (`Common Files/Avid`) is not used by Live. A list file names one plugin
a line (`#` starts a comment), for CI or for a collaborator's machine.

Names are matched as producers see them: case-insensitive, without punctuation or spaces,
without `_x64`/`(x64)`/`64-bit` marks or a dotted version at the end. This module imports
nothing from alslint, so the rule API can offer it to rules.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

#: Plugin file or bundle suffix -> the format Live stores.
SUFFIX_FORMATS = {".vst3": "vst3", ".component": "au", ".vst": "vst2", ".dll": "vst2"}

MAC_FOLDERS = [
    "Library/Audio/Plug-Ins/VST",
    "Library/Audio/Plug-Ins/VST3",
    "Library/Audio/Plug-Ins/Components",
]
WINDOWS_FOLDERS = [
    "Program Files/Common Files/VST3",
    "Program Files/VSTPlugins",
    "Program Files/Steinberg/VSTPlugins",
]

_ARCHITECTURE = re.compile(
    r"[\s_(\[-]*(x64|x86_64|x86|64[\s-]?bit|32[\s-]?bit)[)\]]?", re.IGNORECASE
)
_VERSION = re.compile(r"[\s_-]*v?\d+(\.\d+)+$", re.IGNORECASE)
_NOT_ALNUM = re.compile(r"[\W_]+")


def plugin_key(name: str) -> str:
    """The name a producer would recognise, reduced for comparison: `Serum_x64.dll`,
    `Serum (x64)`, `serum 1.3.5` and `Serum.vst3` all give `serum`."""
    stem = name.strip()
    suffix = Path(stem).suffix.lower()
    if suffix in SUFFIX_FORMATS:
        stem = stem[: -len(suffix)]
    stem = _ARCHITECTURE.sub("", stem)
    stem = _VERSION.sub("", stem)
    return _NOT_ALNUM.sub("", stem).casefold()


def standard_folders(
    system: str | None = None, root: Path | None = None, home: Path | None = None
) -> list[Path]:
    """The folders Live scans for plugins on `system` ("darwin", "win32"; others have none).
    `root` and `home` default to the machine's; tests point them at fake trees."""
    system = system or sys.platform
    if system == "darwin":
        root = root or Path("/")
        home = home or Path.home()
        return [root / folder for folder in MAC_FOLDERS] + [home / folder for folder in MAC_FOLDERS]
    if system == "win32":
        root = root or Path(os.environ.get("SYSTEMDRIVE", "C:") + "\\")
        return [root / folder for folder in WINDOWS_FOLDERS]
    return []


@dataclass
class Inventory:
    """What is installed: per format from folders, any format from a list file."""

    by_format: dict[str, set[str]] = field(default_factory=dict)
    listed: set[str] = field(default_factory=set)
    sources: list[str] = field(default_factory=list)  # folders and files read

    def has(self, plugin_format: str, name: str) -> bool:
        key = plugin_key(name)
        return key in self.listed or key in self.by_format.get(plugin_format, set())

    def add_folder(self, folder: Path) -> None:
        for _, folders, files in os.walk(folder):
            for entry in [*folders, *files]:
                plugin_format = SUFFIX_FORMATS.get(Path(entry).suffix.lower())
                if plugin_format:
                    self.by_format.setdefault(plugin_format, set()).add(plugin_key(entry))
            # A bundle (Serum.vst3/, Serum.component/) is one plugin: never look inside.
            folders[:] = [f for f in folders if Path(f).suffix.lower() not in SUFFIX_FORMATS]
        self.sources.append(str(folder))

    def add_list(self, path: Path) -> None:
        for line in path.read_text(encoding="utf-8-sig").splitlines():
            line = line.split("#", 1)[0].strip()
            if line:
                self.listed.add(plugin_key(line))
        self.sources.append(str(path))


def installed_plugins(
    folders: tuple[str, ...] = (),
    list_file: str | None = None,
    standard: bool = True,
    system: str | None = None,
    root: Path | None = None,
    home: Path | None = None,
) -> Inventory | None:
    """The inventory from the standard folders that exist (when `standard`), `folders` and
    `list_file`; None when there is nothing to read, so that nobody guesses. Raises OSError
    for a list file that cannot be read."""
    # Read once per process for all the sets of a run; a changed list file is read again.
    stamp = os.stat(list_file).st_mtime_ns if list_file is not None else None
    return _cached(tuple(folders), list_file, stamp, standard, system, root, home)


@functools.lru_cache(maxsize=8)
def _cached(folders, list_file, stamp, standard, system, root, home) -> Inventory | None:
    inventory = Inventory()
    candidates = standard_folders(system, root, home) if standard else []
    for folder in [*candidates, *(Path(f) for f in folders)]:
        if folder.is_dir():
            inventory.add_folder(folder)
    if list_file is not None:
        inventory.add_list(Path(list_file))
    return inventory if inventory.sources else None
