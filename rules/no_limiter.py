"""ALS501 no-limiter: no limiter on the master chain, or one that is not the last device."""

from __future__ import annotations

from pydantic import Field

from alslint.api import Finding, Rule, RuleOptions, Severity, Stage, sounding_tracks
from alslint_rules._master_chain import (
    DEFAULT_LIMITER_NAMES,
    DEFAULT_METERS,
    Placed,
    after,
    limiters,
    quoted,
)


class NoLimiterOptions(RuleOptions):
    limiter_names: list[str] = Field(
        default_factory=lambda: list(DEFAULT_LIMITER_NAMES),
        description="Globs for plugin and Max for Live device names that count as limiters "
        "(Live's Limiter always counts).",
    )
    meters: list[str] = Field(
        default_factory=lambda: list(DEFAULT_METERS),
        description="Globs for devices that only measure (matched against name, plugin name "
        "and Live's device type); they may follow the limiter.",
    )


class NoLimiter(Rule):
    code = "ALS501"
    name = "no-limiter"
    summary = "The master chain has no working limiter, or the limiter is not the last device."
    stage = Stage.MASTERING
    default_severity = Severity.WARNING
    Options = NoLimiterOptions

    def check(self, live_set, options, context):
        if not sounding_tracks(live_set):
            return  # nothing plays: nothing to master
        master = live_set.master
        found = limiters(master, options.limiter_names)
        working = [placed for placed in found if placed.active]
        if not working:
            if not found:
                yield Finding(
                    message=(
                        "No limiter on the master chain: peaks can clip the export and the "
                        "song plays quieter than released music; put a limiter last on the master"
                    ),
                    location=context.location(track=master),
                )
                return
            placed = found[0]
            if placed.device.on:
                off = next(rack for rack in placed.racks if not rack.on)
                problem = f'The limiter sits in the switched-off rack "{off.name}"'
                fix = "switch the rack on, or move the limiter out of it"
            else:
                problem = f"The limiter{_where(placed)} is switched off"
                fix = "switch it on"
            yield Finding(
                message=f"{problem}: nothing limits the master; {fix} (last on the chain)",
                location=context.location(track=master, device=placed.device),
            )
            return
        last = working[-1]
        later, parallel = after(master.devices, last.device, options.meters)
        where = _where(last)
        if parallel is not None:
            chains = sum(1 for chain in parallel.chains if chain.on)
            yield Finding(
                message=(
                    f"The limiter sits in one of the {chains} parallel chains of the rack "
                    f'"{parallel.name}": the other chains reach the master unlimited; put '
                    "the limiter after the rack"
                ),
                location=context.location(track=master, device=last.device),
            )
        elif later:
            if len(later) == 1:
                what = f'The device "{later[0].name}" comes after the limiter{where} and can'
            else:
                what = (
                    f"{len(later)} devices come after the limiter{where} ({quoted(later)}) and can"
                )
            yield Finding(
                message=(
                    f"{what} push peaks past its ceiling: make the limiter the last device on "
                    "the master (meters may follow it)"
                ),
                location=context.location(track=master, device=last.device),
            )


def _where(placed: Placed) -> str:
    """' (inside the rack "X")' for a limiter inside a rack, else ''."""
    if not placed.racks:
        return ""
    return f' (inside the rack "{placed.racks[-1].name}")'
