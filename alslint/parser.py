"""Build the `LiveSet` model from the XML of any Live version 8–12.

The format notes in the project docs (als-format) list every version split handled here;
the comments below name the split each branch is for.
"""

from __future__ import annotations

import math
import os
import re
from array import array
from pathlib import Path

from lxml import etree

from . import devices as device_info
from .errors import SetReadError
from .model import (
    Chain,
    Clip,
    Device,
    Envelope,
    Fades,
    LiveSet,
    Locator,
    Loop,
    Mixer,
    Notes,
    Points,
    SampleRef,
    Scale,
    Scene,
    Send,
    TimeSignature,
    Track,
    WarpMarker,
)
from .notes import decode_notes
from .reader import DEFAULT_MAX_XML_BYTES, CutBlocks, read_set

#: Live writes a parameter's static value as an event at this time (about -2 years in beats).
DEFAULT_EVENT_TIME = -63072000.0
#: Times beyond this are damage: they would make rules walk millions of bars. The largest
#: real time seen is 1.24e6 beats (a DJ tracklist's automation). Values are not bounded:
#: Live writes the float maximum, 3.4e38, for a compressor's "inf : 1" ratio.
MAX_BEATS = 1e7

_TRACK_TYPES = {
    "AudioTrack": "audio",
    "MidiTrack": "midi",
    "GroupTrack": "group",
    "ReturnTrack": "return",
}
_EVENT_TAGS = ("FloatEvent", "BoolEvent", "EnumEvent")
_SEQUENCERS = frozenset({"MainSequencer", "FreezeSequencer"})
_SAMPLE_REF_CHILDREN = ("FileRef", "DefaultDuration", "DefaultSampleRate")
_FILE_REF_CHILDREN = (
    "Path",
    "RelativePath",
    "Name",
    "HasRelativePath",
    "RelativePathType",
    "LivePackName",
    "SearchHint",
)
#: The children of a clip element that the model reads (by tag; Live 8–12).
_CLIP_CHILDREN = (
    "CurrentStart",
    "CurrentEnd",
    "Loop",
    "Name",
    "Disabled",
    "Color",
    "ColorIndex",
    "IsWarped",
    "Fade",
    "Fades",
    "SampleRef",
    "WarpMarkers",
    "Notes",
    "Envelopes",
)

#: Parameters read into `Device.parameters`, as stored (see the model), per device element.
_DEVICE_PARAMETERS = {
    "Compressor2": ("Threshold", "Ratio", "Gain"),
    "GlueCompressor": ("Threshold", "Ratio", "Makeup"),
    "Limiter": ("Ceiling", "Gain"),
}

#: Live 12.1+ stores the scale as an index into Live's scale list.
LIVE12_SCALE_NAMES = [
    "Major",
    "Minor",
    "Dorian",
    "Mixolydian",
    "Lydian",
    "Phrygian",
    "Locrian",
    "Whole Tone",
    "Half-whole Dim.",
    "Whole-half Dim.",
    "Minor Blues",
    "Minor Pentatonic",
    "Major Pentatonic",
    "Harmonic Minor",
    "Harmonic Major",
    "Dorian #4",
    "Phrygian Dominant",
    "Melodic Minor",
    "Lydian Augmented",
    "Lydian Dominant",
    "Super Locrian",
    "8-Tone Spanish",
    "Bhairav",
    "Hungarian Minor",
    "Hirajoshi",
    "In-Sen",
    "Iwato",
    "Kumoi",
    "Pelog Selisir",
    "Pelog Tembung",
    "Messiaen 3",
    "Messiaen 4",
    "Messiaen 5",
    "Messiaen 6",
    "Messiaen 7",
]


def load(path: str | os.PathLike, *, max_xml_bytes: int = DEFAULT_MAX_XML_BYTES) -> LiveSet:
    """Read the Live set at `path` and return its model.

    Raises `alslint.SetReadError` with a one-line reason for anything that is not a readable set.
    """
    root, blocks = read_set(path, max_xml_bytes)
    return build_set(root, str(Path(path)), blocks)


