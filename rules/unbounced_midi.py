"""ALS303 unbounced-midi: MIDI tracks that still play through a live instrument."""

from __future__ import annotations

import math

from pydantic import Field

from alslint.api import Clip, Finding, Rule, RuleOptions, Severity, Stage, Track, name_matches

_FORMAT_NAMES = {"vst2": "VST2 plugin", "vst3": "VST3 plugin", "au": "Audio Unit"}


class UnbouncedMidiOptions(RuleOptions):
    allow_tracks: list[str] = Field(
        default_factory=list, description="Track-name globs never reported."
    )


class UnbouncedMidi(Rule):
    code = "ALS303"
    name = "unbounced-midi"
    summary = "A MIDI track still plays through an instrument instead of being frozen or bounced to audio."
    stage = Stage.SOUND_DESIGN
    default_severity = Severity.WARNING
    Options = UnbouncedMidiOptions

    def check(self, live_set, options, context):
        for track in live_set.tracks_of("midi"):
            if track.frozen or not live_set.is_audible(track):
                continue
            if name_matches(track.name, options.allow_tracks):
                continue
            instrument = track.instrument
            if instrument is None or not instrument.on:
                continue
            clips = [c for c in (*track.arrangement_clips, *track.session_clips) if not c.disabled]
            if not clips or _holds_no_notes(track) or _silent_fader(track):
                continue  # unused: ALS302 unused-track tells to delete it
            yield Finding(
                message=(
                    f"MIDI track still plays through {_describe(instrument)}: "
                    "bounce it to audio (or freeze and flatten it) before mixing"
                ),
                location=context.location(track=track, device=instrument),
            )


def _describe(device) -> str:
    if device.plugin_format:
        return f'the {_FORMAT_NAMES[device.plugin_format]} "{device.name}"'
    return f'the instrument "{device.name}"'


# Copied, not imported, into each rule that needs it: rules import only the rule API
# (tests/test_layers.py).
def _enabled_clips(track: Track) -> list[Clip]:
    """The track's clips that are not deactivated: arrangement, session and take lanes."""
    clips = (*track.arrangement_clips, *track.session_clips, *track.take_lane_clips)
    return [clip for clip in clips if not clip.disabled]


def _holds_no_notes(track: Track) -> bool:
    """A MIDI track with working clips, none of which holds a note (unknown counts as notes)."""
    clips = _enabled_clips(track)
    return (
        track.type == "midi"
        and bool(clips)
        and all(clip.kind == "midi" and clip.notes is not None for clip in clips)
        and not any(len(clip.notes) for clip in clips)
    )


def _silent_fader(track: Track) -> bool:
    """The fader is at -inf dB and its volume is never automated: nothing of it is heard."""
    if track.mixer.volume_db != -math.inf:
        return False
    return not any(
        envelope.owner == "Mixer" and envelope.parameter == "Volume" and envelope.moves
        for envelope in track.envelopes
    )
