"""ALS303 unbounced-midi: MIDI tracks that still play through a live instrument."""

from __future__ import annotations

from pydantic import Field

from alslint.api import Finding, Rule, RuleOptions, Severity, Stage, name_matches
from alslint_rules._track_use import fed_by_playing_tracks, holds_no_notes, silent_fader

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
            if silent_fader(track):
                continue  # unused: ALS302 unused-track tells to delete it
            clips = [c for c in (*track.arrangement_clips, *track.session_clips) if not c.disabled]
            # A "player" track plays the MIDI other tracks' clips route into it.
            if not fed_by_playing_tracks(live_set, track, ("midi",)) and (
                not clips or holds_no_notes(track)
            ):
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
