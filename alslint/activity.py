"""Which tracks sound in which bar of the arrangement.

The arrangement rules ask the same question — "what plays where?" — so it is answered once,
here, as pure functions over a `LiveSet` and its `Timeline` (`context.timeline` in a rule):

    from alslint.api import sounding_bars, song_bars

    first_last = song_bars(live_set, context.timeline)      # None: nothing sounds
    playing = sounding_bars(live_set, context.timeline)     # {bar: {track index, …}}

What counts as sounding, as far as a set file can tell:

- only **arrangement** clips on **audio and MIDI tracks** (session clips, take lanes and the
  freeze sequencer do not play in the arrangement);
- the track is **audible**: it and every group enclosing it are switched on (the track
  activator); solo, volume and routing are not looked at;
- the clip is not deactivated and is longer than zero;
- a MIDI clip holds at least one enabled note (an empty MIDI clip is silent).

A clip sounds in every bar it overlaps, even partly: a one-beat crash makes its bar count.
Bars are 1-based and follow the set's time signature and its changes. alslint cannot hear,
so an audio clip is assumed to sound over its whole length.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Clip, LiveSet, Track
    from .timeline import Timeline

_EPSILON = 1e-6  # beats: a clip ending exactly on a bar line does not reach into the next bar


def sounding_clips(live_set: LiveSet) -> list[tuple[Track, Clip]]:
    """Every arrangement clip that can be heard, with its track, in track order."""
    result = []
    for track in live_set.tracks:
        if track.type not in ("audio", "midi") or not live_set.is_audible(track):
            continue
        for clip in track.arrangement_clips:
            if _sounds(clip):
                result.append((track, clip))
    return result


def sounding_tracks(live_set: LiveSet) -> list[Track]:
    """Audio/MIDI tracks with at least one arrangement clip that can be heard."""
    tracks: dict[int, Track] = {}
    for track, _clip in sounding_clips(live_set):
        tracks.setdefault(track.index, track)
    return list(tracks.values())


def _sounds(clip: Clip) -> bool:
    if clip.disabled or clip.end - clip.start <= _EPSILON:
        return False
    if clip.kind == "midi":
        return clip.notes is not None and any(clip.notes.enabled)
    return True


def song_span(live_set: LiveSet) -> tuple[float, float] | None:
    """(start, end) in beats from the first sounding clip's start to the last one's end;
    None when nothing sounds in the arrangement."""
    clips = [clip for _, clip in sounding_clips(live_set)]
    if not clips:
        return None
    return min(clip.start for clip in clips), max(clip.end for clip in clips)


def song_bars(live_set: LiveSet, timeline: Timeline) -> tuple[int, int] | None:
    """(first, last) sounding bar, inclusive; None when nothing sounds."""
    span = song_span(live_set)
    if span is None:
        return None
    return timeline.bar_of(span[0]), timeline.bar_of(span[1] - _EPSILON)


def sounding_bars(live_set: LiveSet, timeline: Timeline) -> dict[int, frozenset[int]]:
    """Bar → the `Track.index`es of the tracks that sound in it. Silent bars are absent."""
    bars: dict[int, set[int]] = {}
    for track, clip in sounding_clips(live_set):
        first = timeline.bar_of(clip.start)
        last = timeline.bar_of(clip.end - _EPSILON)
        for bar in range(first, last + 1):
            bars.setdefault(bar, set()).add(track.index)
    return {bar: frozenset(indexes) for bar, indexes in sorted(bars.items())}


def tracks_per_bar(live_set: LiveSet, timeline: Timeline) -> dict[int, int]:
    """Bar → number of tracks sounding in it, for every bar from the first to the last
    sounding bar (silent bars in between count 0). Empty when nothing sounds."""
    playing = sounding_bars(live_set, timeline)
    if not playing:
        return {}
    first, last = min(playing), max(playing)
    return {bar: len(playing.get(bar, ())) for bar in range(first, last + 1)}


def bar_runs(bars: Iterable[int]) -> list[tuple[int, int]]:
    """Consecutive bars merged into (first, last) runs: [3, 4, 5, 9] → [(3, 5), (9, 9)]."""
    runs: list[tuple[int, int]] = []
    for bar in sorted(set(bars)):
        if runs and bar == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], bar)
        else:
            runs.append((bar, bar))
    return runs
