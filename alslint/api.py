"""The public rule API: everything a rule author imports, built-in rules included.

A rule is a subclass of `Rule` that declares its metadata as class attributes and implements
`check(live_set, options, context)`, yielding `Finding`s. Rules never print, read config or
touch files; the engine stamps code, severity and file onto what they yield.

    from alslint.api import Finding, Rule, RuleOptions, Severity, Stage

    class LoudMaster(Rule):
        code = "ALS901"
        name = "loud-master"
        summary = "The master fader is above 0 dB."
        stage = Stage.MIXING
        default_severity = Severity.WARNING

        def check(self, live_set, options, context):
            if live_set.master.mixer.volume_db > 0:
                yield Finding(
                    message="The master fader is above 0 dB.",
                    location=context.location(track=live_set.master),
                )
"""

from __future__ import annotations

import fnmatch
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import BaseModel, ConfigDict

from . import describe

# Which tracks sound in which bar (alslint.activity), for the arrangement rules and yours.
from .activity import (
    bar_runs,
    song_bars,
    song_span,
    sounding_bars,
    sounding_clips,
    sounding_tracks,
    tracks_per_bar,
)
from .describe import MIN_GAIN, gain_to_db
from .findings import Edit, Finding, Fix, Location
from .levels import STAGE_ORDER, Severity, Stage
from .model import Clip, Device, LiveSet, Track

if TYPE_CHECKING:
    from .timeline import Timeline

__all__ = [
    "Clip",
    "Context",
    "Device",
    "Edit",
    "Finding",
    "Fix",
    "LiveSet",
    "Location",
    "Rule",
    "RuleOptions",
    "Severity",
    "Stage",
    "Track",
    "MIN_GAIN",
    "STAGE_ORDER",
    "describe",
    "gain_to_db",
    "name_matches",
    "bar_runs",
    "song_bars",
    "song_span",
    "sounding_bars",
    "sounding_clips",
    "sounding_tracks",
    "tracks_per_bar",
]


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class RuleOptions(BaseModel):
    """Base of a rule's options. Fields are written in kebab-case in config files."""

    model_config = ConfigDict(extra="forbid", alias_generator=_kebab, frozen=True)


def name_matches(name: str, patterns: list[str]) -> bool:
    """Case-insensitive glob match of a track/clip/device name, for rules' allow lists."""
    lowered = name.lower()
    return any(fnmatch.fnmatchcase(lowered, pattern.lower()) for pattern in patterns)


#: The folder Live keeps in every project folder; it marks the project's root.
PROJECT_INFO = "Ableton Project Info"
#: How far above a set's folder its project folder is looked for.
PROJECT_FOLDERS_UP = 3


