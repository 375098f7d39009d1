"""ALS501 no-limiter: no limiter on the master chain, or one that is not the last device.

Also holds what the other master-chain rules (stacked-limiters, master-chain-off) share:
which devices are limiters, which only measure, and how signal flows through the chain.
"""

from __future__ import annotations

from typing import Iterator, NamedTuple

from pydantic import Field

from alslint.api import Device, Finding, Rule, RuleOptions, Severity, Stage, name_matches
from alslint_rules.no_stereo_width import sounding_tracks

#: Plugin and Max for Live device names that limit (Live's own Limiter is found by its type).
DEFAULT_LIMITER_NAMES = [
    "*limit*",  # Limiter No6, Oxford Limiter, bx_limiter, Waves "L1 limiter Stereo"
    "L1*",  # Waves L1/L2/L3 (e.g. "L3 UltraMaximizer (s)", "L2 Stereo")
    "L2*",
    "L3*",
    "*Pro-L*",  # FabFilter Pro-L, Pro-L 2
    "*Maximizer*",
    "*Maximiser*",
    "Ozone [0-9]",  # iZotope Ozone 8/9 (its Maximizer ends the chain) …
    "Ozone [0-9][0-9]",  # … and Ozone 10, 11; not the single modules ("Ozone 9 Imager")
    "Ozone*Elements",
    "*LoudMax*",
    "Elevate*",
]

#: Devices that only measure or display: they may follow the limiter.
DEFAULT_METERS = [
    "SpectrumAnalyzer",  # Live's Spectrum (device type)
    "Tuner",
    "*Spectrum*",
    "*SPAN*",
    "Insight*",
    "*Meter*",
    "*Scope*",
    "*Analy?er*",
    "Tonal Balance*",
    "*Loudness*",
    "*Correlat*",
]


def device_matches(device: Device, patterns: list[str]) -> bool:
    """A device whose name, plugin name or Live device type matches one of the globs."""
    return any(name and name_matches(name, patterns) for name in
               (device.name, device.plugin_name or "", device.tag))  # fmt: skip


def is_limiter(device: Device, limiter_names: list[str]) -> bool:
    """Live's Limiter, or a plugin / Max for Live device named like a limiter.

    Other native devices never count, whatever their preset is called (a Glue Compressor
    preset "Mastering - gentle limiter" is still a compressor); racks count by their content.
    """
    if device.tag == "Limiter":
        return True
    if device.is_rack or not (device.is_plugin or device.tag.startswith("MxDevice")):
        return False
    names = (device.name, device.plugin_name or "")
    return any(name and name_matches(name, limiter_names) for name in names)


class Placed(NamedTuple):
    device: Device
    racks: tuple[Device, ...]  # enclosing racks, outermost first
    active: bool  # the device and every enclosing rack (and chain) are switched on


def walk_chain(
    devices: list[Device], racks: tuple[Device, ...] = (), active: bool = True
) -> Iterator[Placed]:
    """Every device of a chain in signal order, racks opened up."""
    for device in devices:
        on = active and device.on
        yield Placed(device, racks, on)
        for chain in device.chains:
            yield from walk_chain(chain.devices, racks + (device,), on and chain.on)


def limiters(master, limiter_names: list[str]) -> list[Placed]:
    """Every limiter on the master chain in signal order, working or not."""
    return [p for p in walk_chain(master.devices) if is_limiter(p.device, limiter_names)]


def changes_sound(device: Device, meters: list[str]) -> bool:
    """A switched-on device that may change the sound: not a meter, not a rack of meters."""
    if not device.on:
        return False
    if device.is_rack:
        return any(changes_sound(inner, meters) for chain in device.chains if chain.on
                   for inner in chain.devices)  # fmt: skip
    return not device_matches(device, meters)


def after(devices: list[Device], target: Device, meters: list[str]):
    """(devices after `target` that change the sound, the rack whose parallel chains bypass
    it or None), or None when `target` is not in this chain."""
    for position, device in enumerate(devices):
        later = [d for d in devices[position + 1:] if changes_sound(d, meters)]
        if device is target:
            return later, None
        for chain in device.chains:
            found = after(chain.devices, target, meters)
            if found is not None:
                inner, parallel = found
                if parallel is None and sum(1 for c in device.chains if c.on) > 1:
                    parallel = device
                return inner + later, parallel
    return None


def quoted(devices: list[Device]) -> str:
    return ", ".join(f'"{device.name}"' for device in devices)


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
                    f"{len(later)} devices come after the limiter{where} ({quoted(later)}) "
                    "and can"
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
