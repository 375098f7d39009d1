"""The smallest set alslint reads, for tests: only the elements its parser looks at, on one
line.

The set is described with the same model as a full one (`livexml.model`) and written with
the same ids, values and elements (loop, fades, sample reference, notes, envelopes,
locators, scenes); only the elements around them are left out. So a test's set stays
small, quick to write and easy to edit as text (`<Volume><LomId Value="0"/><Manual …`).
"""

from __future__ import annotations

from collections.abc import Sequence

from .automation import envelopes
from .clips import (
    fades_element,
    key_tracks_element,
    loop_element,
    scale_information,
    warp_markers_element,
)
from .document import locator, root, scene
from .mixer import send_levels
from .model import AudioClip, AudioTrack, Clip, Device, LiveSet, MidiTrack, ReturnTrack, Track
from .samples import sample_ref
from .schema import time_signature_code
from .tracks import display_name, midi_output
from .writer import Writer, automation_id
from .xml import E, Node, V, gzip_like_live, serialize_compact


def to_xml(s: LiveSet) -> str:
    return serialize_compact(render(s))


def to_als(s: LiveSet) -> bytes:
    return gzip_like_live(to_xml(s).encode("utf-8"))


def render(s: LiveSet) -> Node:
    """The `Ableton` root of the set `s`; without Scale Mode (`in_key` off) no key at all."""
    w = Writer(s)
    tracks = E("Tracks", *(_track(w, t) for t in s.tracks))
    main = Track("Main", volume=s.main_volume)
    main_track = E(
        "MainTrack",
        _name("Main", ""),
        E("DeviceChain", _mixer(w, main, main=True), _devices(w, s.main_devices)),
    )
    key = (scale_information(s.scale), V("InKey", True)) if s.in_key else ()
    return root(
        E(
            "LiveSet",
            tracks,
            main_track,
            *key,
            E("Locators", E("Locators", *(locator(i, loc) for i, loc in enumerate(s.locators)))),
            E("Scenes", *(scene(s, i) for i in range(s.scene_count))),
        )
    )


def _name(effective: str, user: str) -> Node:
    return E("Name", V("EffectiveName", effective), V("UserName", user))


def _track(w: Writer, track: Track) -> Node:
    w.targets = {}
    mixer = _mixer(w, track)  # first: it records the ids the envelopes point at
    group_id = w.track_ids[id(track.group)] if track.group is not None else -1
    sequencer = None
    if isinstance(track, (AudioTrack, MidiTrack)):
        sequencer = _sequencer(w, track)
    return E(
        track.kind,
        _name(display_name(w, track), track.name),
        V("Color", track.color),
        envelopes(w, track.automation) if track.automation else None,
        V("TrackGroupId", group_id),
        V("Freeze", False),
        E("DeviceChain", _midi_output(w, track), mixer, sequencer, _devices(w, track.devices)),
        Id=w.track_ids[id(track)],
    )


def _midi_output(w: Writer, track: Track) -> Node | None:
    """A MIDI output to another track; Live's default (none) is left out, as alslint reads."""
    routed = midi_output(w, track)
    return E("MidiOutputRouting", V("Target", routed[0])) if routed else None


def _mixer(w: Writer, track: Track, main: bool = False) -> Node:
    sends = []
    if not main:
        for i, level in enumerate(send_levels(w, track)):
            send = w.plain_param("Send", level)
            w.targets[f"Send {chr(ord('A') + i)}"] = automation_id(send)
            enabled = not isinstance(track, ReturnTrack)
            sends.append(E("TrackSendHolder", send, V("EnabledByUser", enabled), Id=i))
    params = {
        "Speaker": w.plain_param("Speaker", track.active),
        "Volume": w.plain_param("Volume", track.volume),
        "Pan": w.plain_param("Pan", track.pan),
    }
    w.targets.update({name: automation_id(param) for name, param in params.items()})
    song = ()
    if main:
        s = w.live_set
        song = (
            w.plain_param("Tempo", s.tempo),
            w.plain_param("TimeSignature", time_signature_code(*s.time_signature)),
        )
    return E("Mixer", E("Sends", *sends), *params.values(), V("SoloSink", track.solo), *song)


def _sequencer(w: Writer, track: AudioTrack | MidiTrack) -> Node:
    arrangement = [_clip(w, i, c) for i, c in enumerate(track.clips)]
    first = len(arrangement)  # session clips are numbered on from the arrangement's
    slots = [
        E("ClipSlot", E("ClipSlot", E("Value", _clip(w, first + i, c))), Id=i)
        for i, c in enumerate(track.session_clips)
    ]
    lane = "Sample" if isinstance(track, AudioTrack) else "ClipTimeable"
    return E(
        "MainSequencer",
        E("ClipSlotList", *slots),
        E(lane, E("ArrangerAutomation", E("Events", *arrangement))),
    )


def _clip(w: Writer, index: int, clip: Clip) -> Node:
    node = E(
        "AudioClip" if isinstance(clip, AudioClip) else "MidiClip",
        V("CurrentStart", clip.start),
        V("CurrentEnd", clip.end),
        loop_element(clip),
        V("Name", clip.name),
        V("Disabled", clip.disabled),
        Id=index,
        Time=clip.start,
    )
    if isinstance(clip, AudioClip):
        node.add(
            sample_ref(clip.sample) if clip.sample is not None else None,
            V("IsWarped", True),
            warp_markers_element(clip, w.live_set.tempo),
            V("Fade", clip.fades.enabled),
            fades_element(clip.fades),
        )
    else:
        node.add(E("Notes", key_tracks_element(clip.notes)))
    return node


def _devices(w: Writer, devices: Sequence[Device]) -> Node:
    return E(
        "DeviceChain",
        E(
            "Devices",
            *(
                E(d.tag, w.plain_param("On", d.on), V("UserName", d.user_name), Id=i)
                for i, d in enumerate(devices)
            ),
        ),
    )
