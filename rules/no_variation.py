"""ALS201 no-variation: long stretches of the arrangement in which nothing changes."""

from __future__ import annotations

import bisect
from itertools import compress

from pydantic import Field

from alslint.api import (
    Finding,
    Rule,
    RuleOptions,
    Severity,
    Stage,
    bar_runs,
    song_span,
    sounding_clips,
    tracks_per_bar,
)


class NoVariationOptions(RuleOptions):
    window_bars: int = Field(
        16,
        ge=1,
        description="Something should change at least every this many bars (8 is stricter).",
    )
    unlooped_audio_varies: bool = Field(
        True,
        description="Assume an unlooped audio clip (a recording, a bounced stem) changes by "
        "itself while it plays; false treats it like a loop.",
    )


class NoVariation(Rule):
    code = "ALS201"
    name = "no-variation"
    summary = (
        "A stretch of the arrangement runs longer than the window (16 bars) with nothing changing."
    )
    stage = Stage.ARRANGEMENT
    default_severity = Severity.WARNING
    Options = NoVariationOptions

    def check(self, live_set, options, context):
        span = song_span(live_set)
        if span is None:
            return
        song_start, song_end = span
        timeline = context.timeline
        changes: set[int] = set()

        def mark_span(start: float, end: float) -> None:
            """Something moves in every bar from `start` up to the bar where it stops at `end`
            (only the song's own bars matter: automation may run far past its end)."""
            start, end = max(start, song_start), min(end, song_end)
            if start <= end:
                changes.update(range(timeline.bar_of(start), timeline.bar_of(end) + 1))

        for _, clip in sounding_clips(live_set):
            changes.add(timeline.bar_of(clip.start))
            changes.add(timeline.bar_of(clip.end))
            if clip.kind == "audio" and not clip.loop.on and options.unlooped_audio_varies:
                mark_span(clip.start, clip.end)
            elif clip.kind == "midi" and _unrolled(clip, timeline, options.window_bars):
                # What changes inside one loop period (a new chord every 4 bars of a 15-bar
                # loop) is variation too, when the period is too long to repeat in a window.
                changes.update(_midi_pattern_changes(clip, timeline))
        for track in live_set.tracks:
            if live_set.is_audible(track):
                for envelope in track.envelopes:
                    _envelope_changes(envelope, changes, timeline, mark_span)

        # Silence is silence-gap's to report: a silent stretch is no stretch without change,
        # and where it starts and ends the music changes.
        silent: set[int] = set()
        for first, last in bar_runs(
            bar for bar, count in tracks_per_bar(live_set, timeline).items() if count == 0
        ):
            silent.update(range(first, last + 1))
            changes.update((first, last + 1))
        first_bar = timeline.bar_of(song_start)
        end_bar = timeline.bar_of(song_end - 1e-6) + 1  # the song's end counts as a change
        marks = sorted(bar for bar in changes | {first_bar, end_bar} if first_bar <= bar <= end_bar)
        for this_bar, next_bar in zip(marks, marks[1:]):
            length = next_bar - this_bar
            if length <= options.window_bars or this_bar in silent:
                continue
            start, end = timeline.bar_start(this_bar), timeline.bar_start(next_bar)
            yield Finding(
                message=(
                    f"Nothing changes for {length} bars (no clip starts or stops, no automation "
                    f"moves): vary something at least every {options.window_bars} bars"
                ),
                location=context.location(start=start, end=end),
            )


def _envelope_changes(envelope, changes: set[int], timeline, mark_span) -> None:
    """Bars in which an automated parameter jumps or ramps."""
    previous_time, previous_value = None, envelope.default_value
    for time, value in envelope.points:
        if previous_value is not None and value != previous_value:
            if previous_time is None or time == previous_time:
                changes.add(timeline.bar_of(max(time, 0.0)))
            else:
                mark_span(max(previous_time, 0.0), time)
        previous_time, previous_value = time, value


def _unrolled(clip, timeline, window_bars: int) -> bool:
    """Whether a MIDI clip's notes are compared bar by bar: always for an unlooped clip; for a
    looped one when its loop period lasts more than half the window, so that it cannot play
    twice inside one window (a 4-bar riff repeated is no variation, a 15-bar progression is)."""
    loop = clip.loop
    if not loop.on:
        return True
    bar = timeline.bar_of(clip.start)
    bar_length = timeline.bar_start(bar + 1) - timeline.bar_start(bar)
    return (loop.end - loop.start) * 2 > window_bars * bar_length


def _song_positions(clip, time: float) -> list[float]:
    """Where in the song the clip plays the note at clip time `time`: once for an unlooped
    clip; for a looped clip, in every pass of its loop period (the first pass starts at the
    start marker, every later one at the loop start)."""
    loop = clip.loop
    marker = loop.start + loop.start_relative
    if not loop.on or loop.end - loop.start <= 0:
        return [clip.start + time - marker]
    period = loop.end - loop.start
    positions = []
    if marker <= time < loop.end:
        positions.append(clip.start + time - marker)
    if loop.start <= time < loop.end:
        position = clip.start + (loop.end - marker) + (time - loop.start)
        while position < clip.end:
            positions.append(position)
            position += period
    return positions


def _midi_pattern_changes(clip, timeline) -> set[int]:
    """Bars where a MIDI clip's notes differ from the bar before, what it plays unrolled: the
    notes of an unlooped clip, or of each pass of a looped clip's loop period."""
    notes = clip.notes
    if notes is None or not len(notes):
        return set()
    first, last = timeline.bar_of(clip.start), timeline.bar_of(clip.end - 1e-6)
    bar_starts = [timeline.bar_start(bar) for bar in range(first, last + 2)]
    patterns: dict[int, set] = {bar: set() for bar in range(first, last + 1)}
    # Each distinct note time is placed once: (its bar's pattern, beat in the bar) per pass.
    places = {}
    for time in set(notes.times):
        places[time] = []
        for position in _song_positions(clip, time):
            if clip.start <= position < clip.end:
                index = bisect.bisect_right(bar_starts, position + 1e-9) - 1
                places[time].append(
                    (patterns[first + index], round(position - bar_starts[index], 4))
                )
    lengths = {duration: round(duration, 4) for duration in set(notes.durations)}
    # Column-wise over the notes: the largest real sets hold 338k of them.
    for pitch, time, duration in compress(
        zip(notes.pitches, notes.times, notes.durations), notes.enabled
    ):
        for pattern, beat in places[time]:
            pattern.add((pitch, beat, lengths[duration]))
    result, previous = set(), None
    for bar in range(first, last + 1):
        pattern = patterns[bar]
        if previous is not None and pattern != previous:
            result.add(bar)
        previous = pattern
    return result
