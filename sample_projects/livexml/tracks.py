"""Tracks: audio, MIDI, group and return tracks, the main track and the pre-hear track,
with their routings, sequencers (which hold the clips) and device chains."""

from __future__ import annotations

from collections.abc import Sequence

from .automation import envelopes
from .clips import arranger_automation, audio_clip, clip_element, midi_clip
from .mixer import mixer
from .model import (
    AudioClip,
    AudioTrack,
    Automation,
    Clip,
    Device,
    GroupTrack,
    MidiClip,
    MidiTrack,
    ReturnTrack,
    Track,
)
from .schema import MIDI_CONTROLLER_TARGETS, time_signature_code
from .writer import MAIN_SEQUENCER_IDS, Writer, routable
from .xml import E, Node, V


def display_name(w: Writer, track: Track) -> str:
    """The name Live shows: a return track's starts with its letter ("A-Reverb")."""
    if isinstance(track, ReturnTrack):
        return f"{chr(ord('A') + w.live_set.returns.index(track))}-{track.name}"
    return track.name


def _track_head(
    name: str, user_name: str, color: int, envelopes: Node, group_id: int
) -> list[Node]:
    return [
        V("LomId", 0),
        V("LomIdView", 0),
        V("IsContentSelectedInDocument", False),
        V("PreferredContentViewMode", 0),
        E("TrackDelay", V("Value", 0), V("IsValueSampleBased", False)),
        E(
            "Name",
            V("EffectiveName", name),
            V("UserName", user_name),
            V("Annotation", ""),
            V("MemorizedFirstClipName", ""),
        ),
        V("Color", color),
        envelopes,
        V("TrackGroupId", group_id),
        V("TrackUnfolded", True),
        Node("DevicesListWrapper", {"LomId": "0"}),
        Node("ClipSlotsListWrapper", {"LomId": "0"}),
        Node("ArrangementClipsListWrapper", {"LomId": "0"}),
        Node("TakeLanesListWrapper", {"LomId": "0"}),
        V("ViewData", "{}"),
        E("TakeLanes", E("TakeLanes"), V("AreTakeLanesFolded", True)),
        V("LinkedTrackGroupId", -1),
    ]


def _view_states() -> list[Node]:
    return [
        E(
            "AutomationLanes",
            E(
                "AutomationLanes",
                E(
                    "AutomationLane",
                    V("SelectedDevice", 0),
                    V("SelectedEnvelope", 0),
                    V("IsContentSelectedInDocument", False),
                    V("LaneHeight", 68),
                    Id=0,
                ),
            ),
            V("AreAdditionalAutomationLanesFolded", False),
        ),
        E(
            "ClipEnvelopeChooserViewState",
            V("SelectedDevice", 0),
            V("SelectedEnvelope", 0),
            V("PreferModulationVisible", False),
        ),
    ]


#: Routings as (target, upper and lower display string).
_MONO_IN = ("AudioIn/External/M0", "Ext. In", "1")
_STEREO_IN = ("AudioIn/External/S0", "Ext. In", "1/2")
_STEREO_OUT = ("AudioOut/External/S0", "Ext. Out", "1/2")


def _routings(audio_in, audio_out, midi_out=("MidiOut/None", "None", "")) -> list[Node]:
    return [
        routable("AudioInputRouting", *audio_in),
        routable("MidiInputRouting", "MidiIn/External.All/-1", "Ext: All Ins", ""),
        routable("AudioOutputRouting", *audio_out),
        routable("MidiOutputRouting", *midi_out),
    ]


def midi_output(w: Writer, track: Track) -> tuple[str, str, str] | None:
    """A MIDI track's MIDI output to another track, as (target, upper, lower display)."""
    other = getattr(track, "midi_to", None)
    if other is None:
        return None
    target = f"MidiOut/Track.{w.track_ids[id(other)]}/TrackIn"
    return target, display_name(w, other), "Track In"


