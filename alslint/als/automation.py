"""Automation: envelopes (Live 10+ point at parameters by id, Live 8/9 keep them inline) and
the parameter, device and owner each one drives."""

from __future__ import annotations

from ..model import Envelope, Points
from .devices import device_name
from .values import MAX_GAIN, MAX_TEMPO, MIN_TEMPO, bounded, points_of, signature_code, value

#: What a mixer envelope's values may be: the parameter's own range in Live.
_MIXER_RANGES = {
    "Tempo": (MIN_TEMPO, MAX_TEMPO),
    "Volume": (0.0, MAX_GAIN),
    "Pan": (-1.0, 1.0),
}

#: Where the clips live; they hold no parameters, so automation is not looked for there.
_SEQUENCERS = frozenset({"MainSequencer", "FreezeSequencer"})


def read_envelopes(track_el, chain, guard, damage: list[str]) -> list[Envelope]:
    """The automation envelopes of a track, each resolved to the parameter it drives."""
    envelopes_el = track_el.find("AutomationEnvelopes/Envelopes")
    if envelopes_el is not None:  # Live 10+: envelopes point at AutomationTarget ids
        targets = {
            target.get("Id"): target.getparent() for target in track_el.iter("AutomationTarget")
        }
        result = []
        for env_el in envelopes_el.iterfind("AutomationEnvelope"):
            pointee = value(env_el, "EnvelopeTarget/PointeeId")
            param = targets.get(pointee)
            if param is None:
                damage.append(
                    f"an automation envelope points at parameter id {pointee}, which does "
                    "not exist in its track; it was skipped"
                )
                continue
            envelope = guard(
                f"the automation of {param.tag}",
                lambda: _envelope(param, track_el, *points_of(env_el.find("Automation/Events"))),
            )
            if envelope is not None:
                result.append(envelope)
        return result
    # Live 8/9: automation sits inline in each parameter's ArrangerAutomation.
    result = []
    # The sequencers hold the clips, most of a track's elements, and no parameters.
    parts = (part for part in chain.iterchildren() if part.tag not in _SEQUENCERS)
    for automation in (a for part in parts for a in part.iter("ArrangerAutomation")):
        param = automation.getparent()
        events = automation.find("Events")
        # Most parameters hold only their default event: nothing is automated there.
        if events is None or len(events) < 2:
            continue
        default, points = guard(
            f"the automation of {param.tag}",
            lambda: points_of(events),
            (None, Points()),
        )
        if len(points):
            envelope = guard(
                f"the automation of {param.tag}",
                lambda: _envelope(param, track_el, default, points),
            )
            if envelope is not None:
                result.append(envelope)
    return result


def _envelope(param, track_el, default, points) -> Envelope:
    owner, device_path, device_key, name = _parameter_location(param, track_el)
    if owner == "Mixer":
        _check_mixer_values(name, [*points.values, *([] if default is None else [default])])
    return Envelope(
        parameter=name,
        owner=owner,
        device_path=device_path,
        device_key=device_key,
        default_value=default,
        points=points,
    )


def _check_mixer_values(name: str, values: list[float]) -> None:
    """Tempo, signature, volume, pan and send automation hold only values Live can play;
    anything else is damage (a 2^60 signature or a 1e15 tempo would hang bar walks)."""
    if not values:
        return
    if name == "TimeSignature":
        for number in values:
            signature_code(number)
        return
    low, high = _MIXER_RANGES.get(
        name, (0.0, MAX_GAIN) if name.startswith("Send ") else (None, None)
    )
    if low is not None:
        bounded(min(values), low, high, name.lower())
        bounded(max(values), low, high, name.lower())


def _parameter_location(param, track_el) -> tuple[str, list[str], str | None, str]:
    """(owner, device path, device key, parameter name) of a parameter inside a track."""
    # Plugin parameters carry their own display name.
    plugin_name = (
        value(param.getparent(), "ParameterName") if param.tag == "ParameterValue" else None
    )
    name_parts = [plugin_name] if plugin_name else [param.tag]
    if param.tag.startswith("MacroControls."):
        name_parts = [_macro_name(param)]
    devices: list[str] = []
    key_parts: list[str] = []  # innermost first: device index, chain index, device index, …
    owner = None
    node = param.getparent()
    if plugin_name:
        node = node.getparent()
    while node is not None and node is not track_el:
        parent = node.getparent()
        if parent is not None and parent.tag == "Devices":
            plugin = value(node, "PluginDesc/*/PlugName") or value(node, "PluginDesc/*/Name")
            devices.append(device_name(node, plugin))
            key_parts.append(str(parent.index(node)))
        elif parent is not None and parent.tag in ("Branches", "ReturnBranches") and devices:
            # Chain keys count Branches first, then ReturnBranches, as `_device` does.
            offset = (
                len(parent.getparent().findall("Branches/*"))
                if parent.tag == "ReturnBranches"
                else 0
            )
            key_parts.append(str(offset + parent.index(node)))
        elif node.tag == "Mixer" and not devices:
            owner = "Mixer"
        elif node.tag == "TrackSendHolder" and not devices:
            position = list(parent).index(node)
            name_parts = [f"Send {chr(ord('A') + position)}"]
        elif (
            not devices
            and owner is None
            and parent is not None
            and parent.tag not in ("DeviceChain", "MasterChain")
        ):
            name_parts.insert(0, node.tag)
        node = parent
    devices.reverse()
    if devices:
        owner = devices[-1]
    device_key = ".".join(reversed(key_parts)) if key_parts else None
    return owner or "Track", devices, device_key, " › ".join(name_parts)


def _macro_name(param) -> str:
    """A rack macro as Live shows it: its given name, else "Macro 1" (stored `MacroControls.0`)."""
    number = int(param.tag.rpartition(".")[2])
    given = (value(param.getparent(), f"MacroDisplayNames.{number}") or "").strip()
    return given or f"Macro {number + 1}"
