"""Reference values read straight from the raw XML of a set, independently of alslint.

Only gzip + lxml (XPath) here, nothing from `alslint`: a parser bug cannot hide by also being
in the reference. Element paths follow docs/als-format.md (shared/docs).
"""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

TRACK_KINDS = {
    "AudioTrack": "audio",
    "MidiTrack": "midi",
    "GroupTrack": "group",
    "ReturnTrack": "return",
}
CLIP_KINDS = {"AudioClip": "audio", "MidiClip": "midi"}
DEFAULT_TIME = -63072000.0  # the time of a parameter's static "default" event

_CLIP = "*[self::AudioClip or self::MidiClip]"
_CHAINS = ("DeviceChain", "MasterChain")  # MasterChain: the Live 8 master


def _either(template: str) -> etree.XPath:
    """`template` (with `{chain}`) under DeviceChain or, for the Live 8 master, MasterChain."""
    return etree.XPath(" | ".join(template.format(chain=chain) for chain in _CHAINS))


# Relative to a track element.
ARRANGEMENT_CLIPS = etree.XPath(
    " | ".join(
        f"{chain}/MainSequencer/{seq}/ArrangerAutomation/Events/{_CLIP}"
        for chain in _CHAINS
        for seq in ("Sample", "ClipTimeable")
    )
)
CLIP_SLOTS = _either("{chain}/MainSequencer/ClipSlotList/ClipSlot")
SLOT_CLIPS = etree.XPath(f"ClipSlot/Value/{_CLIP}")
TAKE_LANES = etree.XPath("TakeLanes/TakeLanes/TakeLane")
LANE_CLIPS = etree.XPath(f"ClipAutomation/Events/{_CLIP}")
FREEZE_ARRANGEMENT = _either("{chain}/FreezeSequencer/Sample/ArrangerAutomation/Events/" + _CLIP)
FREEZE_SESSION = _either("{chain}/FreezeSequencer/ClipSlotList/ClipSlot/ClipSlot/Value/" + _CLIP)
ENVELOPES = etree.XPath("AutomationEnvelopes/Envelopes/AutomationEnvelope")
# Live 8/9: a parameter's own ArrangerAutomation (not a clip sequencer's) with an event after
# the default event.
INLINE_AUTOMATION = etree.XPath(
    ".//ArrangerAutomation[not(parent::Sample or parent::ClipTimeable)]"
    f"[Events/*[number(@Time) > {DEFAULT_TIME}]]"
)
DEVICES = etree.XPath(".//Devices/*")
PLUGINS = etree.XPath(
    ".//PluginDevice[PluginDesc/VstPluginInfo or PluginDesc/Vst3PluginInfo] | .//AuPluginDevice"
)
# Samples instruments play: Simpler's and Sampler's zones, Impulse's slots.
ZONE_SAMPLES = etree.XPath(
    ".//Devices/*[self::OriginalSimpler or self::MultiSampler]"
    "/Player/MultiSampleMap/SampleParts/MultiSamplePart[SampleRef/FileRef]"
)
IMPULSE_SAMPLES = etree.XPath(
    ".//Devices/InstrumentImpulse/*[starts-with(name(), 'TabSample.')]/Value/SampleRef[FileRef]"
)
# A track's four routing choosers and its monitoring.
ROUTING_CHOOSERS = (
    "AudioInputRouting",
    "AudioOutputRouting",
    "MidiInputRouting",
    "MidiOutputRouting",
)
MONITORING = _either("{chain}/MainSequencer/MonitoringEnum/@Value")
GROOVE_NOTES = etree.XPath(
    "count(GroovePool/Grooves/Groove/Clip/Value/MidiClip"
    "/Notes/KeyTracks/KeyTrack/Notes/MidiNoteEvent)"
)


@dataclass
class RawTrack:
    kind: str  # audio / midi / group / return / master
    id: int | None  # the Id attribute (None for the master)
    effective_name: str | None  # None in Live 8.2.1
    user_name: str
    frozen: bool
    arrangement_clips: list[tuple[str, float, float]]  # (kind, CurrentStart, CurrentEnd)
    session_clips: list[tuple[int, str]]  # (scene index, kind)
    take_lane_clips: list[tuple[int, str, float, float]]  # (lane index, kind, start, end)
    notes: int  # notes of the MainSequencer and take-lane clips above
    muted_notes: int  # of these, the ones with IsEnabled="false"
    note_digest: str  # see note_digest()
    envelopes: list[tuple[float | None, int]]  # (default value, number of real points)
    plugins: list[tuple[str, str]]  # (vst2|vst3|au, name), document order
    devices: list[str]  # tags of every device, racks opened, document order
    #: (device tag, zone, file name) of every instrument sample, document order; the zone is
    #: Sampler's zone name, Impulse's "slot N", None on Simpler
    instrument_samples: list[tuple[str, str | None, str]]
    #: the stored `Target` of AudioInputRouting, AudioOutputRouting, MidiInputRouting,
    #: MidiOutputRouting (None where the track has none), and MonitoringEnum
    routing: tuple[str | None, ...]
    monitoring: str | None
    freeze_arrangement: list[str]  # kinds of FreezeSequencer clips: never counted as clips
    freeze_session: list[str]

    def count(self, plugin_format: str) -> int:
        return sum(1 for fmt, _ in self.plugins if fmt == plugin_format)


