"""What the track-use rules (unused-track, unbounced-midi, empty-clip, level-above-zero) share:
which clips work, whether a track can be heard at all, and what reaches it by routing.

A private helper module: it defines no rule and is registered nowhere.
"""

from __future__ import annotations

import math

from alslint.api import Clip, LiveSet, Track


def enabled_clips(track: Track) -> list[Clip]:
    """The track's clips that are not deactivated, in the arrangement and the session. Take
    lanes are not use: their clips never play until comped into the arrangement."""
    clips = (*track.arrangement_clips, *track.session_clips)
    return [clip for clip in clips if not clip.disabled]


def holds_no_notes(track: Track) -> bool:
    """A MIDI track with working clips, none of which holds a note (unknown counts as notes)."""
    clips = enabled_clips(track)
    return (
        track.type == "midi"
        and bool(clips)
        and all(clip.kind == "midi" and clip.notes is not None for clip in clips)
        and not any(len(clip.notes) for clip in clips)
    )


def silent_fader(track: Track) -> bool:
    """The fader is at -inf dB and its volume is never automated: nothing of it is heard."""
    if track.mixer.volume_db != -math.inf:
        return False
    volume = track.mixer_envelope("Volume")
    return volume is None or not volume.moves


def fed_by_playing_tracks(live_set: LiveSet, track: Track, kinds=("audio", "midi")) -> bool:
    """Another switched-on track routes audio or MIDI (`kinds`) into this one and plays
    something: working clips of its own, or what is routed into it in turn (a Drum Rack
    "player" track fed by clip tracks' MIDI output, a resampling or submix track)."""
    seen = {track.index}

    def plays(source: Track) -> bool:
        if source.index in seen or not source.mixer.on:
            return False
        seen.add(source.index)
        if source.type == "group" and live_set.children(source):
            return True
        if enabled_clips(source) and not holds_no_notes(source):
            return True
        return any(plays(other) for other in live_set.sources(source))

    return any(plays(source) for source in live_set.sources(track, kinds))


def sends_midi_elsewhere(track: Track) -> bool:
    """The track's MIDI output goes to another track, a device there or outside Live: the MIDI
    leaves before the track's own fader."""
    out = track.routing.midi_out
    return out is not None and out.kind in ("track", "device", "external")


def carries_no_audio(track: Track) -> bool:
    """A MIDI track without an instrument that sends its MIDI elsewhere: its fader moves no
    sound."""
    return track.type == "midi" and track.instrument is None and sends_midi_elsewhere(track)