#: What a damaged element raises while it is read (bad numbers, missing children, …).
_DAMAGE = (ValueError, TypeError, AttributeError, KeyError, IndexError, OverflowError)


def build_set(root: etree._Element, path: str, blocks: CutBlocks) -> LiveSet:
    try:
        return _SetBuilder(root, path, blocks).build()
    except SetReadError:
        raise
    except _DAMAGE as exc:
        raise SetReadError(path, f"damaged beyond reading ({exc})") from None


# -- small readers -----------------------------------------------------------------------------


def _value(el: etree._Element | None, path: str | None = None, default: str | None = None):
    """The `Value` attribute of `el` (or of `el.find(path)`), else `default`."""
    if el is not None and path is not None:
        el = el.find(path)
    if el is None:
        return default
    return el.get("Value", default)


def _number(text: str) -> float:
    """A finite float; NaN, infinities and out-of-range values are damage."""
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"value {text!r} is not a finite number")
    return value


def _beats(text: str) -> float:
    """A position or length in beats, within what a real arrangement can hold."""
    value = _number(text)
    if abs(value) > MAX_BEATS:
        raise ValueError(f"time {text!r} is beyond any arrangement")
    return value


def _float(el, path=None, default: float | None = None) -> float | None:
    text = _value(el, path)
    if text is None:
        return default
    return _number(text)


def _bool(el, path=None, default: bool = False) -> bool:
    text = _value(el, path)
    return default if text is None else text == "true"


def _leaf_values(el) -> dict[str, str]:
    """{child tag: its Value attribute} for the direct children of `el`."""
    if el is None:
        return {}
    return {child.tag: child.get("Value") for child in el}


def _param_value(param: etree._Element | None) -> str | None:
    """Static value of an automatable parameter: `Manual` (9+) or the default event (8)."""
    if param is None:
        return None
    manual = param.find("Manual")
    if manual is not None:
        return manual.get("Value")
    for event in param.iterfind("ArrangerAutomation/Events/*"):
        return event.get("Value")
    return None


def _param_float(param, default: float) -> float:
    text = _param_value(param)
    if text is None:
        return default
    if text in ("true", "false"):
        return 1.0 if text == "true" else 0.0
    return _number(text)


def _param_bool(param, default: bool = True) -> bool:
    text = _param_value(param)
    return default if text is None else text == "true"


def _event_number(text: str) -> float:
    if text == "true":
        return 1.0
    if text == "false":
        return 0.0
    return _number(text)


def _points(events: etree._Element | None) -> tuple[float | None, Points]:
    """Split an automation `Events` list into the default value and the real breakpoints."""
    default = None
    times, values = array("d"), array("d")
    if events is None:
        return default, Points(times, values)
    for event in events:
        if event.tag not in _EVENT_TAGS:
            continue
        time = _number(event.get("Time"))
        value = _event_number(event.get("Value"))
        if time > DEFAULT_EVENT_TIME:
            _beats(event.get("Time"))
        if time <= DEFAULT_EVENT_TIME:
            default = value
        else:
            times.append(time)
            values.append(value)
    return default, Points(times, values)


_VERSION = re.compile(r"Ableton Live (?:Suite |Lite |Intro |Standard )?(\S+)")


