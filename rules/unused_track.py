"""ALS302 unused-track: tracks that contribute nothing to the song."""

from __future__ import annotations

from pydantic import Field

from alslint.api import Finding, Rule, RuleOptions, Severity, Stage, name_matches
from alslint_rules._track_use import (
    enabled_clips,
    fed_by_playing_tracks,
    holds_no_notes,
    sends_midi_elsewhere,
    silent_fader,
)


class UnusedTrackOptions(RuleOptions):
    allow_tracks: list[str] = Field(
        default_factory=list, description="Track-name globs never reported (e.g. 'Resample*')."
    )


class UnusedTrack(Rule):
    code = "ALS302"
    name = "unused-track"
    summary = "A track contributes nothing: no clips, only disabled clips, no notes, switched off or silent, an empty group or an unreached return."
    stage = Stage.SOUND_DESIGN
    default_severity = Severity.WARNING
    Options = UnusedTrackOptions

    def check(self, live_set, options, context):
        reached_returns = live_set.reached_returns()
        returns = live_set.returns
        for track in live_set.tracks:
            if track.type == "master" or name_matches(track.name, options.allow_tracks):
                continue
            reason = self._reason(live_set, track, reached_returns, returns)
            if reason:
                yield Finding(
                    message=f"{reason}: delete it if it is not needed",
                    location=context.location(track=track),
                )

    @staticmethod
    def _reason(live_set, track, reached_returns, returns) -> str | None:
        if not track.mixer.on:
            return "Track is switched off"
        if track.type == "group":
            return None if live_set.children(track) else "Group contains no tracks"
        if track.type == "return":
            position = returns.index(track)
            return None if position in reached_returns else "No send reaches this return track"
        clips = [*track.arrangement_clips, *track.session_clips]  # take lanes never play
        if fed_by_playing_tracks(live_set, track):
            return None  # plays what other tracks route into it
        if not clips:
            return "Track has no clips in the arrangement or the session"
        if all(clip.disabled for clip in clips):
            return f"All {len(clips)} clips on this track are deactivated"
        if holds_no_notes(track):
            count = len(enabled_clips(track))
            if count == 1:
                return "The only MIDI clip on this track holds no note"
            return f"None of the {count} MIDI clips on this track holds a note"
        if silent_fader(track) and not sends_midi_elsewhere(track):
            return "Fader at −inf dB and volume not automated, so nothing of this track is heard"
        return None
