"""Large collections of a set, stored column-wise in `array`s: automation breakpoints and
MIDI notes (the biggest real sets hold 338k notes; a model object per note would cost more
than parsing the XML itself)."""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from typing import NamedTuple


class Points:
    """Automation breakpoints, column-wise: `times[i]` (beats), `values[i]`."""

    __slots__ = ("times", "values")

    def __init__(self, times: array | None = None, values: array | None = None):
        self.times = times if times is not None else array("d")
        self.values = values if values is not None else array("d")

    def __len__(self) -> int:
        return len(self.times)

    def __iter__(self) -> Iterator[tuple[float, float]]:
        return zip(self.times, self.values)

    def __repr__(self) -> str:
        return f"Points({len(self)})"


class Note(NamedTuple):
    pitch: int
    time: float  # beats, relative to the clip's content start
    duration: float
    velocity: float
    enabled: bool


class Notes:
    """The MIDI notes of one clip, column-wise. Iterating yields `Note` tuples."""

    __slots__ = ("pitches", "times", "durations", "velocities", "enabled")

    def __init__(self):
        self.pitches = array("B")
        self.times = array("d")
        self.durations = array("d")
        self.velocities = array("d")
        self.enabled = array("b")

    def __len__(self) -> int:
        return len(self.times)

    def __iter__(self) -> Iterator[Note]:
        for pitch, time, duration, velocity, enabled in zip(
            self.pitches, self.times, self.durations, self.velocities, self.enabled
        ):
            yield Note(pitch, time, duration, velocity, bool(enabled))

    def __repr__(self) -> str:
        return f"Notes({len(self)})"
