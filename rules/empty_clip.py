"""ALS308 empty-clip: MIDI clips without a single note left in the arrangement."""

from __future__ import annotations

from pydantic import Field

from alslint.api import Finding, Rule, RuleOptions, Severity, Stage, name_matches
from alslint_rules._track_use import holds_no_notes


class EmptyClipOptions(RuleOptions):
    allow_tracks: list[str] = Field(
        default_factory=list, description="Track-name globs never reported."
    )


class EmptyClip(Rule):
    code = "ALS308"
    name = "empty-clip"
    summary = (
        "A MIDI clip in the arrangement holds no notes: it plays nothing and only clutters the set."
    )
    stage = Stage.SOUND_DESIGN
    default_severity = Severity.INFO
    Options = EmptyClipOptions

    def check(self, live_set, options, context):
        for track in live_set.tracks_of("midi"):
            if name_matches(track.name, options.allow_tracks):
                continue
            # A switched-off track, or one none of whose clips holds a note, is reported once
            # for the whole track by unused-track (ALS302).
            if not live_set.is_audible(track) or holds_no_notes(track):
                continue
            for clip in track.arrangement_clips:
                if (
                    clip.kind == "midi"
                    and not clip.disabled
                    and clip.notes is not None
                    and not len(clip.notes)
                    and not clip.has_envelopes
                ):
                    yield Finding(
                        message="MIDI clip holds no notes: it plays nothing; delete it",
                        location=context.location(track=track, clip=clip),
                    )
