"""Routing: where each track's audio and MIDI come from and go to, and its monitoring state.

Every Live version from 8.2 to 12 keeps the four routings as children of the track's outer
chain (`DeviceChain`; `MasterChain` on the Live 8 master): `AudioInputRouting`,
`AudioOutputRouting`, `MidiInputRouting`, `MidiOutputRouting`, each with a `Target` (what
Live routes to) and, from Live 9 on, `UpperDisplayString`/`LowerDisplayString` (what the
mixer shows). Monitoring is `MainSequencer/MonitoringEnum` (0 In, 1 Auto, 2 Off). The target
grammar, read off the corpus (see the project's format notes):

- `AudioOut/Master` (Live 8–11), `AudioOut/Main` (12): the main track;
- `AudioOut/GroupTrack`: the enclosing group; `AudioOut/None`: "Sends Only";
- `AudioOut/Track.<Id>/TrackIn`, `MidiOut/Track.<Id>/TrackIn`: another track's input, `<Id>`
  its `Id` attribute, -1 for the main track;
- `MidiOut/Track.<Id>/DeviceIn.<i>.<j>`, `AudioIn/Track.<Id>/DeviceOut.…`: a device there;
- `AudioIn/Track.<Id>/TrackOut|PostFxOut|PreFxOut`: what another track plays;
- `AudioIn/Master`, `AudioIn/Main`: the main output (resampling);
- `AudioIn/External/…`, `AudioOut/External/…`, `MidiIn/External.…`, `MidiOut/External.Dev:…`,
  `…/ReWire.…`: outside Live; `…/None`: nothing.
"""

from __future__ import annotations

import re

from ..model import Route, Routing
from .values import value

_ROUTINGS = {
    "audio_in": "AudioInputRouting",
    "audio_out": "AudioOutputRouting",
    "midi_in": "MidiInputRouting",
    "midi_out": "MidiOutputRouting",
}
_MONITORING = {"0": "in", "1": "auto", "2": "off"}
_TRACK = re.compile(r"^Track\.(-?\d+)/(.*)$")


def read_routing(chain) -> Routing:
    """The routing of the track whose outer chain is `chain`."""
    routes = {}
    for field, tag in _ROUTINGS.items():
        el = chain.find(tag)
        target = value(el, "Target") if el is not None else None
        if target is not None:
            shown = [value(el, "UpperDisplayString", ""), value(el, "LowerDisplayString", "")]
            routes[field] = route(target, " | ".join(part for part in shown if part))
    monitoring = value(chain.find("MainSequencer"), "MonitoringEnum")
    return Routing(**routes, monitoring=_MONITORING.get(monitoring))


def route(target: str, display: str = "") -> Route:
    """The `Route` a stored target stands for (see the module's grammar)."""
    direction, _, rest = target.partition("/")
    is_output = direction.endswith("Out")
    track = _TRACK.match(rest)
    if track:
        kind = "device" if "Device" in track.group(2) else "track"
        return Route(kind=kind, track_id=int(track.group(1)), target=target, display=display)
    if rest in ("Master", "Main"):
        kind = "master" if is_output else "resampling"
    elif rest == "GroupTrack":
        kind = "group"
    elif rest == "None":
        kind = "sends-only" if direction == "AudioOut" else "none"
    else:
        kind = "external"
    return Route(kind=kind, target=target, display=display)