@dataclass
class RawSet:
    creator: str
    schema_family: int
    kinds: dict[str, int]
    masters: int
    tracks: list[RawTrack]  # display order, master last
    tempo: float
    signature_code: int
    tempo_envelope: tuple[float | None, int] | None
    signature_envelope: tuple[float | None, int] | None
    locators: list[tuple[float, str]]  # creation (document) order
    all_notes: int  # every MidiNoteEvent in the document
    groove_notes: int  # notes of groove-pool clips

    def clips(self, attr: str, kind: str) -> int:
        """Number of `kind` clips in the `attr` list of every track."""
        return sum(1 for t in self.tracks for clip in getattr(t, attr) if kind in clip)


def read_root(path: str | Path) -> etree._Element:
    parser = etree.XMLParser(huge_tree=True, resolve_entities=False, no_network=True)
    with gzip.open(path, "rb") as handle:
        return etree.parse(handle, parser).getroot()


def _number(text: str) -> float:
    return 1.0 if text == "true" else 0.0 if text == "false" else float(text)


def _value(el: etree._Element, path: str) -> str | None:
    node = el.find(path)
    return None if node is None else node.get("Value")


def _events(events: etree._Element | None) -> tuple[float | None, int]:
    """(default value, number of events after the default event)."""
    default, points = None, 0
    for event in [] if events is None else events:
        if float(event.get("Time")) <= DEFAULT_TIME:
            default = _number(event.get("Value"))
        else:
            points += 1
    return default, points


def note_digest(notes) -> str:
    """sha256 over (pitch, time, duration, velocity, enabled) of every note, in order."""
    digest = hashlib.sha256()
    for pitch, time, duration, velocity, enabled in notes:
        digest.update(f"{pitch},{time!r},{duration!r},{velocity!r},{bool(enabled)};".encode())
    return digest.hexdigest()


def _clip_notes(clip: etree._Element):
    for key_track in clip.iterfind("Notes/KeyTracks/KeyTrack"):
        pitch = int(_value(key_track, "MidiKey"))
        for note in key_track.iterfind("Notes/MidiNoteEvent"):
            yield (
                pitch,
                float(note.get("Time")),
                float(note.get("Duration")),
                float(note.get("Velocity")),
                note.get("IsEnabled") != "false",
            )


def _static_value(param: etree._Element) -> str:
    """`Manual` (Live 9+), else the default event at -63072000 (Live 8)."""
    manual = _value(param, "Manual")
    if manual is not None:
        return manual
    for event in param.iterfind("ArrangerAutomation/Events/*"):
        if float(event.get("Time")) == DEFAULT_TIME:
            return event.get("Value")
    raise AssertionError(f"<{param.tag}> has neither Manual nor a default event")


def _plugin(device: etree._Element) -> tuple[str, str]:
    if device.tag == "AuPluginDevice":
        return "au", _value(device, "PluginDesc/AuPluginInfo/Name")
    if device.find("PluginDesc/Vst3PluginInfo") is not None:
        return "vst3", _value(device, "PluginDesc/Vst3PluginInfo/Name")
    return "vst2", _value(device, "PluginDesc/VstPluginInfo/PlugName")


def _file_name(sample_ref: etree._Element) -> str:
    """The file name: the last part of `Path` (Live 11+), else `Name` (Live 8–10)."""
    path = _value(sample_ref, "FileRef/Path")
    if path is not None:
        return path.replace("\\", "/").split("/")[-1]
    return _value(sample_ref, "FileRef/Name") or ""


def _instrument_samples(el: etree._Element) -> list[tuple[str, str | None, str]]:
    found = []
    for part in ZONE_SAMPLES(el):
        device = part.getparent().getparent().getparent().getparent()
        zone = None if device.tag == "OriginalSimpler" else (_value(part, "Name") or None)
        found.append((device, (device.tag, zone, _file_name(part.find("SampleRef")))))
    for ref in IMPULSE_SAMPLES(el):
        slot = int(ref.getparent().getparent().tag.split(".")[1]) + 1
        device = ref.getparent().getparent().getparent()
        found.append((device, (device.tag, f"slot {slot}", _file_name(ref))))
    # Document order of the devices; each device's samples in its own order.
    order = {device: index for index, device in enumerate(el.iter())}
    found.sort(key=lambda item: order[item[0]])
    return [sample for _, sample in found]


