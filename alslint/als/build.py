"""Build the `LiveSet` model from the XML of any Live version 8–12.

The format notes in the project docs (als-format) list every version split handled here;
the comments below name the split each branch is for.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from lxml import etree

from ..errors import SetReadError
from ..model import (
    LiveSet,
    Locator,
    Mixer,
    Routing,
    Scale,
    Scene,
    Send,
    TimeSignature,
    Track,
)
from .automation import read_envelopes
from .clips import ClipReader
from .container import DEFAULT_MAX_XML_BYTES, parse_xml
from .devices import device_name, read_devices
from .routing import read_routing
from .samples import InstrumentSampleReader
from .slim import CutBlocks, read_set, slim
from .values import (
    MAX_TEMPO,
    MIN_TEMPO,
    beats,
    bool_of,
    float_of,
    gain,
    integer,
    pan,
    param_bool,
    param_float,
    signature_code,
    tempo,
    value,
)

TRACK_TYPES = {
    "AudioTrack": "audio",
    "MidiTrack": "midi",
    "GroupTrack": "group",
    "ReturnTrack": "return",
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


def load_xml(name: str, xml: bytes) -> LiveSet:
    """The model of a set's XML bytes held in memory (`name`: the set's path, for errors)."""
    slimmed, blocks = slim(xml)
    try:
        root = parse_xml(name, slimmed)
    except SetReadError:
        if slimmed is xml:
            raise
        parse_xml(name, xml)  # names the problem where it is in the XML itself
        raise
    return build_set(root, name, blocks)


#: What a damaged element raises while it is read (bad numbers, missing children, …).
_DAMAGE = (ValueError, TypeError, AttributeError, KeyError, IndexError, OverflowError)


def build_set(root: etree._Element, path: str, blocks: CutBlocks) -> LiveSet:
    try:
        return _SetBuilder(root, path, blocks).build()
    except SetReadError:
        raise
    except _DAMAGE as exc:
        raise SetReadError(path, f"damaged beyond reading ({exc})") from None


_VERSION = re.compile(r"Ableton Live (?:Suite |Lite |Intro |Standard )?(\S+)")
#: What a version looks like: "8.2.1", "11.0", "12.0b16".
_VERSION_NUMBER = re.compile(r"\d{1,3}(?:\.\d{1,4}){0,3}(?:[ab]\d{0,4})?")


class _SetBuilder:
    def __init__(self, root: etree._Element, path: str, blocks: CutBlocks):
        self.root = root
        self.path = path
        self.clips = ClipReader(blocks, path, self._guard)
        self.samples = InstrumentSampleReader(
            blocks, self.clips.sample_ref, self.clips.shared_sample_ref
        )
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
        if not _VERSION_NUMBER.fullmatch(live_version):
            live_version = "unknown"  # later code reads numbers out of it: only a version
        master_el = master_track_element(self.live_set)
        if master_el is None:
            raise SetReadError(self.path, "not a Live set (no master track)")
        master_chain = outer_chain(master_el)
        master_mixer = master_chain.find("Mixer")

        tracks_el = self.live_set.find("Tracks")
        if tracks_el is None:
            raise SetReadError(self.path, "not a Live set (no track list)")
        track_els = [el for el in tracks_el if el.tag in TRACK_TYPES]
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
            "the tempo", lambda: param_float(master_mixer.find("Tempo"), 120.0), 120.0
        )
        if tempo <= 0:
            self.damage.append(f"the tempo {tempo:g} is not positive; 120 BPM was assumed")
            tempo = 120.0
        elif not MIN_TEMPO <= tempo <= MAX_TEMPO:
            self.damage.append(
                f"the tempo {tempo:g} is outside Live's {MIN_TEMPO:g}…{MAX_TEMPO:g} BPM; "
                "120 BPM was assumed"
            )
            tempo = 120.0
        signature = self._guard(
            "the time signature",
            lambda: TimeSignature.from_code(
                signature_code(param_float(master_mixer.find("TimeSignature"), 201))
            ),
            TimeSignature(),
        )
        return LiveSet(
            path=self.path,
            creator=creator,
            live_version=live_version,
            schema_family=self._guard(
                "the schema version",
                lambda: integer(self.root.get("MajorVersion", "0"), 0, 99, "version"),
                0,
            ),
            minor_version=self.root.get("MinorVersion", ""),
            tempo=tempo,
            time_signature=signature,
            tempo_envelope=master.mixer_envelope("Tempo"),
            time_signature_envelope=master.mixer_envelope("TimeSignature"),
            scale=self._guard("the key", self._scale),
            locators=self._guard("the locators", self._locators, []),
            scenes=self._guard("the scenes", self._scenes, []),
            tracks=tracks,
            damage=self.damage,
        ).settle()

    # -- set level -------------------------------------------------------------------------

    def _scale(self) -> Scale | None:
        info = self.live_set.find("ScaleInformation")
        if info is None:
            return None
        in_key_el = self.live_set.find("InKey")
        in_key = None if in_key_el is None else in_key_el.get("Value") == "true"
        root = value(info, "RootNote")
        if root is not None:  # 9.7 – 12.0: RootNote + scale name as text
            name = value(info, "Name", "") or ""
            # 9.7 and 10.0 write an empty name: no scale was ever chosen.
            return (
                Scale(root=integer(root, 0, 11, "key"), name=name, in_key=in_key) if name else None
            )
        index = integer(value(info, "Name", "0"), what="scale")  # 12.1+: Root + scale index
        name = (
            LIVE12_SCALE_NAMES[index] if 0 <= index < len(LIVE12_SCALE_NAMES) else f"Scale {index}"
        )
        return Scale(root=integer(value(info, "Root", "0"), 0, 11, "key"), name=name, in_key=in_key)

    def _locators(self) -> list[Locator]:
        locators = [
            Locator(time=beats(value(el, "Time", "0")), name=value(el, "Name", "") or "")
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
            scene_tempo = float_of(el, "Tempo") if bool_of(el, "IsTempoEnabled") else None
            if scene_tempo is not None:
                tempo(scene_tempo)
            signature = None
            if bool_of(el, "IsTimeSignatureEnabled"):
                code = integer(value(el, "TimeSignatureId", "201"), what="time signature code")
                signature = TimeSignature.from_code(signature_code(code))
            scenes.append(
                Scene(
                    index=index,
                    name=value(el, "Name", "") or "",
                    tempo=scene_tempo,
                    time_signature=signature,
                )
            )
        return scenes

    # -- tracks ----------------------------------------------------------------------------

    def _return_names(self, track_els) -> list[str]:
        return [self._track_name(el, "return") for el in track_els if el.tag == "ReturnTrack"]

    @staticmethod
    def _track_name(el, track_type: str) -> str:
        effective = value(el, "Name/EffectiveName")
        if effective is not None:
            return effective
        return value(el, "Name/UserName", "") or _derived_name(el, track_type)

    def _track(self, index: int, el, return_names: list[str], master_el) -> Track:
        is_master = master_el is not None
        track_type = "master" if is_master else TRACK_TYPES[el.tag]
        chain = outer_chain(el)
        if is_master:
            default = "Main" if el.tag == "MainTrack" else "Master"
            name = value(el, "Name/EffectiveName") or value(el, "Name/UserName") or default
        else:
            name = self._track_name(el, track_type)
        group_id = value(el, "TrackGroupId")
        group_id = integer(group_id, what="group id") if group_id is not None else None
        group_id = group_id if group_id is not None and group_id >= 0 else None
        color = value(el, "Color", value(el, "ColorIndex"))
        track = Track(
            index=index,
            id=None if is_master else integer(el.get("Id", "-1"), what="track id"),
            type=track_type,
            name=name,
            user_name=value(el, "Name/UserName", "") or "",
            color=integer(color, what="colour") if color is not None else None,
            group_id=group_id,
            frozen=bool_of(el, "Freeze"),
            mixer=self._guard(
                f"the mixer of track {name!r}",
                lambda: self._mixer(chain.find("Mixer"), return_names),
                Mixer(),
            ),
            routing=self._guard(
                f"the routing of track {name!r}", lambda: read_routing(chain), Routing()
            ),
            devices=read_devices(
                chain.find("DeviceChain/Devices"), self._guard, samples=self.samples.of_device
            ),
        )
        if track_type in ("audio", "midi"):
            self.clips.read_clips(track, chain.find("MainSequencer"))
            self.clips.read_take_lanes(track, el)
        track.envelopes = read_envelopes(el, chain, self._guard, self.damage)
        return track

    def _link_groups(self, tracks: list[Track]) -> None:
        """Group membership must be a tree: a parent that is no group track, or a chain of
        parents that comes back to where it started, is damage and that link is dropped."""
        groups: dict[int, Track] = {}
        for track in tracks:
            if track.type == "group" and track.id is not None:
                groups.setdefault(track.id, track)
        for track in tracks:
            if track.group_id is not None and groups.get(track.group_id) is None:
                self.damage.append(
                    f'the track "{track.name}" names group {track.group_id}, which is no group '
                    "track; it was ignored"
                )
                track.group_id = None
        # Walk each track's chain of parents once: a chain that meets a track still being
        # walked is a cycle. Live lists a group before its tracks, so the link to a group
        # listed later (or to itself) is the false one, and dropped. Linear in the tracks.
        done: set[int] = set()
        for track in tracks:
            walking: list[Track] = []
            on_path: set[int] = set()
            current: Track | None = track
            while current is not None and id(current) not in done:
                if id(current) in on_path:
                    cycle = walking[walking.index(current) :]
                    false = next(t for t in cycle if groups[t.group_id].index >= t.index)
                    self.damage.append(
                        f'the group track "{false.name}" is inside itself (a cycle of groups); '
                        "its group was ignored"
                    )
                    false.group_id = None
                    break
                walking.append(current)
                on_path.add(id(current))
                current = None if current.group_id is None else groups[current.group_id]
            done.update(id(t) for t in walking)
        for track in tracks:
            if track.group_id is not None:
                track.group_name = groups[track.group_id].name

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
                    level=gain(param_float(holder.find("Send"), 0.0)),
                    active=True if active_el is None else active_el.get("Value") == "true",
                )
            )
        return Mixer(
            volume=gain(param_float(el.find("Volume"), 1.0)),
            pan=pan(param_float(el.find("Pan"), 0.0)),
            on=param_bool(el.find("Speaker"), True),
            solo=bool_of(el, "SoloSink"),
            sends=sends,
        )


def master_track_element(live_set_el):
    """The master track's element: `MainTrack` (Live 12) or `MasterTrack`."""
    master_el = live_set_el.find("MainTrack")
    return master_el if master_el is not None else live_set_el.find("MasterTrack")


def outer_chain(track_el):
    """The track's outer chain: `DeviceChain`, or `MasterChain` for the Live 8 master."""
    chain = track_el.find("DeviceChain")
    if chain is None:
        chain = track_el.find("MasterChain")
    if chain is None:
        raise ValueError(f"track <{track_el.tag}> without a device chain")
    return chain


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
            plugin = value(first, "PluginDesc/VstPluginInfo/PlugName")
            return f"{number}-{device_name(first, plugin)}"
        return f"{number}-MIDI"
    return f"{number}-{'Group' if track_type == 'group' else 'Audio'}"
