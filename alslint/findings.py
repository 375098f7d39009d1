"""What a rule finds and where: shared by the rule API, the engine and every report."""

from __future__ import annotations

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


class Finding(BaseModel):
    """What a rule yields: a message in a producer's words and where it applies."""

    model_config = ConfigDict(extra="forbid")

    message: str
    location: Location = Field(default_factory=Location)
