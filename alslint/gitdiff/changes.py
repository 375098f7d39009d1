"""What `alslint diff` reports: a `Diff`, a flat list of `Change`s (the JSON contract)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from ..timeline import Timeline

DIFF_SCHEMA_VERSION = 1


class Change(BaseModel):
    """One difference. `message` is the human sentence (without the track it belongs to)."""

    kind: str
    scope: Literal["set", "track"]
    message: str
    track: str | None = None  # the track's name in the new set (old set: removed tracks)
    track_type: str | None = None
    position: int | None = None  # the track's display position (1-based): new set, old if removed
    subject: str | None = None  # the clip, device path, parameter, send, locator or scene
    old: Any = None
    new: Any = None
    bars: list[int] | None = None  # [first, last], 1-based, inclusive


class Diff(BaseModel):
    old_path: str
    new_path: str
    old_version: str
    new_version: str
    changes: list[Change] = Field(default_factory=list)

    @property
    def different(self) -> bool:
        return bool(self.changes)


# -- values as the JSON shows them ------------------------------------------------------------


def rounded(value: float | None, decimals: int = 3) -> float | None:
    """`value` rounded for JSON, None kept."""
    return None if value is None else round(value, decimals)


def span_bars(timeline: Timeline, start: float, end: float) -> list[int]:
    """[first, last] bars (1-based, inclusive) of a span in beats."""
    first = timeline.bar_of(max(start, 0.0))
    last = timeline.bar_of(max(end - 1e-6, start, 0.0))
    return [first, last]


def r3(value: float) -> float:
    """A time or length rounded to 1/1000 beat, as changes compare and show them."""
    return round(value, 3)
