"""Collecting samples into the project, as Live's "Collect All and Save" does: every sample a
set plays from outside its project folder is copied into `Samples/Imported/`, and the set is
pointed at the copy, so that the project folder holds everything a collaborator needs."""

from __future__ import annotations

import filecmp
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..findings import Edit
from ..model import LiveSet

#: Where Live's "Collect All and Save" puts files from outside the project.
IMPORTED = ("Samples", "Imported")
#: `RelativePathType` of a file inside the project folder.
IN_PROJECT = "3"
#: Installed content (Live library, packs, built-in): Live does not copy it by default either.
_INSTALLED_TYPES = {2, 5, 6, 7}
_FILE_REF = "SampleRef/FileRef"


@dataclass
class Collection:
    """What collecting a set needs: files to copy, and the edits that point the set at them."""

    copies: dict[Path, Path] = field(default_factory=dict)  # source → copy in the project
    edits: list[Edit] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # why some samples were not collected


def plan(live_set: LiveSet, set_path: Path) -> Collection:
    """The copies and edits that collect every outside sample of the set (Live 11–12: the
    path strings; Live 8–10 also store a path alias alslint cannot write, and are refused)."""
    project = Path(os.path.abspath(set_path.parent))
    target_folder = project.joinpath(*IMPORTED)
    collection = Collection()
    targets: dict[Path, Path] = {}  # source → its copy
    taken: set[Path] = set()
    for track in live_set.tracks:
        for kind, clips in (
            ("arrangement", track.arrangement_clips),
            ("session", track.session_clips),
            ("take_lane", track.take_lane_clips),
        ):
            for position, clip in enumerate(clips):
                sample = clip.sample
                if sample is None or not sample.path or sample.live_pack_name:
                    continue
                if sample.relative_path_type in _INSTALLED_TYPES:
                    continue
                source = Path(sample.path)
                if not source.is_file() or project in Path(os.path.abspath(source)).parents:
                    continue
                if live_set.live_major < 11:
                    collection.refused.append(
                        f"{source.as_posix()}: Live 8–10 sets also store the path as an alias "
                        "alslint cannot write; collect it in Live"
                    )
                    continue
                if source not in targets:
                    targets[source] = _free_name(target_folder, source, taken)
                    taken.add(targets[source])
                copy = targets[source]
                where = (kind, position)
                relative = "/".join((*IMPORTED, copy.name))
                collection.edits += [
                    Edit(
                        track=track.index,
                        clip=where,
                        path=f"{_FILE_REF}/Path",
                        old=sample.path,
                        new=copy.as_posix(),
                    ),
                    Edit(
                        track=track.index,
                        clip=where,
                        path=f"{_FILE_REF}/RelativePath",
                        old=sample.relative_path or "",
                        new=relative,
                    ),
                    Edit(
                        track=track.index,
                        clip=where,
                        path=f"{_FILE_REF}/RelativePathType",
                        old=str(sample.relative_path_type or 0),
                        new=IN_PROJECT,
                    ),
                ]
    collection.copies = targets
    collection.refused = sorted(set(collection.refused))
    return collection


def _free_name(folder: Path, source: Path, taken: set[Path]) -> Path:
    """`Samples/Imported/<name>`, or `<stem> 2<suffix>`… when another file holds the name
    (the same file already collected keeps its name)."""
    candidate, number = folder / source.name, 2
    while candidate in taken or (
        candidate.exists() and not filecmp.cmp(candidate, source, shallow=False)
    ):
        candidate = folder / f"{source.stem} {number}{source.suffix}"
        number += 1
    return candidate


def copy_samples(copies: dict[Path, Path]) -> None:
    """Copy each file into the project (through a temporary file: never half a sample)."""
    for source, target in copies.items():
        if target.exists():  # the same file, collected before
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        os.close(handle)
        try:
            shutil.copy2(source, temp)
            os.replace(temp, target)
        except BaseException:
            if os.path.exists(temp):
                os.unlink(temp)
            raise
