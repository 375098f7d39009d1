"""Decode the MIDI notes of one clip from the raw bytes of its `<KeyTracks>` element.

`slim` cuts note blocks out of the XML before parsing (see `slim`), because the
largest sets hold hundreds of thousands of `MidiNoteEvent` elements. Live writes each note
as one self-closing element with `Time`, `Duration` and `Velocity` in every version 8–12;
`IsEnabled="false"` marks a muted note (12.2+ omits the attribute on other notes).
"""

from __future__ import annotations

import math
import re
from array import array

from ..model import Notes
from .values import MAX_BEATS  # the same bound on note times and lengths as on other times

_KEY_TRACK = b"<KeyTrack"  # with an Id (10+) or without (8–9); "<KeyTracks" is never inside a block
_MIDI_KEY = re.compile(rb'<MidiKey Value="([^"]*)"')
_NOTE = b"<MidiNoteEvent "
_MUTED = b'IsEnabled="false"'
# A note's attributes are the only ones with these names inside a key track.
_NOTE_ROW = re.compile(rb'<MidiNoteEvent Time="([^"]*)" Duration="([^"]*)" Velocity="([^"]*)"')
_COLUMNS = [
    re.compile(b" " + name + rb'="([^"]*)"') for name in (b"Time", b"Duration", b"Velocity")
]


def _numbers(values: list[bytes]) -> array:
    numbers = array("d", map(float, values))
    if numbers:
        # Whole-array checks run in C: a NaN or infinity makes the sum non-finite.
        if not math.isfinite(sum(numbers)):
            raise ValueError("a note has a value that is not a finite number")
        if max(numbers) > MAX_BEATS or min(numbers) < -MAX_BEATS:
            raise ValueError("a note lies beyond any arrangement")
    return numbers


def decode_notes(data: bytes, start: int, end: int) -> Notes:
    """All notes of the `KeyTracks` content at data[start:end]; ValueError if it is damaged."""
    notes = Notes()
    tracks = _key_tracks(data, start, end)
    total = sum(count for _, _, count in tracks)
    if total == 0:
        return notes
    # Live writes Time, Duration, Velocity first and in this order: one scan reads all three.
    rows = _NOTE_ROW.findall(data, start, end)
    if len(rows) == total:
        columns = list(zip(*rows))
    else:  # another attribute order (a hand-made set): read each attribute by name
        columns = [pattern.findall(data, start, end) for pattern in _COLUMNS]
        if any(len(values) != total for values in columns):
            raise ValueError("a note without a time, duration or velocity")
    for track_start, track_end, count in tracks:
        if count:
            key = _MIDI_KEY.search(data, track_start, track_end)
            if key is None:
                raise ValueError("a key track without a MIDI key")
            notes.pitches.extend(array("B", [int(key.group(1))]) * count)
    notes.times = _numbers(columns[0])
    notes.durations = _numbers(columns[1])
    notes.velocities = _numbers(columns[2])
    notes.enabled = array("b", [1]) * total
    # Muted notes are few: find each one and count the notes before it (one pass in all).
    index, counted_to = -1, start
    muted = data.find(_MUTED, start, end)
    while muted >= 0:
        index += data.count(_NOTE, counted_to, muted)
        if index < 0:
            raise ValueError("a mute mark outside any note")
        notes.enabled[index] = 0
        counted_to = muted
        muted = data.find(_MUTED, muted + 1, end)
    return notes


def _key_tracks(data: bytes, start: int, end: int) -> list[tuple[int, int, int]]:
    """(start, end, number of notes) of each key track in data[start:end], in order."""
    tracks = []
    track_start = data.find(_KEY_TRACK, start, end)
    while track_start >= 0:
        track_end = data.find(_KEY_TRACK, track_start + 1, end)
        stop = track_end if track_end >= 0 else end
        tracks.append((track_start, stop, data.count(_NOTE, track_start, stop)))
        track_start = track_end
    return tracks
