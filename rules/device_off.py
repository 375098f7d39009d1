"""ALS306 device-off: devices switched off and never switched on by automation."""

from __future__ import annotations

from collections import Counter

from pydantic import Field

from alslint.api import Finding, Rule, RuleOptions, Severity, Stage, name_matches


class DeviceOffOptions(RuleOptions):
    inside_racks: bool = Field(
        True, description="Also look inside racks (a switched-off rack is reported as a whole)."
    )
    allow_devices: list[str] = Field(
        default_factory=list, description="Device-name globs never reported (e.g. 'Spectrum')."
    )
    allow_tracks: list[str] = Field(
        default_factory=list, description="Track-name globs never reported."
    )


class DeviceOff(Rule):
    code = "ALS306"
    name = "device-off"
    summary = "A device is switched off and its on/off switch is neither automated nor mapped: delete it or switch it on."
    stage = Stage.SOUND_DESIGN
    default_severity = Severity.WARNING
    Options = DeviceOffOptions

    def check(self, live_set, options, context):
        for track in live_set.tracks:
            if not live_set.is_audible(track) or name_matches(track.name, options.allow_tracks):
                continue
            switches: dict[tuple[str, ...], list] = {}
            for envelope in track.envelopes:
                if envelope.parameter == "On" and envelope.device_path:
                    switches.setdefault(tuple(envelope.device_path), []).append(envelope)
            walked = list(_walk(track.devices, (), (), switches, options))
            off = {
                id(device): shown
                for device, shown, state in walked
                if state == "off" and not name_matches(device.name, options.allow_devices)
            }
            folded = _folds(walked, off)
            for device, shown, _state in walked:
                if id(device) not in off:
                    continue
                if id(device) in folded:
                    fold = folded.pop(id(device))
                    if fold is not None:
                        yield _fold_finding(context, track, device, *fold)
                    continue
                kind = "Rack" if device.is_rack else "Device"
                inside = f' in rack "{shown[-2]}"' if len(shown) > 1 else ""
                location = context.location(track=track, device=device)
                yield Finding(
                    message=f'{kind} "{device.name}"{inside} is switched off: '
                    "delete it or switch it on",
                    location=location.model_copy(update={"device": " › ".join(shown)}),
                )


def _folds(walked, off) -> dict:
    """Switched-off devices that fill a whole rack chain (two or more) are reported once.

    Maps id(device) of each folded device to None, except the chain's (or rack's) first
    device, mapped to (rack path, chain or None for the whole rack, count).
    """
    folds: dict[int, tuple | None] = {}
    for rack, shown, state in walked:
        if state == "off" or not rack.chains or id(rack) in folds:
            continue
        chains = [chain for chain in rack.chains if chain.devices]
        full = [chain for chain in chains if all(id(d) in off for d in chain.devices)]
        if full and len(full) == len(chains):
            devices = [d for chain in full for d in chain.devices]
            groups = [(devices, None)] if len(devices) > 1 else []
        else:
            groups = [(chain.devices, chain) for chain in full if len(chain.devices) > 1]
        for devices, chain in groups:
            folds[id(devices[0])] = (shown, chain, len(devices))
            for other in devices[1:]:
                folds[id(other)] = None
    return folds


def _fold_finding(context, track, first, shown, chain, count):
    rack = shown[-1]
    location = context.location(track=track, device=first)
    if chain is None:
        message = (
            f'All {count} devices in rack "{rack}" are switched off: delete the rack or '
            "switch them on"
        )
        path = shown
    else:
        message = (
            f'All {count} devices of chain "{chain.name}" in rack "{rack}" are switched off: '
            "delete the chain or switch them on"
        )
        path = (*shown, chain.name)
    return Finding(
        message=message, location=location.model_copy(update={"device": " › ".join(path)})
    )


def _walk(devices, names, shown, switches, options):
    """(device, shown path, state) in chain order; state is "on", "off", "automated" or
    "mapped".

    `names` is the path of plain device names (how envelopes name their device); `shown`
    numbers repeated names inside one chain or rack ("EQ Eight (2)") so that every location
    is unique.
    """
    seen: Counter[str] = Counter()
    for device in devices:
        seen[device.name] += 1
        label = device.name if seen[device.name] == 1 else f"{device.name} ({seen[device.name]})"
        path, shown_path = (*names, device.name), (*shown, label)
        state = _state(device, switches.get(path, ()))
        yield device, shown_path, state
        if state != "off" and options.inside_racks and device.chains:
            # The chains of a rack are one level: their devices are numbered together.
            inner = [inner for chain in device.chains for inner in chain.devices]
            yield from _walk(inner, path, shown_path, switches, options)


def _state(device, envelopes) -> str:
    """A moving `On` envelope switches the device on purpose; a flat one holds its value. A
    switch mapped to a rack macro, a computer key or a MIDI controller is switched while
    playing: "mapped", never "off"."""
    if any(envelope.moves for envelope in envelopes):
        return "automated"
    if device.on_mapping is not None:
        return "mapped"
    for envelope in envelopes:
        values = set(envelope.points.values)
        if envelope.default_value is not None:
            values.add(envelope.default_value)
        if values:
            return "on" if max(values) >= 0.5 else "off"
    return "on" if device.on else "off"
