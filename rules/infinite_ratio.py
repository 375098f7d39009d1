"""ALS405 infinite-ratio: Live's Compressor at ∞ : 1 on a bus (group, return or the main track)."""

from __future__ import annotations

from pydantic import Field

from alslint.api import Finding, Rule, RuleOptions, Severity, Stage, gain_to_db, name_matches
from alslint_rules._dynamics import automated, level, working_devices

_KIND = {"group": "group", "return": "return", "master": "mix"}


#: A compressor renamed (or a preset named) like this is meant to limit.
DEFAULT_LIMITER_NAMES = ["*limit*", "*brick*", "*wall*", "*maximi?er*", "*clip*"]


class InfiniteRatioOptions(RuleOptions):
    limiter_names: list[str] = Field(
        default_factory=lambda: list(DEFAULT_LIMITER_NAMES),
        description="Globs for compressor names (renamed, or a preset's name) that say it is "
        "meant to limit: not reported.",
    )
    allow_tracks: list[str] = Field(
        default_factory=list, description="Track-name globs never reported."
    )


class InfiniteRatio(Rule):
    code = "ALS405"
    name = "infinite-ratio"
    summary = (
        "A bus compressor is set to ∞ : 1: it limits the whole group instead of compressing it."
    )
    stage = Stage.MIXING
    default_severity = Severity.WARNING
    Options = InfiniteRatioOptions

    def check(self, live_set, options, context):
        for track in live_set.tracks_of("group", "return", "master"):
            if track.type != "master" and not live_set.is_audible(track):
                continue
            if name_matches(track.name, options.allow_tracks):
                continue
            for device, working in working_devices(track.devices):
                if not working or device.tag != "Compressor2":
                    continue
                if name_matches(device.name, options.limiter_names):
                    continue  # named as a limiter: limiting is what it is meant to do
                ratio = device.parameters.get("Ratio", 1.0)
                threshold = gain_to_db(device.parameters.get("Threshold", 1.0))
                if ratio < INFINITE_RATIO or threshold > -0.05:
                    continue
                if automated(track, device, "Ratio") or automated(track, device, "Threshold"):
                    continue
                who = (
                    "Compressor"
                    if device.name == "Compressor"
                    else f'The compressor "{device.name}"'
                )
                yield Finding(
                    message=(
                        f"{who} at ∞ : 1 with its threshold at {level(threshold)}: every peak "
                        f"of the {_KIND[track.type]} above {level(threshold)} is flattened, so it "
                        "pumps and loses its punch; use 2 : 1 to 4 : 1 for bus compression, "
                        "or a Limiter if you mean to limit"
                    ),
                    location=context.location(track=track, device=device),
                )


#: A stored Compressor ratio at least this large is Live's ∞ : 1.
INFINITE_RATIO = 1e30
