"""Musical time: beats ↔ bars (following time-signature changes) and beats → seconds
(following tempo automation, as Live plays it).

Live starts a new bar at every time-signature change, so a bar cut short by a change still
counts as one bar. Tempo automation ramps linearly in BPM between breakpoints, but Live plays
a ramp as a staircase: see `RAMP_STEP`.

Like any time maths, this module knows nothing above it: the set builds its own timeline
(`LiveSet.timeline()`).
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict


class TimeSignature(BaseModel):
    """A time signature; Live stores it as one integer code."""

    model_config = ConfigDict(extra="forbid")

    numerator: int = 4
    denominator: int = 4

    @classmethod
    def from_code(cls, code: int) -> TimeSignature:
        """Decode Live's single-integer signature: (numerator - 1) + 99 * log2(denominator)."""
        exponent, numerator_minus_one = divmod(int(code), 99)
        return cls(numerator=numerator_minus_one + 1, denominator=2**exponent)

    @property
    def code(self) -> int:
        return (self.numerator - 1) + 99 * int(math.log2(self.denominator))

    @property
    def beats_per_bar(self) -> float:
        """Length of one bar in quarter-note beats."""
        return self.numerator * 4.0 / self.denominator

    def __str__(self) -> str:
        return f"{self.numerator}/{self.denominator}"


class BarPosition(NamedTuple):
    bar: int  # 1-based
    beat: int  # 1-based, in units of the signature's denominator
    sixteenth: int  # 1-based

    def __str__(self) -> str:
        return f"{self.bar}.{self.beat}.{self.sixteenth}"


@dataclass(frozen=True)
class _Segment:
    start: float  # beats
    first_bar: int
    signature: TimeSignature

    @property
    def beats_per_bar(self) -> float:
        return self.signature.beats_per_bar


class Timeline:
    def __init__(
        self,
        signature: TimeSignature,
        signature_changes: list[tuple[float, TimeSignature]] | None = None,
        tempo: float = 120.0,
        tempo_points: list[tuple[float, float]] | None = None,
    ):
        self._segments = self._build_segments(signature, signature_changes or [])
        self._segment_starts = [segment.start for segment in self._segments]
        self.tempo = tempo
        # Sorted by time only: two events at one time are a jump, in the order Live wrote them.
        self._tempo_points = sorted(
            (p for p in (tempo_points or []) if p[1] > 0), key=lambda p: p[0]
        )
        self._tempo_times = [time for time, _ in self._tempo_points]

    @staticmethod
    def _build_segments(
        signature: TimeSignature, changes: list[tuple[float, TimeSignature]]
    ) -> list[_Segment]:
        segments = [_Segment(0.0, 1, signature)]
        # Two events at the same time encode a jump: the later one wins.
        for time, sig in sorted(changes, key=lambda change: change[0]):
            last = segments[-1]
            if time <= last.start:
                segments[-1] = _Segment(last.start, last.first_bar, sig)
                continue
            if sig == last.signature:
                continue
            bars = math.ceil((time - last.start) / last.signature.beats_per_bar - 1e-9)
            segments.append(_Segment(time, last.first_bar + bars, sig))
        return segments

    def _segment_at(self, beat: float) -> _Segment:
        index = bisect.bisect_right(self._segment_starts, beat) - 1
        return self._segments[max(index, 0)]

    def signature_at(self, beat: float) -> TimeSignature:
        return self._segment_at(beat).signature

    def bar_of(self, beat: float) -> int:
        """The 1-based bar that contains `beat` (rules call this a lot: kept lean)."""
        beat = max(beat, 0.0)
        segment = self._segments[max(bisect.bisect_right(self._segment_starts, beat) - 1, 0)]
        return segment.first_bar + int((beat - segment.start + 1e-9) // segment.beats_per_bar)

    def position(self, beat: float) -> BarPosition:
        segment = self._segment_at(max(beat, 0.0))
        per_bar = segment.signature.beats_per_bar
        offset = max(beat, 0.0) - segment.start
        bars, in_bar = divmod(offset + 1e-9, per_bar)
        beat_length = 4.0 / segment.signature.denominator
        beat_index, in_beat = divmod(in_bar, beat_length)
        sixteenth = int(in_beat // 0.25)
        return BarPosition(segment.first_bar + int(bars), int(beat_index) + 1, sixteenth + 1)

    def bar_start(self, bar: int) -> float:
        """Beat at which the 1-based `bar` starts."""
        index = 0
        for i, segment in enumerate(self._segments):
            if segment.first_bar <= bar:
                index = i
        segment = self._segments[index]
        return segment.start + (bar - segment.first_bar) * segment.signature.beats_per_bar

    def beats_to_seconds(self, beat: float) -> float:
        """Seconds from the start to `beat` as Live plays it (see `RAMP_STEP`)."""
        if not self._tempo_points:
            return beat * 60.0 / self.tempo
        steps = int(beat / RAMP_STEP + 1e-9)
        seconds = self._grid_seconds(steps)
        rest = beat - steps * RAMP_STEP
        if rest > 1e-12:
            seconds += rest * 60.0 / self._tempo_at(steps * RAMP_STEP)
        return seconds

    def _tempo_at(self, beat: float) -> float:
        """The envelope's tempo at `beat`; at a jump, the value written last."""
        points = self._tempo_points
        index = bisect.bisect_right(self._tempo_times, beat) - 1
        if index < 0:
            return points[0][1]
        if index == len(points) - 1:
            return points[index][1]
        (t0, v0), (t1, v1) = points[index], points[index + 1]
        return v0 + (v1 - v0) * (beat - t0) / (t1 - t0)

    def _grid_seconds(self, steps: int) -> float:
        """Seconds of the first `steps` sixteenths, each at the tempo where it starts; a run of
        sixteenths at one tempo (no ramp under it) is added at once."""
        points, times = self._tempo_points, self._tempo_times
        seconds = 0.0
        step = 0
        while step < steps:
            start = step * RAMP_STEP
            index = bisect.bisect_right(times, start) - 1
            if index < 0:
                tempo, until = points[0][1], times[0]
            elif index == len(points) - 1:
                tempo, until = points[index][1], math.inf
            elif points[index][1] == points[index + 1][1]:
                tempo, until = points[index][1], times[index + 1]
            else:  # on a ramp: one sixteenth
                seconds += RAMP_STEP * 60.0 / self._tempo_at(start)
                step += 1
                continue
            end = steps if math.isinf(until) else math.ceil(until / RAMP_STEP - 1e-9)
            count = max(min(end, steps) - step, 1)
            seconds += count * RAMP_STEP * 60.0 / tempo
            step += count
        return seconds


#: Live does not play a tempo ramp as a smooth curve: it holds the tempo for each sixteenth
#: note of the beat grid (a quarter of a beat, counted from the song's start) at the value the
#: envelope has where that sixteenth starts. A 60 -> 120 BPM ramp over 4 beats lasts 2.836 s in
#: Live (measured by dawtool's author) against 2.773 s for the smooth curve; on dawtool's test
#: set with tempo points off the grid this gives the marker times its Live-exact mode reports.
RAMP_STEP = 0.25
