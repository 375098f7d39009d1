"""What the master-chain rules (no-limiter, stacked-limiters, master-chain-off) share:
which devices are limiters, which only measure, and how signal flows through the chain.

A private helper module: it defines no rule and is registered nowhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from alslint.api import Device, name_matches

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
    "Ozone*Advanced",
    "Ozone*Standard",
    "*LoudMax*",
    "Elevate*",  # Newfangled Audio Elevate
    "Elephant*",  # Voxengo Elephant
    "FG-X*",  # Slate Digital FG-X
]

#: Vendor prefixes plugin hosts put before the product name ("iZotope Ozone 5").
_VENDORS = (
    "iZotope",
    "FabFilter",
    "Waves",
    "Voxengo",
    "UADx",
    "UAD",
    "DMG Audio",
    "DMG",
    "Slate Digital",
    "Slate",
    "Tokyo Dawn Labs",
    "TDR",
    "Newfangled Audio",
    "Newfangled",
    "Sonnox",
    "Softube",
    "Brainworx",
    "Plugin Alliance",
    "IK Multimedia",
    "T-RackS",
    "Native Instruments",
    "Vladg",
    "Klanghelm",
    "Nugen Audio",
    "NUGEN",
    "Weiss",
)
_VENDOR = re.compile(
    r"^(?:" + "|".join(re.escape(v) for v in _VENDORS) + r")[\s:_-]+(?=\S)", re.IGNORECASE
)
#: What hosts and vendors append: format, architecture, channel layout, in brackets or not.
_SUFFIX = re.compile(
    r"[\s_-]*[(\[]?\b(?:VST3?|AU|AAX|x64|x86|64[- ]?bit|32[- ]?bit|Stereo|Mono|Mono/Stereo"
    r"|s|m|m/s)\b[)\]]?$",
    re.IGNORECASE,
)
#: A version appended to the name: "Spire-1.5", "Tape Delay v1_2", "LoudMax64" is not one.
_VERSION = re.compile(r"(?:[\s-]+v?\d+(?:[._]\d+)+|\s+v\d+)$", re.IGNORECASE)


def producer_name(name: str) -> str:
    """A plugin's name as producers say it: no vendor prefix, no VST2/VST3/AU or channel
    suffix, no appended version ("iZotope Ozone 5 (x64)" → "Ozone 5", "Spire-1.5" → "Spire").
    A product number that is part of the name stays ("Ozone 10", "Pro-L 2")."""
    previous = None
    name = name.strip()
    while name != previous:
        previous = name
        name = _SUFFIX.sub("", name).strip()
        name = _VERSION.sub("", name).strip()
    stripped = _VENDOR.sub("", name).strip()
    return stripped or name


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
    return any(
        name and name_matches(name, patterns)
        for name in (device.name, device.plugin_name or "", device.tag)
    )


def is_limiter(device: Device, limiter_names: list[str]) -> bool:
    """Live's Limiter, or a plugin / Max for Live device named like a limiter.

    Other native devices never count, whatever their preset is called (a Glue Compressor
    preset "Mastering - gentle limiter" is still a compressor); racks count by their content.
    """
    if device.tag == "Limiter":
        return True
    if device.is_rack or not (device.is_plugin or device.tag.startswith("MxDevice")):
        return False
    names = {device.name, device.plugin_name or ""}
    names |= {producer_name(name) for name in names if name}
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
        return any(
            changes_sound(inner, meters)
            for chain in device.chains
            if chain.on
            for inner in chain.devices
        )
    return not device_matches(device, meters)


def after(devices: list[Device], target: Device, meters: list[str]):
    """(devices after `target` that change the sound, the rack whose parallel chains bypass
    it or None), or None when `target` is not in this chain."""
    for position, device in enumerate(devices):
        later = [d for d in devices[position + 1 :] if changes_sound(d, meters)]
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