class Context:
    """What a rule may use besides the model: the set's timeline and location helpers."""

    def __init__(
        self, live_set: LiveSet, path: Path, file_exists=None, search_paths=(), folder_exists=None
    ):
        self.live_set = live_set
        self.path = path
        self._timeline: Timeline | None = None
        self._shared_names: set[str] | None = None
        # Rules never touch files themselves; these are the questions they may ask.
        self._file_exists = file_exists or os.path.isfile
        #: Folders to look for moved samples in (`--search`, config `sample-search-paths`).
        self.search_paths = [Path(p) for p in search_paths]
        self._files_by_name: dict[str, list[tuple[Path, int]]] | None = None
        self._folder_exists = folder_exists or os.path.isdir
        self._project_dir: Path | None = None

    def installed_plugins(
        self, folders: list[str] = (), list_file: str | None = None, standard: bool = True
    ):
        """The plugins installed on this machine (`alslint.installed_plugins.Inventory`: ask
        it `has(format, name)`), from Live's standard plugin folders that exist (when
        `standard`), extra `folders` and a `list_file` of names; None when there is nothing
        to read (e.g. a Linux CI runner), so a rule can say nothing rather than guess."""
        from .installed_plugins import installed_plugins

        return installed_plugins(tuple(folders), list_file, standard)

    @property
    def shared_track_names(self) -> set[str]:
        """Names more than one track has: findings there carry the track's number."""
        if self._shared_names is None:
            names = [track.name for track in self.live_set.tracks]
            self._shared_names = {name for name in names if names.count(name) > 1}
        return self._shared_names

    def file_exists(self, path: str | Path) -> bool:
        """True when a file exists at `path` (resolved against the current folder)."""
        return bool(self._file_exists(Path(path)))

    def find_files(self, name: str) -> list[tuple[Path, int]]:
        """(path, size) of every file called `name` below the search folders and the project
        folder (`Backup/` and hidden folders left out), sorted; empty without search folders."""
        if not self.search_paths:
            return []
        if self._files_by_name is None:
            self._files_by_name = {}
            seen: set[Path] = set()
            for top in [*self.search_paths, self.project_dir]:
                for folder, dirs, files in os.walk(top):
                    dirs[:] = [d for d in dirs if d != "Backup" and not d.startswith(".")]
                    for file in files:
                        found = Path(os.path.abspath(os.path.join(folder, file)))
                        if found not in seen and found.is_file():
                            seen.add(found)
                            entry = (found, found.stat().st_size)
                            self._files_by_name.setdefault(file, []).append(entry)
        return sorted(self._files_by_name.get(name, []))

    @property
    def project_dir(self) -> Path:
        """Live's project folder, absolute: the nearest folder holding `Ableton Project Info`,
        from the set's own folder up to `PROJECT_FOLDERS_UP` above it (a set in `Backup/` or
        a sub-folder), else the set's own folder. Never the current folder: a lint's result
        must not depend on where it runs."""
        if self._project_dir is None:
            own = Path(os.path.abspath(self.path)).parent
            self._project_dir = own
            folder = own
            for _ in range(PROJECT_FOLDERS_UP + 1):
                if self._folder_exists(folder / PROJECT_INFO):
                    self._project_dir = folder
                    break
                if folder.parent == folder:
                    break
                folder = folder.parent
        return self._project_dir

    @property
    def timeline(self) -> Timeline:
        if self._timeline is None:
            self._timeline = self.live_set.timeline()
        return self._timeline

    def bars(self, start: float, end: float | None = None) -> str:
        """ "bar 5" or "bars 33–64" for a span in beats (end exclusive)."""
        return str(Location(**self._bar_span(start, end)).bars)

    def _bar_span(self, start: float, end: float | None) -> dict:
        first = self.timeline.bar_of(start)
        last = first if end is None or end <= start else self.timeline.bar_of(end - 1e-6)
        return {"start": start, "end": end, "bar_start": first, "bar_end": last}

    def edit(self, track: Track, path: str, old: str, new: str, clip: Clip | None = None) -> Edit:
        """An edit of the `Value` at `path` below `track` (or below `clip`, one of its clips),
        for a `Fix`: from `old`, as the set holds it, to `new`."""
        where = None
        if clip is not None:
            for kind, clips in (
                ("arrangement", track.arrangement_clips),
                ("session", track.session_clips),
                ("take_lane", track.take_lane_clips),
            ):
                position = next((i for i, c in enumerate(clips) if c is clip), None)
                if position is not None:
                    where = (kind, position)
                    break
            else:
                raise ValueError(f"clip {clip.name!r} is not a clip of track {track.name!r}")
        return Edit(track=track.index, clip=where, path=path, old=old, new=new)

    def location(
        self,
        track: Track | None = None,
        clip: Clip | None = None,
        device: Device | None = None,
        parameter: str | None = None,
        start: float | None = None,
        end: float | None = None,
        scene: str | None = None,
    ) -> Location:
        """Build a location; a clip's span is used when no start/end is given."""
        if clip is not None and start is None:
            start, end = clip.start, clip.end
        span = self._bar_span(start, end) if start is not None else {}
        return Location(
            track=track.name if track is not None else None,
            track_index=track.index if track is not None else None,
            track_number=track.index + 1
            if track is not None and track.name in self.shared_track_names
            else None,
            clip=clip.name if clip is not None else None,
            take_lane=clip.take_lane + 1
            if clip is not None and clip.take_lane is not None
            else None,
            device=device.name if device is not None else None,
            parameter=parameter,
            scene=scene,
            **span,
        )


_CODE = re.compile(r"^[A-Z]{2,5}\d{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


class Rule:
    """Base class of every rule. Subclasses set the metadata and implement `check`."""

    code: ClassVar[str]  # "ALS301"
    name: ClassVar[str]  # kebab-case, names the problem: "missing-fade"
    summary: ClassVar[str]  # one sentence
    stage: ClassVar[Stage]
    default_severity: ClassVar[Severity] = Severity.WARNING
    Options: ClassVar[type[RuleOptions]] = RuleOptions
    #: Whether the fixes this rule's findings carry keep the song sounding as it did ("safe":
    #: applied by `--fix`) or change it ("unsafe": only with `--unsafe-fixes`).
    fix_safety: ClassVar[Literal["safe", "unsafe"]] = "safe"

    def check(self, live_set: LiveSet, options: RuleOptions, context: Context) -> Iterator[Finding]:
        raise NotImplementedError

    @classmethod
    def metadata_problems(cls) -> list[str]:
        """What is wrong with this rule's declared metadata (empty when it is valid)."""
        problems = []
        for attr in ("code", "name", "summary", "stage"):
            if not hasattr(cls, attr):
                problems.append(f"missing `{attr}`")
        if problems:
            return problems
        if not _CODE.match(cls.code):
            problems.append(f"code {cls.code!r} is not like 'ALS123'")
        if not _NAME.match(cls.name):
            problems.append(f"name {cls.name!r} is not kebab-case")
        if not isinstance(cls.stage, Stage):
            problems.append("stage is not an alslint.api.Stage")
        if not isinstance(cls.default_severity, Severity):
            problems.append("default_severity is not an alslint.api.Severity")
        if not (isinstance(cls.Options, type) and issubclass(cls.Options, RuleOptions)):
            problems.append("Options is not a subclass of alslint.api.RuleOptions")
        if cls.fix_safety not in ("safe", "unsafe"):
            problems.append(f"fix_safety {cls.fix_safety!r} is not 'safe' or 'unsafe'")
        if cls.check is Rule.check:
            problems.append("no check() method")
        return problems

    @classmethod
    def doc(cls) -> str:
        """The rule's documentation (its sibling `<module>.md` file), or the summary."""
        module = sys.modules.get(cls.__module__)
        file = getattr(module, "__file__", None)
        if file:
            doc_path = Path(file).with_suffix(".md")
            if doc_path.is_file():
                return doc_path.read_text(encoding="utf-8")
        return cls.summary
