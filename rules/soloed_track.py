"""ALS401 soloed-track: tracks left soloed, which silences the rest of the mix."""

from __future__ import annotations

from alslint.api import Finding, Fix, Rule, RuleOptions, Severity, Stage


class SoloedTrack(Rule):
    code = "ALS401"
    name = "soloed-track"
    summary = (
        "A track is left soloed: the tracks that are not soloed are silent in playback and export."
    )
    stage = Stage.MIXING
    default_severity = Severity.WARNING
    Options = RuleOptions
    #: Un-soloing brings back every track that the solo silenced: the song sounds different.
    fix_safety = "unsafe"

    def check(self, live_set, options, context):
        for track in live_set.tracks:
            if track.type == "master" or not track.mixer.solo:
                continue
            yield Finding(
                message=(
                    "Track is left soloed: the tracks that are not soloed stay silent in "
                    "playback and in an export; unsolo it"
                ),
                location=context.location(track=track),
                fix=Fix(
                    description="un-solo the track",
                    edits=[context.edit(track, "DeviceChain/Mixer/SoloSink", "true", "false")],
                ),
            )
