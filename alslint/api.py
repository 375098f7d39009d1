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
from typing import TYPE_CHECKING, ClassVar

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
from .findings import Finding, Location
from .levels import STAGE_ORDER, Severity, Stage
from .model import Clip, Device, LiveSet, Track

if TYPE_CHECKING:
    from .timeline import Timeline

__all__ = [
    "Clip",
    "Context",
    "Device",
    "Finding",
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


class Context:
    """What a rule may use besides the model: the set's timeline and location helpers."""

    def __init__(self, live_set: LiveSet, path: Path, file_exists=None):
        self.live_set = live_set
        self.path = path
        self._timeline: Timeline | None = None
        self._shared_names: set[str] | None = None
        # Rules never touch files themselves; this is the one question they may ask.
        self._file_exists = file_exists or os.path.isfile

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

    @property
    def project_dir(self) -> Path:
        """The folder holding the set: Live's project folder."""
        return self.path.parent

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
