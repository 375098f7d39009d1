"""What the dynamics rules (infinite-ratio, unsafe-limiter) share: which devices work, whether a
parameter's stored value is what plays, and levels as Live shows them.

A private helper module: it defines no rule and is registered nowhere.
"""

from __future__ import annotations

from collections.abc import Iterator

from alslint.api import Device, Track


def working_devices(devices, active: bool = True) -> Iterator[tuple[Device, bool]]:
    """(device, working) for every device of a chain, racks opened up; `working` when the
    device, every enclosing rack and chain are switched on."""
    for device in devices:
        on = active and device.on
        yield device, on
        for chain in device.chains:
            yield from working_devices(chain.devices, on and chain.on)


def automated(track: Track, device: Device, parameter: str) -> bool:
    """The device's parameter has automation that moves: its stored value is not what plays."""
    return any(
        envelope.device_key == device.key and envelope.parameter == parameter and envelope.moves
        for envelope in track.envelopes
    )


def level(value_db: float) -> str:
    """A level as Live shows it: "-9.7 dB", "+21.0 dB", "0.0 dB"."""
    return "0.0 dB" if abs(value_db) < 0.05 else f"{value_db:+.1f} dB"
