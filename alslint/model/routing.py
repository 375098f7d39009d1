"""A track's routing: where its audio and MIDI come from and go to, as Live's mixer shows."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal

from .base import Model

if TYPE_CHECKING:
    from . import Track


#: A track's routing choosers, as a producer names them.
ROUTING_CHOOSERS = {
    "audio_in": "audio from",
    "audio_out": "audio to",
    "midi_in": "MIDI from",
    "midi_out": "MIDI to",
}

RouteKind = Literal[
    "master", "group", "track", "device", "sends-only", "resampling", "external", "none"
]


def default_output(track: Track) -> str:
    """Where Live sends a new track's audio: its group, the main track, or (the main track)
    the audio interface."""
    if track.type == "master":
        return "external"
    return "group" if track.group_id is not None else "master"


class Route(Model):
    """One routing chooser of a track: where its audio or MIDI comes from or goes to."""

    #: "master": the main track; "group": the enclosing group; "track": another track's input
    #: (an output) or what it plays (an input); "device": a device on another track (a MIDI
    #: effect or instrument, a sidechain); "sends-only": audio reaches only the sends;
    #: "resampling": the input is the main output; "external": outside Live (audio interface,
    #: MIDI port, ReWire); "none": nothing.
    kind: RouteKind
    #: "track"/"device": Live's `Id` of the other track, -1 for the main track.
    track_id: int | None = None
    #: As stored, e.g. "AudioOut/Track.12/TrackIn", "MidiIn/External.All/-1".
    target: str = ""
    #: What Live's mixer shows (Live 9+), e.g. "Bus | Track In"; empty when not stored.
    display: str = ""


class Routing(Model):
    """A track's four routing choosers and its monitoring, as Live's mixer shows them.
    None where the track has no such chooser (a return has no inputs, the master no MIDI)."""

    audio_in: Route | None = None
    audio_out: Route | None = None
    midi_in: Route | None = None
    midi_out: Route | None = None
    #: Audio and MIDI tracks: "in", "auto" (Live's default) or "off".
    monitoring: Literal["in", "auto", "off"] | None = None

    def routes(self) -> Iterator[tuple[str, Route]]:
        """(chooser, route) of each chooser the track has: "audio_in", "audio_out", …"""
        for chooser in ("audio_in", "audio_out", "midi_in", "midi_out"):
            chosen = getattr(self, chooser)
            if chosen is not None:
                yield chooser, chosen