class _SetBuilder:
    def __init__(self, root: etree._Element, path: str, blocks: CutBlocks):
        self.root = root
        self.path = path
        self.blocks = blocks
        self.sample_refs: dict[bytes, SampleRef | None] = {}
        self.live_set = root.find("LiveSet")
        self.damage: list[str] = []

    def _guard(self, what: str, build, default=None):
        """Build one part; if it is damaged, note the damage and go on with `default`."""
        try:
            return build()
        except _DAMAGE as exc:
            self.damage.append(f"{what} could not be read and was skipped ({exc})")
            return default

    def build(self) -> LiveSet:
        creator = self.root.get("Creator", "")
        match = _VERSION.search(creator)
        live_version = match.group(1) if match else self.root.get("MinorVersion", "0").split("_")[0]
        master_el = self.live_set.find("MainTrack")  # Live 12
        if master_el is None:
            master_el = self.live_set.find("MasterTrack")
        if master_el is None:
            raise SetReadError(self.path, "not a Live set (no master track)")
        master_chain = _outer_chain(master_el)
        master_mixer = master_chain.find("Mixer")

        tracks_el = self.live_set.find("Tracks")
        if tracks_el is None:
            raise SetReadError(self.path, "not a Live set (no track list)")
        track_els = [el for el in tracks_el if el.tag in _TRACK_TYPES]
        return_names = self._return_names(track_els)
        tracks = []
        for position, el in enumerate(track_els, start=1):
            track = self._guard(
                f"track {position} ({el.tag})",
                lambda: self._track(len(tracks), el, return_names, master_el=None),
            )
            if track is not None:
                tracks.append(track)
        master = self._track(len(tracks), master_el, return_names, master_el=master_el)
        tracks.append(master)
        self._link_groups(tracks)

        tempo = self._guard(
            "the tempo", lambda: _param_float(master_mixer.find("Tempo"), 120.0), 120.0
        )
        if tempo <= 0:
            self.damage.append(f"the tempo {tempo:g} is not positive; 120 BPM was assumed")
            tempo = 120.0
        signature = self._guard(
            "the time signature",
            lambda: TimeSignature.from_code(
                int(_param_float(master_mixer.find("TimeSignature"), 201))
            ),
            TimeSignature(),
        )
        return LiveSet(
            path=self.path,
            creator=creator,
            live_version=live_version,
            schema_family=int(self.root.get("MajorVersion", "0")),
            minor_version=self.root.get("MinorVersion", ""),
            tempo=tempo,
            time_signature=signature,
            tempo_envelope=self._find_envelope(master, "Tempo"),
            time_signature_envelope=self._find_envelope(master, "TimeSignature"),
            scale=self._guard("the key", self._scale),
            locators=self._guard("the locators", self._locators, []),
            scenes=self._guard("the scenes", self._scenes, []),
            tracks=tracks,
            damage=self.damage,
        )

    # -- set level -------------------------------------------------------------------------

    def _scale(self) -> Scale | None:
        info = self.live_set.find("ScaleInformation")
        if info is None:
            return None
        in_key_el = self.live_set.find("InKey")
        in_key = None if in_key_el is None else in_key_el.get("Value") == "true"
        root = _value(info, "RootNote")
        if root is not None:  # 9.7 – 12.0: RootNote + scale name as text
            name = _value(info, "Name", "") or ""
            # 9.7 and 10.0 write an empty name: no scale was ever chosen.
            return Scale(root=int(root), name=name, in_key=in_key) if name else None
        index = int(_value(info, "Name", "0"))  # 12.1+: Root + scale index
        name = (
            LIVE12_SCALE_NAMES[index] if 0 <= index < len(LIVE12_SCALE_NAMES) else f"Scale {index}"
        )
        return Scale(root=int(_value(info, "Root", "0")), name=name, in_key=in_key)

    def _locators(self) -> list[Locator]:
        locators = [
            Locator(time=_beats(_value(el, "Time", "0")), name=_value(el, "Name", "") or "")
            for el in self.live_set.iterfind("Locators/Locators/Locator")
        ]
        # Live stores locators in creation order; reports want them in time order.
        return sorted(locators, key=lambda locator: locator.time)

    def _scenes(self) -> list[Scene]:
        scenes = []
        old_style = self.live_set.find("SceneNames")  # Live 8–10: the name is the Value
        if old_style is not None:
            for index, el in enumerate(old_style.iterfind("Scene")):
                scenes.append(Scene(index=index, name=el.get("Value", "")))
            return scenes
        for index, el in enumerate(self.live_set.iterfind("Scenes/Scene")):
            tempo = _float(el, "Tempo") if _bool(el, "IsTempoEnabled") else None
            signature = None
            if _bool(el, "IsTimeSignatureEnabled"):
                signature = TimeSignature.from_code(int(_value(el, "TimeSignatureId", "201")))
            scenes.append(
                Scene(
                    index=index,
                    name=_value(el, "Name", "") or "",
                    tempo=tempo,
                    time_signature=signature,
                )
            )
        return scenes

    # -- tracks ----------------------------------------------------------------------------

    def _return_names(self, track_els) -> list[str]:
        return [self._track_name(el, "return") for el in track_els if el.tag == "ReturnTrack"]

    @staticmethod
    def _track_name(el, track_type: str) -> str:
        effective = _value(el, "Name/EffectiveName")
        if effective is not None:
            return effective
        return _value(el, "Name/UserName", "") or _derived_name(el, track_type)

    def _track(self, index: int, el, return_names: list[str], master_el) -> Track:
        is_master = master_el is not None
        track_type = "master" if is_master else _TRACK_TYPES[el.tag]
        chain = _outer_chain(el)
        if is_master:
            default = "Main" if el.tag == "MainTrack" else "Master"
            name = _value(el, "Name/EffectiveName") or _value(el, "Name/UserName") or default
        else:
            name = self._track_name(el, track_type)
        group_id = _value(el, "TrackGroupId")
        group_id = int(group_id) if group_id is not None and int(group_id) >= 0 else None
        color = _value(el, "Color", _value(el, "ColorIndex"))
        track = Track(
            index=index,
            id=None if is_master else int(el.get("Id", "-1")),
            type=track_type,
            name=name,
            user_name=_value(el, "Name/UserName", "") or "",
            color=int(color) if color is not None else None,
            group_id=group_id,
            frozen=_bool(el, "Freeze"),
            mixer=self._guard(
                f"the mixer of track {name!r}",
                lambda: self._mixer(chain.find("Mixer"), return_names),
                Mixer(),
            ),
            devices=self._devices(chain.find("DeviceChain/Devices")),
        )
        if track_type in ("audio", "midi"):
            self._clips(track, chain.find("MainSequencer"))
            self._take_lanes(track, el)
        track.envelopes = self._envelopes(el, chain)
        return track

    @staticmethod
    def _link_groups(tracks: list[Track]) -> None:
        names = {track.id: track.name for track in tracks if track.type == "group"}
        for track in tracks:
            if track.group_id is not None:
                track.group_name = names.get(track.group_id)

    def _mixer(self, el, return_names: list[str]) -> Mixer:
        if el is None:
            return Mixer()
        sends = []
        for position, holder in enumerate(el.iterfind("Sends/TrackSendHolder")):
            active_el = holder.find("Active")  # Live 8–11
            if active_el is None:
                active_el = holder.find("EnabledByUser")  # Live 12
            sends.append(
                Send(
                    return_index=position,
                    return_name=return_names[position] if position < len(return_names) else "",
                    level=_param_float(holder.find("Send"), 0.0),
                    active=True if active_el is None else active_el.get("Value") == "true",
                )
            )
        return Mixer(
            volume=_param_float(el.find("Volume"), 1.0),
            pan=_param_float(el.find("Pan"), 0.0),
            on=_param_bool(el.find("Speaker"), True),
            solo=_bool(el, "SoloSink"),
            sends=sends,
        )

    # -- devices ---------------------------------------------------------------------------

    def _devices(self, devices_el, key_prefix: str = "") -> list[Device]:
        if devices_el is None:
            return []
        devices = []
        for position, el in enumerate(devices_el):
            key = f"{key_prefix}{position}"
            device = self._guard(f"device {key} ({el.tag})", lambda: self._device(el, key))
            if device is not None:
                devices.append(device)
        return devices

    def _device(self, el, key: str) -> Device:
        tag = el.tag
        plugin_format = plugin_name = None
        is_instrument = tag in device_info.NATIVE_INSTRUMENTS
        if tag == "PluginDevice":
            vst2 = el.find("PluginDesc/VstPluginInfo")
            vst3 = el.find("PluginDesc/Vst3PluginInfo")
            if vst3 is not None:
                plugin_format, plugin_name = "vst3", _value(vst3, "Name", "")
                is_instrument = _value(vst3, "DeviceType") == device_info.VST3_INSTRUMENT_TYPE
            elif vst2 is not None:
                plugin_format, plugin_name = "vst2", _value(vst2, "PlugName", "")
                is_instrument = _value(vst2, "Category") == device_info.VST2_SYNTH_CATEGORY
        elif tag == "AuPluginDevice":
            au = el.find("PluginDesc/AuPluginInfo")
            if au is not None:
                plugin_format, plugin_name = "au", _value(au, "Name", "")
                is_instrument = _value(au, "ComponentType") == device_info.AU_MUSIC_DEVICE
        chains = []
        # Drum Racks also hold return chains (ReturnBranches), fed by the pads' sends.
        branches = [*el.iterfind("Branches/*"), *el.iterfind("ReturnBranches/*")]
        for chain_index, branch in enumerate(branches):
            inner = branch.find("DeviceChain")
            devices_el = None
            if inner is not None and len(inner):
                devices_el = inner[0].find("Devices")
            mixer = branch.find("MixerDevice")
            chains.append(
                Chain(
                    # Live 8–9 store the chain name as a value, Live 10+ like a track name.
                    name=_value(branch, "Name/EffectiveName") or _value(branch, "Name", "") or "",
                    auto_name=branch.find("Name/UserName") is not None
                    and not _value(branch, "Name/UserName"),
                    on=_param_bool(mixer.find("Speaker"), True) if mixer is not None else True,
                    volume=_param_float(mixer.find("Volume"), 1.0) if mixer is not None else 1.0,
                    pan=_param_float(mixer.find("Panorama"), 0.0) if mixer is not None else 0.0,
                    devices=self._devices(devices_el, f"{key}.{chain_index}."),
                    is_return=branch.tag == "ReturnBranch",
                )
            )
        on_param = el.find("On")
        parameters = {}
        for parameter in _DEVICE_PARAMETERS.get(tag, ()):
            text = _param_value(el.find(parameter))
            if text is not None and text not in ("true", "false"):
                parameters[parameter] = _number(text)
        return Device(
            tag=tag,
            name=_device_name(el, plugin_name),
            key=key,
            on=_param_bool(on_param, True),
            on_mapping=_mapping(on_param),
            is_instrument=is_instrument,
            is_midi_effect=device_info.is_midi_effect(tag),
            plugin_format=plugin_format,
            plugin_name=plugin_name,
            chains=chains,
            parameters=parameters,
        )

    # -- clips -----------------------------------------------------------------------------

    def _clips(self, track: Track, sequencer) -> None:
        if sequencer is None:
            return
        for container in ("Sample", "ClipTimeable"):
            for clip_el in sequencer.iterfind(f"{container}/ArrangerAutomation/Events/*"):
                clip = self._guard(
                    f'an arrangement clip on track "{track.name}"', lambda: self._clip(clip_el)
                )
                if clip is not None:
                    track.arrangement_clips.append(clip)
        for scene_index, slot in enumerate(sequencer.iterfind("ClipSlotList/ClipSlot")):
            for clip_el in slot.iterfind("ClipSlot/Value/*"):
                clip = self._guard(
                    f'the session clip in slot {scene_index + 1} of track "{track.name}"',
                    lambda: self._clip(clip_el, scene_index=scene_index),
                )
                if clip is not None:
                    track.session_clips.append(clip)

    def _take_lanes(self, track: Track, el) -> None:
        for lane_index, lane in enumerate(el.iterfind("TakeLanes/TakeLanes/TakeLane")):
            for clip_el in lane.iterfind("ClipAutomation/Events/*"):
                clip = self._guard(
                    f'a take-lane clip on track "{track.name}"',
                    lambda: self._clip(clip_el, take_lane=lane_index),
                )
                if clip is not None:
                    track.take_lane_clips.append(clip)

    def _clip(self, el, scene_index: int | None = None, take_lane: int | None = None):
        if el.get("Block") is not None:  # cut out before parsing (see `reader.slim`)
            el = self.blocks.parse(self.blocks.clips[int(el.get("Block"))], self.path)
        if el.tag == "AudioClip":
            kind = "audio"
        elif el.tag == "MidiClip":
            kind = "midi"
        else:
            return None
        # One pass over the ~12 of its ~40 children that the model reads.
        children = {child.tag: child for child in el.iterchildren(*_CLIP_CHILDREN)}
        values = {tag: child.get("Value") for tag, child in children.items()}
        loop_values = _leaf_values(children.get("Loop"))
        loop = Loop(
            on=loop_values.get("LoopOn") == "true",
            start=_beats(loop_values.get("LoopStart", "0")),
            end=_beats(loop_values.get("LoopEnd", "0")),
            start_relative=_beats(loop_values.get("StartRelative", "0")),
            out_marker=_beats(loop_values["OutMarker"]) if "OutMarker" in loop_values else None,
        )
        start = _beats(values.get("CurrentStart") or el.get("Time", "0"))
        end = _beats(values["CurrentEnd"]) if values.get("CurrentEnd") else start
        if scene_index is not None:
            start, end = 0.0, end - start
        color = values.get("Color", values.get("ColorIndex"))
        clip = Clip(
            kind=kind,
            name=values.get("Name") or "",
            start=start,
            end=end,
            loop=loop,
            disabled=values.get("Disabled") == "true",
            color=int(color) if color is not None else None,
            warped=None if "IsWarped" not in values else values["IsWarped"] == "true",
            scene_index=scene_index,
            take_lane=take_lane,
        )
        envelopes = children.get("Envelopes")  # clip envelopes: <Envelopes><Envelopes>…
        clip.has_envelopes = envelopes is not None and any(len(e) for e in envelopes)
        if kind == "audio":
            clip.fades = _fades(children.get("Fades"), values.get("Fade"))
            clip.sample = self._sample_ref(children.get("SampleRef"))
            clip.warp_markers = _warp_markers(children.get("WarpMarkers"))
        else:
            notes = children.get("Notes")
            clip.notes = self._notes(notes.find("KeyTracks") if notes is not None else None)
        return clip

    def _sample_ref(self, sample_ref) -> SampleRef | None:
        """The clip's sample reference, read once per distinct content (see `reader.slim`)."""
        if sample_ref is None or sample_ref.get("Block") is None:
            return _sample_ref(sample_ref)
        start, end = self.blocks.sample_spans[int(sample_ref.get("Block"))]
        content = bytes(self.blocks.data[start:end])
        if content not in self.sample_refs:
            element = self.blocks.parse(b"<SampleRef>" + content + b"</SampleRef>", self.path)
            self.sample_refs[content] = _sample_ref(element)
        return self.sample_refs[content]

    def _notes(self, key_tracks) -> Notes:
        if key_tracks is None or key_tracks.get("Block") is None:
            return Notes()
        start, end = self.blocks.note_spans[int(key_tracks.get("Block"))]
        return decode_notes(self.blocks.data, start, end)

    # -- automation ------------------------------------------------------------------------

    def _envelopes(self, track_el, chain) -> list[Envelope]:
        envelopes_el = track_el.find("AutomationEnvelopes/Envelopes")
        if envelopes_el is not None:  # Live 10+: envelopes point at AutomationTarget ids
            targets = {
                target.get("Id"): target.getparent() for target in track_el.iter("AutomationTarget")
            }
            result = []
            for env_el in envelopes_el.iterfind("AutomationEnvelope"):
                pointee = _value(env_el, "EnvelopeTarget/PointeeId")
                param = targets.get(pointee)
                if param is None:
                    self.damage.append(
                        f"an automation envelope points at parameter id {pointee}, which does "
                        "not exist in its track; it was skipped"
                    )
                    continue
                envelope = self._guard(
                    f"the automation of {param.tag}",
                    lambda: _envelope(param, track_el, *_points(env_el.find("Automation/Events"))),
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
            default, points = self._guard(
                f"the automation of {param.tag}",
                lambda: _points(events),
                (None, Points()),
            )
            if len(points):
                result.append(_envelope(param, track_el, default, points))
        return result

    @staticmethod
    def _find_envelope(master: Track, parameter: str) -> Envelope | None:
        for envelope in master.envelopes:
            if envelope.owner == "Mixer" and envelope.parameter == parameter:
                return envelope
        return None


def _outer_chain(track_el):
    """The track's outer chain: `DeviceChain`, or `MasterChain` for the Live 8 master."""
    chain = track_el.find("DeviceChain")
    if chain is None:
        chain = track_el.find("MasterChain")
    if chain is None:
        raise ValueError(f"track <{track_el.tag}> without a device chain")
    return chain


def _mapping(param) -> str | None:
    """How a parameter is mapped besides its own control: a rack macro, a key or MIDI."""
    key_midi = param.find("KeyMidi") if param is not None else None
    if key_midi is None:
        return None
    if _value(key_midi, "PersistentKeyString"):
        return "key"
    return "macro" if _value(key_midi, "Channel") == "16" else "midi"


def _file_stem(file_ref) -> str | None:
    """The file name, without extension, of a FileRef (Live 8–10 `Name`, 11+ paths)."""
    name = _value(file_ref, "Name") or _value(file_ref, "RelativePath") or _value(file_ref, "Path")
    if not name:
        return None
    return os.path.splitext(name.replace("\\", "/").rsplit("/", 1)[-1])[0]


def _device_name(el, plugin_name: str | None) -> str:
    user = _value(el, "UserName", "") or ""
    if user:
        return user
    if plugin_name:
        return plugin_name
    if el.tag.startswith("MxDevice"):  # Max for Live: Live shows the .amxd file's name
        patch = _file_stem(el.find("PatchSlot/Value/*/FileRef"))
        if patch:
            return patch
    if _value(el, "ShouldShowPresetName") != "false":
        preset = _file_stem(el.find("LastPresetRef/Value/*/FileRef"))
        if preset:
            return preset
    return device_info.display_name(el.tag)


def _derived_name(el, track_type: str) -> str:
    """Live 8.2 stores no display name for unnamed tracks; rebuild what Live shows:
    `<n>-<first device or kind>` for tracks, `<letter>-Return` for returns."""
    earlier = list(el.itersiblings(preceding=True))
    if track_type == "return":
        position = sum(1 for other in earlier if other.tag == "ReturnTrack")
        return f"{chr(ord('A') + position)}-Return"
    number = 1 + sum(1 for other in earlier if other.tag != "ReturnTrack")
    if track_type == "midi":
        devices = el.find("DeviceChain/DeviceChain/Devices")
        if devices is not None and len(devices):
            first = devices[0]
            plugin = _value(first, "PluginDesc/VstPluginInfo/PlugName")
            return f"{number}-{_device_name(first, plugin)}"
        return f"{number}-MIDI"
    return f"{number}-{'Group' if track_type == 'group' else 'Audio'}"


def _envelope(param, track_el, default, points) -> Envelope:
    owner, device_path, device_key, name = _parameter_location(param, track_el)
    return Envelope(
        parameter=name,
        owner=owner,
        device_path=device_path,
        device_key=device_key,
        default_value=default,
        points=points,
    )


def _parameter_location(param, track_el) -> tuple[str, list[str], str | None, str]:
    """(owner, device path, device key, parameter name) of a parameter inside a track."""
    # Plugin parameters carry their own display name.
    plugin_name = (
        _value(param.getparent(), "ParameterName") if param.tag == "ParameterValue" else None
    )
    name_parts = [plugin_name] if plugin_name else [param.tag]
    devices: list[str] = []
    key_parts: list[str] = []  # innermost first: device index, chain index, device index, …
    owner = None
    node = param.getparent()
    if plugin_name:
        node = node.getparent()
    while node is not None and node is not track_el:
        parent = node.getparent()
        if parent is not None and parent.tag == "Devices":
            plugin = _value(node, "PluginDesc/*/PlugName") or _value(node, "PluginDesc/*/Name")
            devices.append(_device_name(node, plugin))
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


def _fades(fades, fade_switch: str | None) -> Fades | None:
    if fades is None:
        return None
    values = _leaf_values(fades)
    return Fades(
        enabled=fade_switch != "false",
        fade_in=_number(values.get("FadeInLength", "0")),
        fade_out=_number(values.get("FadeOutLength", "0")),
        default_fade_in=values.get("IsDefaultFadeIn") == "true",
        default_fade_out=values.get("IsDefaultFadeOut") == "true",
    )


def _warp_markers(warp_markers) -> list[WarpMarker]:
    if warp_markers is None:
        return []
    pairs = [(marker.get("SecTime"), marker.get("BeatTime")) for marker in warp_markers]
    return [WarpMarker(_number(seconds), _number(beat)) for seconds, beat in pairs]


def _sample_ref(sample_ref) -> SampleRef | None:
    if sample_ref is None:
        return None
    own = {child.tag: child for child in sample_ref.iterchildren(*_SAMPLE_REF_CHILDREN)}
    file_ref = own.get("FileRef")
    if file_ref is None:
        return None
    # One pass over the ~10 children of the file reference, as for clips.
    fields = {child.tag: child for child in file_ref.iterchildren(*_FILE_REF_CHILDREN)}
    values = {tag: child.get("Value") for tag, child in fields.items()}
    duration, rate = _value(own.get("DefaultDuration")), _value(own.get("DefaultSampleRate"))
    common = dict(
        live_pack_name=values.get("LivePackName") or None,
        relative_path_type=int(values.get("RelativePathType") or "0"),
        duration_samples=int(duration) if duration is not None else None,
        sample_rate=_number(rate) if rate is not None else None,
    )
    path = values.get("Path")
    if path is not None:  # Live 11+: plain strings
        relative = values.get("RelativePath") or None
        return SampleRef(
            name=path.replace("\\", "/").rsplit("/", 1)[-1],
            path=path,
            relative_path=relative,
            **common,
        )
    # Live 8–10: path elements; an empty Dir means "one level up".
    name = values.get("Name") or ""
    relative_dirs = _path_dirs(fields.get("RelativePath"))
    relative = None
    if (values.get("HasRelativePath") or "true") == "true" and (relative_dirs or name):
        relative = "/".join([d if d else ".." for d in relative_dirs] + [name])
    search_hint = fields.get("SearchHint")
    hint_dirs = _path_dirs(search_hint.find("PathHint") if search_hint is not None else None)
    absolute = "/" + "/".join(hint_dirs + [name]) if hint_dirs else None
    return SampleRef(name=name, path=absolute, relative_path=relative, **common)


def _path_dirs(path_el) -> list[str]:
    """The folder names of a Live 8–10 path element (`RelativePath`, `PathHint`)."""
    if path_el is None:
        return []
    return [element.get("Dir", "") for element in path_el.iterchildren("RelativePathElement")]