def _track_node(tag: str, **id_attr) -> Node:
    return E(
        tag, **id_attr, SelectedToolPanel=7, SelectedTransformationName="", SelectedGeneratorName=""
    )


def clip_slots(w: Writer, slots: bool, session: Sequence[Clip] = ()) -> Node:
    """One clip slot per scene (`slots`), holding the session clips from the first on."""
    count = w.live_set.scene_count if slots else 0
    if len(session) > count:
        raise ValueError(f"{len(session)} session clips for {count} clip slots")
    return E(
        "ClipSlotList",
        *(
            E(
                "ClipSlot",
                V("LomId", 0),
                E(
                    "ClipSlot",
                    E("Value", clip_element(w, i, session[i]) if i < len(session) else None),
                ),
                V("HasStop", True),
                V("NeedRefreeze", True),
                Id=i,
            )
            for i in range(count)
        ),
    )


def audio_sequencer(
    w: Writer,
    tag: str,
    clips: Sequence[AudioClip],
    *,
    slots: bool,
    session: Sequence[AudioClip] = (),
    monitoring: int,
    main_ids: bool = False,
) -> Node:
    """MainSequencer of an audio track, and the FreezeSequencer of every track."""
    ids = MAIN_SEQUENCER_IDS if main_ids else {}
    header = w.device_header(on_id=ids.get("On"))
    node = E(tag, *header)

    def target(name: str) -> Node:
        return w.target(f"{name}ModulationTarget", ids.get(name) or w.new_id())

    node.add(
        clip_slots(w, slots, session),
        V("MonitoringEnum", monitoring),
        V("KeepRecordMonitoringLatency", True),
        E("Sample", arranger_automation(audio_clip(w, i, c) for i, c in enumerate(clips))),
        target("Volume"),
        target("Transposition"),
        target("TransientEnvelope"),
        target("GrainSize"),
        target("Flux"),
        target("SampleOffset"),
        target("ComplexProFormants"),
        target("ComplexProEnvelope"),
        V("PitchViewScrollPosition", -1073741824),
        V("SampleOffsetModulationScrollPosition", -1073741824),
        E("Recorder", V("IsArmed", False), V("TakeCounter", 1)),
    )
    return node


def midi_sequencer(w: Writer, clips: Sequence[MidiClip], session: Sequence[MidiClip]) -> Node:
    node = E("MainSequencer", *w.device_header())
    node.add(
        clip_slots(w, True, session),
        V("MonitoringEnum", 1),
        V("KeepRecordMonitoringLatency", True),
        E(
            "ClipTimeable",
            arranger_automation(midi_clip(w, i, c) for i, c in enumerate(clips)),
        ),
        E("Recorder", V("IsArmed", False), V("TakeCounter", 1)),
        E(
            "MidiControllers",
            *(
                w.target(f"ControllerTargets.{i}", w.new_id())
                for i in range(MIDI_CONTROLLER_TARGETS)
            ),
        ),
    )
    return node


def device_chain(w: Writer, devices: Sequence[Device]) -> Node:
    return E(
        "DeviceChain",
        E("Devices", *(d.render(w, i) for i, d in enumerate(devices))),
        E("SignalModulations"),
    )


