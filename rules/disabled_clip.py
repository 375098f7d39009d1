"""ALS305 disabled-clip: deactivated clips left in the arrangement."""

from __future__ import annotations

from pydantic import Field

from alslint.api import Finding, Rule, RuleOptions, Severity, Stage, name_matches


class DisabledClipOptions(RuleOptions):
    allow_tracks: list[str] = Field(
        default_factory=list, description="Track-name globs never reported (e.g. 'Alt*')."
    )


class DisabledClip(Rule):
    code = "ALS305"
    name = "disabled-clip"
    summary = "A deactivated clip is left in the arrangement, where it only clutters the set."
    stage = Stage.SOUND_DESIGN
    default_severity = Severity.INFO
    Options = DisabledClipOptions

    def check(self, live_set, options, context):
        for track in live_set.tracks_of("audio", "midi"):
            if name_matches(track.name, options.allow_tracks):
                continue
            # A switched-off track, or one whose clips are all deactivated, is reported once
            # for the whole track by unused-track (ALS302).
            if not live_set.is_audible(track):
                continue
            clips = [*track.arrangement_clips, *track.session_clips, *track.take_lane_clips]
            if all(clip.disabled for clip in clips):
                continue
            for clip in track.arrangement_clips:
                if clip.disabled:
                    yield Finding(
                        message="Clip is deactivated: delete it, or activate it if it belongs "
                        "in the song",
                        location=context.location(track=track, clip=clip),
                    )
