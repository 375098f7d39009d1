"""What the track-use rules (unused-track, unbounced-midi, empty-clip) share: which clips work,
and whether a track can be heard at all.

A private helper module: it defines no rule and is registered nowhere.
"""

from __future__ import annotations

import math

from alslint.api import Clip, Track


def enabled_clips(track: Track) -> list[Clip]:
    """The track's clips that are not deactivated: arrangement, session and take lanes."""
    clips = (*track.arrangement_clips, *track.session_clips, *track.take_lane_clips)
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
