"""Decode the MIDI notes of one clip from the raw bytes of its `<KeyTracks>` element.

The reader cuts note blocks out of the XML before parsing (see `reader.slim`), because the
largest sets hold hundreds of thousands of `MidiNoteEvent` elements. Live writes each note
as one self-closing element with `Time`, `Duration` and `Velocity` in every version 8–12;
`IsEnabled="false"` marks a muted note (12.2+ omits the attribute on other notes).
"""

from __future__ import annotations

import math
import re
from array import array

from .model import Notes

_KEY_TRACK = b"<KeyTrack"  # with an Id (10+) or without (8–9); "<KeyTracks" is never inside a block
_MIDI_KEY = re.compile(rb'<MidiKey Value="([^"]*)"')
_NOTE = b"<MidiNoteEvent "
_NOTE_ATTRIBUTES = re.compile(rb"<MidiNoteEvent ([^>]*)>")
_MUTED = b'IsEnabled="false"'
# A note's attributes are the only ones with these names inside a key track.
_COLUMNS = [re.compile(b" " + name + rb'="([^"]*)"') for name in (b"Time", b"Duration", b"Velocity")]


#: Same bound on note times and lengths as on other times (see parser.MAX_BEATS).
MAX_BEATS = 1e7


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
    track_start = data.find(_KEY_TRACK, start, end)
    while track_start >= 0:
        track_end = data.find(_KEY_TRACK, track_start + 1, end)
        stop = track_end if track_end >= 0 else end
        _decode_key_track(data, track_start, stop, notes)
        track_start = track_end
    return notes


def _decode_key_track(data: bytes, start: int, end: int, notes: Notes) -> None:
    count = data.count(_NOTE, start, end)
    if count == 0:
        return
    key = _MIDI_KEY.search(data, start, end)
    if key is None:
        raise ValueError("a key track without a MIDI key")
    columns = [pattern.findall(data, start, end) for pattern in _COLUMNS]
    if any(len(values) != count for values in columns):
        raise ValueError("a note without a time, duration or velocity")
    notes.pitches.extend(array("B", [int(key.group(1))]) * count)
    notes.times.extend(_numbers(columns[0]))
    notes.durations.extend(_numbers(columns[1]))
    notes.velocities.extend(_numbers(columns[2]))
    if data.find(_MUTED, start, end) >= 0:
        attributes = _NOTE_ATTRIBUTES.findall(data, start, end)
        notes.enabled.extend(array("b", [_MUTED not in a for a in attributes]))
    else:
        notes.enabled.extend(array("b", [1]) * count)
