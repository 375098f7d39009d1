"""Device chains compared: devices by their place in the chain, racks' chains by name."""

from __future__ import annotations

import difflib

from ..describe import device_label, quote
from ..model import Chain, Device, Track

# -- devices -----------------------------------------------------------------------------------


def _device_key(device: Device) -> tuple:
    return (device.tag, device.plugin_format, device.plugin_name, device.name)


def diff_devices(old: list[Device], new: list[Device], path: list[str], out: list) -> None:
    matcher = difflib.SequenceMatcher(
        a=[_device_key(d) for d in old], b=[_device_key(d) for d in new], autojunk=False
    )
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            for x, y in zip(old[a0:a1], new[b0:b1]):
                _device_pair(x, y, path, out)
            continue
        # A renamed device: same device or plugin in the same place, another name.
        renamed = difflib.SequenceMatcher(
            a=[_device_kind(d) for d in old[a0:a1]],
            b=[_device_kind(d) for d in new[b0:b1]],
            autojunk=False,
        )
        removed, added = list(old[a0:a1]), list(new[b0:b1])
        for block in renamed.get_matching_blocks():
            for k in range(block.size):
                x, y = old[a0 + block.a + k], new[b0 + block.b + k]
                removed.remove(x)
                added.remove(y)
                out.append(
                    (
                        "device-renamed",
                        f"device {_in(path)}{device_label(x)} renamed to {quote(y.name)}",
                        dict(subject=" › ".join([*path, y.name]), old=x.name, new=y.name),
                    )
                )
                _device_pair(x, y, path, out)
        for x in removed:
            subject = " › ".join([*path, x.name])
            out.append(
                (
                    "device-removed",
                    f"device {_in(path)}{device_label(x)} removed",
                    dict(subject=subject, old=_device_json(x)),
                )
            )
        for y in added:
            subject = " › ".join([*path, y.name])
            out.append(
                (
                    "device-added",
                    f"device {_in(path)}{device_label(y)} added" + ("" if y.on else " (off)"),
                    dict(subject=subject, new=_device_json(y)),
                )
            )


def _device_kind(device: Device) -> tuple:
    return (device.tag, device.plugin_format, device.plugin_name)


def _in(path: list[str]) -> str:
    return "".join(f"{quote(p)} › " for p in path)


def _device_pair(x: Device, y: Device, path: list[str], out: list) -> None:
    subject = " › ".join([*path, y.name])
    if x.on != y.on:
        out.append(
            (
                "device-switched",
                f"device {_in(path)}{device_label(y)} switched {'on' if y.on else 'off'}",
                dict(subject=subject, old=x.on, new=y.on),
            )
        )
    inner = [*path, y.name]
    matcher = difflib.SequenceMatcher(
        a=[c.name for c in x.chains], b=[c.name for c in y.chains], autojunk=False
    )
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal" or (op == "replace" and a1 - a0 == b1 - b0):
            for cx, cy in zip(x.chains[a0:a1], y.chains[b0:b1]):
                _chain_pair(cx, cy, inner, out)
            continue
        removed, added = x.chains[a0:a1], y.chains[b0:b1]
        for kind, chains, verb, rack in (
            ("chain-removed", removed, "removed from", x),
            ("chain-added", added, "added to", y),
        ):
            if not chains:
                continue
            names = [c.name for c in chains]
            what = f"chain {quote(names[0])}" if len(chains) == 1 else f"{len(chains)} chains"
            out.append(
                (
                    kind,
                    f"{what} {verb} {_in(path)}{device_label(rack)}",
                    dict(
                        subject=" › ".join(inner),
                        old=names if kind == "chain-removed" else None,
                        new=names if kind == "chain-added" else None,
                    ),
                )
            )


def _chain_pair(x: Chain, y: Chain, path: list[str], out: list) -> None:
    # A name Live made up on both sides follows the chain's devices (reported as devices)
    # and Live's version (11.2 changed "Chain" to "Gate | Compressor"): nobody renamed it.
    if x.name != y.name and not (x.auto_name and y.auto_name):
        out.append(
            (
                "chain-renamed",
                f"chain {quote(x.name)} in {' › '.join(map(quote, path))} renamed to {quote(y.name)}",
                dict(subject=" › ".join([*path, y.name]), old=x.name, new=y.name),
            )
        )
    if x.on != y.on:
        out.append(
            (
                "chain-switched",
                f"chain {quote(y.name)} in {' › '.join(map(quote, path))} switched {'on' if y.on else 'off'}",
                dict(subject=" › ".join([*path, y.name]), old=x.on, new=y.on),
            )
        )
    diff_devices(x.devices, y.devices, path, out)


def _device_json(device: Device) -> dict:
    return {
        "name": device.name,
        "device": device.tag,
        "plugin_format": device.plugin_format,
        "plugin": device.plugin_name,
        "on": device.on,
    }


def device_paths(track: Track) -> set[tuple[str, ...]]:
    paths = set()

    def walk(devices: list[Device], prefix: tuple[str, ...]) -> None:
        for device in devices:
            path = (*prefix, device.name)
            paths.add(path)
            for chain in device.chains:
                walk(chain.devices, path)

    walk(track.devices, ())
    return paths
