"""ALS103 default-track-names: tracks still carrying the names Live generated for them."""

from __future__ import annotations

import re

from pydantic import Field

from alslint.api import Finding, Rule, RuleOptions, Severity, Stage, name_matches

#: The words Live names a new track with when nothing else names it.
_GENERIC = frozenset({"Audio", "MIDI", "Group", "Return"})
_TIMESTAMP = re.compile(
    r" \[\d{4}-\d{2}-\d{2} \d{6}\]$"
)  # a recording: "3-Audio 1 [2020-01-11 212043]"
_TAKE = re.compile(r" \d+$")  # a take or a copy: "3-Audio 1", "Audio 2"
_WHAT_IT_HOLDS = {
    "audio": "the part it plays",
    "midi": "the part it plays",
    "group": "the parts it holds",
    "return": "the effect it holds",
}
_PREFIX = re.compile(r"^(\d+|[A-Z])-")  # the track number, or a return track's letter


def is_generic_name(name: str) -> bool:
    """True for a name that is only Live's wording: "3-Audio", "1-MIDI", "2-Group",
    "A-Return", and names built from them, such as a Live 10+ audio track named after a take
    recorded on another unnamed track ("12-10-Audio 3", "5-3-Audio 1 [2020-01-11 212043]")."""
    previous = None
    while name != previous:
        previous = name
        name = _PREFIX.sub("", _TAKE.sub("", _TIMESTAMP.sub("", name)))
    return name in _GENERIC


class DefaultTrackNamesOptions(RuleOptions):
    allow_tracks: list[str] = Field(
        default_factory=list, description="Track-name globs never reported (e.g. '*-Return')."
    )
    all_unrenamed: bool = Field(
        False,
        description="Also report tracks never renamed that Live named after their instrument, "
        "preset, effect or first clip ('4-Grand Piano', 'A-Reverb').",
    )


class DefaultTrackNames(Rule):
    code = "ALS103"
    name = "default-track-names"
    summary = 'A track still has the name Live generated for it ("3-Audio", "1-MIDI", "A-Return").'
    stage = Stage.COMPOSITION
    default_severity = Severity.WARNING
    Options = DefaultTrackNamesOptions

    def check(self, live_set, options, context):
        for track in live_set.tracks:
            if track.type == "master" or name_matches(track.name, options.allow_tracks):
                continue
            if is_generic_name(track.user_name or track.name):
                # Unnamed, or renamed to one of Live's own bare words ("Return").
                problem = "Track still has Live's generic name"
            elif not track.user_name and options.all_unrenamed:
                problem = "Track was never renamed (Live named it after its first device or clip)"
            else:
                continue
            yield Finding(
                message=f"{problem}: name it after {_WHAT_IT_HOLDS[track.type]}",
                location=context.location(track=track),
            )