def track_element(w: Writer, track: Track) -> Node:
    w.targets = {}
    w.current_color = track.color  # clips take their track's colour
    track_id = w.track_ids[id(track)]
    group_id = w.track_ids[id(track.group)] if track.group is not None else -1
    is_return = isinstance(track, ReturnTrack)
    name = display_name(w, track)
    if group_id >= 0:
        audio_out = ("AudioOut/GroupTrack", "Group", "")
    else:
        audio_out = ("AudioOut/Main", "Master", "")
    audio_in = _MONO_IN if isinstance(track, AudioTrack) else _STEREO_IN
    midi_out = midi_output(w, track)
    routings = _routings(audio_in, audio_out, *([midi_out] if midi_out else []))

    mixer_node = mixer(w, track, sends_enabled=not is_return)
    if isinstance(track, AudioTrack):
        chain = [
            mixer_node,
            audio_sequencer(
                w,
                "MainSequencer",
                track.clips,
                slots=True,
                session=track.session_clips,
                monitoring=1,
            ),
            audio_sequencer(w, "FreezeSequencer", (), slots=True, monitoring=1),
            device_chain(w, track.devices),
        ]
    elif isinstance(track, MidiTrack):
        chain = [
            mixer_node,
            midi_sequencer(w, track.clips, track.session_clips),
            audio_sequencer(w, "FreezeSequencer", (), slots=True, monitoring=1),
            device_chain(w, track.devices),
        ]
    else:  # group and return tracks: no main sequencer; returns have no clip slots
        chain = [
            mixer_node,
            device_chain(w, track.devices),
            audio_sequencer(w, "FreezeSequencer", (), slots=not is_return, monitoring=1),
        ]
    envelope_node = envelopes(w, track.automation)
    node = _track_node(track.kind, Id=track_id)
    node.add(*_track_head(name, track.name, track.color, envelope_node, group_id))
    if isinstance(track, (AudioTrack, MidiTrack)):
        node.add(
            V("SavedPlayingSlot", -1),
            V("SavedPlayingOffset", 0),
            V("Freeze", False),
            V("NeedArrangerRefreeze", True),
            V("PostProcessFreezeClips", 0),
        )
    elif isinstance(track, GroupTrack):
        node.add(
            E(
                "Slots",
                *(E("GroupTrackSlot", V("LomId", 0), Id=i) for i in range(w.live_set.scene_count)),
            ),
            V("Freeze", False),
            V("NeedArrangerRefreeze", True),
        )
    node.add(E("DeviceChain", *_view_states(), *routings, *chain))
    if isinstance(track, AudioTrack):
        node.add(V("IsTuned", True))
    elif isinstance(track, MidiTrack):
        node.add(
            V("ReWireDeviceMidiTargetId", 0),
            V("PitchbendRange", 96),
            V("IsTuned", True),
            V("ControllerLayoutRemoteable", 0),
            E(
                "ControllerLayoutCustomization",
                V("PitchClassSource", 0),
                V("OctaveSource", 2),
                V("KeyNoteTarget", 60),
                V("StepSize", 1),
                V("OctaveEvery", 12),
                V("AllowedKeys", 0),
                V("FillerKeysMapTo", 0),
            ),
        )
    return node


def main_track(w: Writer) -> Node:
    w.targets = {}
    s = w.live_set
    main = Track("Main", volume=s.main_volume)
    mixer_node = mixer(w, main, sends_enabled=False, main=True)
    freeze = E(
        "FreezeSequencer",
        audio_sequencer(w, "AudioSequencer", (), slots=True, monitoring=1, main_ids=True),
    )
    freeze.children[0].attrs["Id"] = "0"  # the main track's inner sequencer has an Id
    chain = device_chain(w, s.main_devices)
    signature = Automation("TimeSignature", (), default=time_signature_code(*s.time_signature))
    tempo = Automation("Tempo", (), default=s.tempo)
    envelope_node = envelopes(w, [signature, tempo])
    node = _track_node("MainTrack")
    node.add(*_track_head("Main", "", 0, envelope_node, -1))
    node.add(
        E(
            "DeviceChain",
            *_view_states(),
            *_routings(_STEREO_IN, _STEREO_OUT),
            mixer_node,
            freeze,
            chain,
        )
    )
    return node


def prehear_track(w: Writer) -> Node:
    w.targets = {}
    node = _track_node("PreHearTrack")
    node.add(*_track_head("0-Main", "", -1, E("AutomationEnvelopes", E("Envelopes")), -1))
    node.add(
        E(
            "DeviceChain",
            *_view_states(),
            *_routings(_STEREO_IN, _STEREO_OUT),
            mixer(w, None, sends_enabled=False),
            device_chain(w, ()),
        )
    )
    return node
