"""ALS504 unsafe-limiter: Live's Limiter with a ceiling above 0 dBFS, or pushing the master."""

from __future__ import annotations

from pydantic import Field

from alslint.api import Finding, Rule, RuleOptions, Severity, Stage
from alslint_rules._dynamics import automated, level, working_devices


class UnsafeLimiterOptions(RuleOptions):
    max_master_gain_db: float = Field(
        6.0, description="Most gain (dB) a Limiter on the main track may add."
    )


class UnsafeLimiter(Rule):
    code = "ALS504"
    name = "unsafe-limiter"
    summary = "A Limiter's ceiling is above 0 dBFS, or the master Limiter adds more gain than mastering needs."
    stage = Stage.MASTERING
    default_severity = Severity.WARNING
    Options = UnsafeLimiterOptions

    def check(self, live_set, options, context):
        for track in live_set.tracks:
            if track.type != "master" and not live_set.is_audible(track):
                continue
            for device, working in working_devices(track.devices):
                if not working or device.tag != "Limiter":
                    continue
                ceiling = device.parameters.get("Ceiling", 0.0)
                if ceiling > 0.05 and not automated(track, device, "Ceiling"):
                    yield Finding(
                        message=(
                            f"Limiter ceiling at {level(ceiling)}, above 0 dBFS: peaks pass it "
                            "and can clip; set the ceiling to 0 dB or lower (-0.3 to -1 dB "
                            "leaves room for the export)"
                        ),
                        location=context.location(track=track, device=device),
                    )
                gain = device.parameters.get("Gain", 0.0)
                if (
                    track.type == "master"
                    and gain > options.max_master_gain_db + 0.05
                    and not automated(track, device, "Gain")
                ):
                    yield Finding(
                        message=(
                            f"The master Limiter adds {level(gain)} of gain, more than "
                            f"{level(options.max_master_gain_db)}: it flattens the mix to reach "
                            "loudness, so transients and dynamics are lost; turn the gain down "
                            "and bring the level up in the mix"
                        ),
                        location=context.location(track=track, device=device),
                    )
