"""What a rule finds, where, and how it may be fixed: shared by the rule API, the engine, the
fix writer and every report."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from . import describe


class Location(BaseModel):
    """Where in the set a finding is: a logical path a producer can follow in Live."""

    model_config = ConfigDict(extra="forbid")

    track: str | None = None
    track_index: int | None = None  # display position, 0-based
    #: The track's number (1-based), set only when another track has the same name.
    track_number: int | None = None
    clip: str | None = None
    #: The clip lies in a take lane (Live 12), numbered from 1 as Live shows it: its bars are
    #: where the lane holds it, not where the arrangement plays.
    take_lane: int | None = None
    device: str | None = None
    parameter: str | None = None
    scene: str | None = None
    start: float | None = None  # beats
    end: float | None = None  # beats (exclusive)
    bar_start: int | None = None  # filled from start/end by the engine
    bar_end: int | None = None

    @property
    def bars(self) -> str | None:
        if self.bar_start is None:
            return None
        return describe.bars(self.bar_start, self.bar_end)

    @property
    def track_label(self) -> str | None:
        """The track's name, with its number when another track has the same name."""
        if self.track and self.track_number is not None:
            return f"{self.track} (track {self.track_number})"
        return self.track

    @property
    def object_path(self) -> str:
        """`track › device › parameter` / `track › clip`, without the bars."""
        parts = [p for p in (self.track_label, self.device, self.parameter) if p]
        if self.take_lane is not None:
            parts.append(f"take lane {self.take_lane}")
        if self.clip is not None:
            parts.append(f'clip "{self.clip}"' if self.clip else "unnamed clip")
        if self.scene:
            parts.append(f"scene {self.scene}")
        return " › ".join(parts)

    def __str__(self) -> str:
        path, bars = self.object_path, self.bars
        if path and bars:
            return f"{path} @ {bars}"
        return path or bars or "whole set"


#: The clip lists of a track, as the model holds them.
ClipList = Literal["arrangement", "session", "take_lane"]


class Edit(BaseModel):
    """One value the set already holds, to be changed: the `Value` attribute of the element at
    `path` below a track (or below one of its clips), from `old` (exactly as the set holds it)
    to `new`. The writer refuses the edit when the set does not hold `old` there."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    track: int  # Track.index
    #: ("arrangement" | "session" | "take_lane", position in that list of the track's clips)
    clip: tuple[ClipList, int] | None = None
    #: Child elements, e.g. "DeviceChain/Mixer/SoloSink" (from the track; `DeviceChain` is the
    #: master's `MasterChain` in Live 8) or "Fades/FadeInLength" (from the clip).
    path: str
    old: str  # as the set holds it; numbers compare by value ("0" is "0.0")
    new: str


class Fix(BaseModel):
    """How to repair a finding: edits applied together, or not at all."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    description: str  # what the fix does, in a producer's words: "un-solo the track"
    edits: list[Edit]


class Finding(BaseModel):
    """What a rule yields: a message in a producer's words, where it applies, and how it may
    be fixed (see `Rule.fix_safety`)."""

    model_config = ConfigDict(extra="forbid")

    message: str
    location: Location = Field(default_factory=Location)
    fix: Fix | None = None