def _routing(el: etree._Element) -> tuple[str | None, ...]:
    targets = []
    for chooser in ROUTING_CHOOSERS:
        found = el.xpath(
            f"DeviceChain/{chooser}/Target/@Value | MasterChain/{chooser}/Target/@Value"
        )
        targets.append(str(found[0]) if found else None)
    return tuple(targets)


def _clip(el: etree._Element) -> tuple[str, float, float]:
    return CLIP_KINDS[el.tag], float(_value(el, "CurrentStart")), float(_value(el, "CurrentEnd"))


def _track(el: etree._Element, kind: str, family: int) -> RawTrack:
    arrangement = ARRANGEMENT_CLIPS(el)
    session = [(i, c) for i, slot in enumerate(CLIP_SLOTS(el)) for c in SLOT_CLIPS(slot)]
    takes = [(i, c) for i, lane in enumerate(TAKE_LANES(el)) for c in LANE_CLIPS(lane)]
    midi = [c for c in arrangement + [c for _, c in session + takes] if c.tag == "MidiClip"]
    notes = [note for clip in midi for note in _clip_notes(clip)]
    if family >= 5:  # Live 10+: envelopes by reference
        envelopes = [_events(e.find("Automation/Events")) for e in ENVELOPES(el)]
    else:  # Live 8/9: inline
        envelopes = [_events(a.find("Events")) for a in INLINE_AUTOMATION(el)]
    return RawTrack(
        kind=kind,
        id=int(el.get("Id")) if kind != "master" else None,
        effective_name=_value(el, "Name/EffectiveName"),
        user_name=_value(el, "Name/UserName") or "",
        frozen=_value(el, "Freeze") == "true",
        arrangement_clips=[_clip(c) for c in arrangement],
        session_clips=[(i, CLIP_KINDS[c.tag]) for i, c in session],
        take_lane_clips=[(i, *_clip(c)) for i, c in takes],
        notes=len(notes),
        muted_notes=sum(1 for note in notes if not note[4]),
        note_digest=note_digest(notes),
        envelopes=envelopes,
        plugins=[_plugin(d) for d in PLUGINS(el)],
        devices=[d.tag for d in DEVICES(el)],
        instrument_samples=_instrument_samples(el),
        routing=_routing(el),
        monitoring=str(MONITORING(el)[0]) if MONITORING(el) else None,
        freeze_arrangement=[CLIP_KINDS[c.tag] for c in FREEZE_ARRANGEMENT(el)],
        freeze_session=[CLIP_KINDS[c.tag] for c in FREEZE_SESSION(el)],
    )


def _song_envelope(master: etree._Element, param: etree._Element, family: int):
    """(default, points) of the tempo/signature automation, None when there is none."""
    if family >= 5:
        target = param.find("AutomationTarget").get("Id")
        for envelope in ENVELOPES(master):
            if _value(envelope, "EnvelopeTarget/PointeeId") == target:
                return _events(envelope.find("Automation/Events"))
        return None
    default, points = _events(param.find("ArrangerAutomation/Events"))
    return (default, points) if points else None


def raw_set(path: str | Path) -> RawSet:
    root = read_root(path)
    live_set = root.find("LiveSet")
    family = int(root.get("MajorVersion"))
    track_els = [el for el in live_set.find("Tracks") if el.tag in TRACK_KINDS]
    masters = live_set.findall("MasterTrack") + live_set.findall("MainTrack")
    master = masters[0]
    mixer = master.xpath("DeviceChain/Mixer | MasterChain/Mixer")[0]
    kinds = dict.fromkeys(TRACK_KINDS.values(), 0)
    for el in track_els:
        kinds[TRACK_KINDS[el.tag]] += 1
    return RawSet(
        creator=root.get("Creator"),
        schema_family=family,
        kinds=kinds,
        masters=len(masters),
        tracks=[_track(el, TRACK_KINDS[el.tag], family) for el in track_els]
        + [_track(master, "master", family)],
        tempo=float(_static_value(mixer.find("Tempo"))),
        signature_code=int(_static_value(mixer.find("TimeSignature"))),
        tempo_envelope=_song_envelope(master, mixer.find("Tempo"), family),
        signature_envelope=_song_envelope(master, mixer.find("TimeSignature"), family),
        locators=[
            (float(_value(loc, "Time")), _value(loc, "Name"))
            for loc in live_set.iterfind("Locators/Locators/Locator")
        ],
        all_notes=sum(1 for _ in root.iter("MidiNoteEvent")),
        groove_notes=int(GROOVE_NOTES(live_set)),
    )
