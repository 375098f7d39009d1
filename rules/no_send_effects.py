"""ALS404 no-send-effects: no send reaches a return track with an effect (no shared depth)."""

from __future__ import annotations

from pydantic import Field

from alslint.api import Finding, Rule, RuleOptions, Severity, Stage, sounding_tracks


class NoSendEffectsOptions(RuleOptions):
    min_tracks: int = Field(
        4, ge=1, description="Only report sets with at least this many sounding audio/MIDI tracks."
    )


class NoSendEffects(Rule):
    code = "ALS404"
    name = "no-send-effects"
    summary = "No send reaches a return track with an effect: no shared reverb or delay gives the mix depth."
    stage = Stage.MIXING
    default_severity = Severity.INFO
    Options = NoSendEffectsOptions

    def check(self, live_set, options, context):
        if len(sounding_tracks(live_set)) < options.min_tracks:
            return
        returns = live_set.returns
        if not returns:
            yield Finding(
                message=(
                    "The set has no return tracks: no shared reverb or delay places the parts "
                    "at different depths; add a return with a reverb and send the parts that "
                    "should sit further back to it"
                ),
                location=context.location(),
            )
            return
        reached = {position for position in live_set.reached_returns() if position < len(returns)}
        if any(_has_effect(returns[position]) for position in reached):
            return
        if not reached:
            message = (
                f"No send reaches any of the {len(returns)} return tracks ({_names(returns)}): "
                "no shared reverb or delay places the parts at different depths; turn up the "
                "sends of the parts that should sit further back"
            )
        else:
            targets = [returns[position] for position in sorted(reached)]
            message = (
                f"Sends reach only return tracks that are switched off or hold no effect "
                f"({_names(targets)}): no shared reverb or delay places the parts at different "
                "depths; put a reverb or delay on the return and switch it on"
            )
        yield Finding(message=message, location=context.location())


def _names(tracks, shown: int = 4) -> str:
    names = ", ".join(f'"{track.name}"' for track in tracks[:shown])
    return names if len(tracks) <= shown else f"{names} and {len(tracks) - shown} more"


def _has_effect(track) -> bool:
    """A return track that is switched on and has a device switched on."""
    return track.mixer.on and any(device.on for device in track.devices)
