"""The object model of a Live set, in the words a producer uses.

Built by `alslint.als` from any Live version 8–12; rules and reports read only this model,
never XML, so version differences are handled once, in the parser.

Times are in beats (quarter notes) from the start of the arrangement. Large collections
(MIDI notes, automation points) are stored column-wise in `array`s rather than as one
pydantic object each: the biggest real sets hold 338k notes, and a model object per note
would cost more than parsing the XML itself.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Literal, NamedTuple

from pydantic import ConfigDict, Field, PrivateAttr

from ..describe import MIN_GAIN, PITCH_CLASSES, gain_to_db, quote

# TimeSignature is defined with the time maths and stays one of the model's public names.
from ..timeline import Timeline, TimeSignature
from .base import Model

# Notes and automation points are columns; routing and the group index are modules of their
# own. Their names are the model's public names too.
from .columns import Note as Note
from .columns import Notes, Points
from .groups import GroupTree
from .routing import ROUTING_CHOOSERS, Route, Routing, default_output
from .routing import RouteKind as RouteKind

TrackType = Literal["audio", "midi", "group", "return", "master"]
ClipKind = Literal["audio", "midi"]
PluginFormat = Literal["vst2", "vst3", "au"]


class Scale(Model):
    """The set's key. `name` is what Live shows ("Major", "Minor", …)."""

    root: int  # 0 = C … 11 = B
    name: str
    in_key: bool | None = None  # Live 11+: the "Scale" toggle

    @property
    def chosen(self) -> bool:
        """False for what every new set holds, Live's untouched default: C Major with Scale
        Mode off (Live 11+) or without Scale Mode (10.1)."""
        return not (self.root == 0 and self.name == "Major" and not self.in_key)

    @property
    def root_name(self) -> str:
        return PITCH_CLASSES[self.root % 12]

    def __str__(self) -> str:
        return f"{self.root_name} {self.name}"


class Locator(Model):
    time: float
    name: str


class Scene(Model):
    index: int
    name: str
    tempo: float | None = None  # set when the scene changes tempo (Live 11+)
    time_signature: TimeSignature | None = None


#: A send's parameter as the parser names it: "Send B", or "Sends › Send B" (the letter of the
#: return track it feeds).
_SEND_PARAMETER = re.compile(r"(?:^|› )Send ([A-Z])$")


class Envelope(Model):
    """One automation envelope, resolved to the parameter it drives."""

    parameter: str  # parameter name as stored, e.g. "Volume", "Freq"
    owner: str  # "Mixer", "Track", or the device's display name
    device_path: list[str] = Field(default_factory=list)  # rack › device chain, empty for mixer
    device_key: str | None = None  # `Device.key` of the device it drives, None for the mixer
    default_value: float | None = None  # value before the first real point
    points: Points = Field(default_factory=Points)  # real breakpoints (beats), in time order

    @property
    def label(self) -> str:
        return f"{self.owner} › {self.parameter}"

    @property
    def send_index(self) -> int | None:
        """The return track (0 = A) whose send this mixer envelope drives, else None."""
        if self.owner != "Mixer":
            return None
        match = _SEND_PARAMETER.search(self.parameter)
        return ord(match.group(1)) - ord("A") if match else None

    @property
    def highest(self) -> float:
        """The highest value the parameter takes: its points and the value before them."""
        values = [*self.points.values]
        if self.default_value is not None:
            values.append(self.default_value)
        return max(values, default=-math.inf)

    @property
    def moves(self) -> bool:
        """True when the parameter actually changes value somewhere."""
        values = set(self.points.values)
        if self.default_value is not None and self.points:
            values.add(self.default_value)
        return len(values) > 1


class InstrumentSample(Model):
    """A sample an instrument plays: Simpler's, one zone of Sampler's, one of Impulse's slots."""

    #: What Live shows for the zone: Sampler's zone name, "slot 3" on Impulse; Simpler's one
    #: sample has none.
    zone: str | None = None
    sample: SampleRef


class Device(Model):
    """A device in a chain: native device, rack, Max for Live device or plugin."""

    tag: str  # Live's element name, e.g. "Eq8", "PluginDevice", "InstrumentGroupDevice"
    name: str  # what Live shows: the user's name, the plugin's name or the device name
    key: str = ""  # position in the track: "2" = third device, "2.0.1" = its chain 0, device 1
    on: bool = True
    on_mapping: Literal["macro", "key", "midi"] | None = None  # what else switches it
    is_instrument: bool = False  # turns MIDI into audio
    is_midi_effect: bool = False
    plugin_format: PluginFormat | None = None
    plugin_name: str | None = None
    #: The plugin's maker, where the set stores it: Audio Units do ("Manufacturer"), VST2 and
    #: VST3 do not.
    plugin_vendor: str | None = None
    chains: list[Chain] = Field(default_factory=list)  # racks only
    #: A few parameters' static values as stored, not as shown (parser `_DEVICE_PARAMETERS`):
    #: Compressor Threshold is a linear gain, Ratio the ratio (∞ = 3.4e38), Gain dB; Glue
    #: Compressor Ratio an index (0 = 2:1, 1 = 4:1, 2 = 10:1), Threshold/Makeup dB; Limiter dB.
    parameters: dict[str, float] = Field(default_factory=dict)
    #: The samples the device plays (Simpler, Sampler, Impulse), in the device's order.
    samples: list[InstrumentSample] = Field(default_factory=list)

    @property
    def is_plugin(self) -> bool:
        return self.plugin_format is not None

    @property
    def is_rack(self) -> bool:
        return bool(self.chains) or self.tag.endswith("GroupDevice")

    def walk(self) -> Iterator[Device]:
        """This device and every device nested in its rack chains."""
        yield self
        for chain in self.chains:
            for device in chain.devices:
                yield from device.walk()


class Chain(Model):
    """A chain of a rack (a Drum Rack pad, an Instrument Rack chain, …)."""

    name: str
    on: bool = True  # the chain's activator
    volume: float = 1.0  # linear gain
    pan: float = 0.0
    is_return: bool = False  # a Drum Rack's return chain
    #: The name is one Live made up (Live 10+, never renamed: "Chain" up to 11.1, then the
    #: chain's devices, "Gate | Compressor"); it changes with the devices and Live's version.
    auto_name: bool = False
    devices: list[Device] = Field(default_factory=list)


class Send(Model):
    return_index: int  # index of the return track among return tracks (0 = A)
    return_name: str
    level: float  # linear gain, MIN_GAIN = -inf
    active: bool = True

    @property
    def level_db(self) -> float:
        return gain_to_db(self.level)

    @property
    def reaches(self) -> bool:
        """True when this send passes any signal to its return."""
        return self.active and self.level > MIN_GAIN * 1.0001


class Mixer(Model):
    volume: float = 1.0  # linear gain, 1 = 0 dB
    pan: float = 0.0  # -1 (left) … 1 (right)
    on: bool = True  # the track activator ("Speaker")
    solo: bool = False
    sends: list[Send] = Field(default_factory=list)

    @property
    def volume_db(self) -> float:
        return gain_to_db(self.volume)


class SampleRef(Model):
    """Where an audio clip's sample lives, as stored by Live. Clips that play the same file
    share one (immutable) `SampleRef`."""

    model_config = ConfigDict(frozen=True)

    name: str  # file name
    path: str | None = None  # absolute path as saved (Live 11+, or rebuilt from path hints)
    relative_path: str | None = None  # relative to the project folder (or pack)
    relative_path_type: int | None = (
        None  # 0 absolute, 1 outside, 3 in the project, 2/5/6/7 installed
    )
    live_pack_name: str | None = None
    duration_samples: int | None = None
    sample_rate: float | None = None
    #: What Live's file manager matches a moved file by, besides its name, when stored
    #: (`OriginalFileSize`/`OriginalCrc` in Live 11+, `SearchHint` in Live 8–10; 0 = not stored).
    file_size: int | None = None
    crc: int | None = None


class Fades(Model):
    """Arrangement fade state of an audio clip."""

    enabled: bool  # the clip's `Fade` switch (Live's edge fades)
    fade_in: float  # beats; 0 = none set by hand
    fade_out: float
    default_fade_in: bool  # Live's automatic short edge fade applies
    default_fade_out: bool
    #: `CrossfadeInState` is not 0: Live crossfades the previous clip into this one.
    crossfade_in: bool = False


class Loop(Model):
    """Clip markers: clip-internal beats, but seconds of the sample for unwarped audio clips."""

    on: bool
    start: float
    end: float
    start_relative: float = 0.0  # start marker relative to the loop start
    out_marker: float | None = None


class WarpMarker(NamedTuple):
    seconds: float
    beat: float


class Clip(Model):
    kind: ClipKind
    name: str
    start: float  # arrangement position (beats); session clips: 0
    end: float  # arrangement end (beats); session clips: start + length
    loop: Loop
    disabled: bool = False
    color: int | None = None
    warped: bool | None = None
    fades: Fades | None = None  # audio only
    sample: SampleRef | None = None  # audio only
    warp_markers: list[WarpMarker] = Field(default_factory=list)  # audio only
    notes: Notes | None = None  # MIDI only
    has_envelopes: bool = False  # the clip holds clip envelopes (automation/modulation)
    scene_index: int | None = None  # session clips: the slot's scene
    take_lane: int | None = None  # take-lane clips: the lane's index

    @property
    def length(self) -> float:
        return self.end - self.start


class Track(Model):
    index: int  # display position among all tracks (master last)
    id: int | None  # Live's Id attribute (None for the master)
    type: TrackType
    name: str  # what Live displays
    user_name: str = ""  # what the user typed; empty if never renamed
    color: int | None = None
    group_id: int | None = None  # Id of the enclosing group track
    group_name: str | None = None
    frozen: bool = False
    mixer: Mixer = Field(default_factory=Mixer)
    #: Where the track's audio and MIDI come from and go to (default: Live's defaults).
    routing: Routing = Field(default_factory=Routing)
    devices: list[Device] = Field(default_factory=list)
    arrangement_clips: list[Clip] = Field(default_factory=list)
    session_clips: list[Clip] = Field(default_factory=list)
    take_lane_clips: list[Clip] = Field(default_factory=list)
    envelopes: list[Envelope] = Field(default_factory=list)

    @property
    def mixer_envelopes(self) -> list[Envelope]:
        """The envelopes of the track's mixer: volume, pan, sends (and tempo on the master)."""
        return [envelope for envelope in self.envelopes if envelope.owner == "Mixer"]

    @property
    def own_envelopes(self) -> list[Envelope]:
        """The automation of this track's own parameters: on the master, without the set's
        tempo and time signature, which Live keeps on the master's mixer."""
        if self.type != "master":
            return self.envelopes
        return [
            envelope
            for envelope in self.envelopes
            if envelope.owner != "Mixer" or envelope.parameter not in ("Tempo", "TimeSignature")
        ]

    def mixer_envelope(self, parameter: str) -> Envelope | None:
        """The mixer envelope of `parameter` ("Volume", "Pan", "Tempo", …), or None."""
        for envelope in self.envelopes:
            if envelope.owner == "Mixer" and envelope.parameter == parameter:
                return envelope
        return None

    def all_devices(self) -> Iterator[Device]:
        """Every device on the track, racks opened up, in chain order."""
        for device in self.devices:
            yield from device.walk()

    @property
    def instrument(self) -> Device | None:
        """The first device that turns MIDI into audio (MIDI tracks), else None."""
        for device in self.devices:
            if device.is_instrument:
                return device
            if not device.is_midi_effect:
                return None
        return None


class LiveSet(Model):
    path: str
    creator: str  # e.g. "Ableton Live 11.0.11"
    live_version: str  # e.g. "11.0.11", "12.0b16"
    schema_family: int  # MajorVersion: 4 = Live 8–9, 5 = Live 10–12
    minor_version: str  # e.g. "11.0_433"
    tempo: float
    time_signature: TimeSignature
    tempo_envelope: Envelope | None = None
    time_signature_envelope: Envelope | None = None
    scale: Scale | None = None
    locators: list[Locator] = Field(default_factory=list)
    scenes: list[Scene] = Field(default_factory=list)
    tracks: list[Track] = Field(default_factory=list)  # display order, master last
    damage: list[str] = Field(default_factory=list)  # parts that could not be read, skipped

    @property
    def live_major(self) -> int | None:
        """Live's major version; None when the set names none ("unknown")."""
        head = self.live_version.split(".")[0].rstrip("ab")
        return int(head) if head.isdigit() and len(head) <= 3 else None

    @property
    def master(self) -> Track:
        return self.tracks[-1]

    def tracks_of(self, *types: TrackType) -> list[Track]:
        return [track for track in self.tracks if track.type in types]

    @property
    def returns(self) -> list[Track]:
        return self.tracks_of("return")

    # The group tree: rules ask for parents, children and audibility of every track, which
    # must not cost a pass over all tracks each time. A settled set (one read from a file)
    # indexes it once; a hand-built set may still change, and indexes it on each question.
    _tree: GroupTree | None = PrivateAttr(default=None)
    _settled: bool = PrivateAttr(default=False)

    def settle(self) -> LiveSet:
        """Promise that the set no longer changes (the reader does, once it is built)."""
        self._settled = True
        self._tree = None
        return self

    def _group_tree(self) -> GroupTree:
        if not self._settled:
            return GroupTree(self.tracks)
        if self._tree is None:
            self._tree = GroupTree(self.tracks)
        return self._tree

    def children(self, group: Track) -> list[Track]:
        """Tracks directly inside `group`."""
        if group.type != "group":
            return [t for t in self.tracks if t.group_id is not None and t.group_id == group.id]
        return list(self._group_tree().children.get(group.id, ()))

    def parent(self, track: Track) -> Track | None:
        if track.group_id is None:
            return None
        return self._group_tree().groups.get(track.group_id)

    def track_by_id(self, track_id: int | None) -> Track | None:
        """The track with Live's `Id` `track_id`; -1 is the main track (in routing targets)."""
        if track_id == -1:
            return self.master
        for track in self.tracks:
            if track.id is not None and track.id == track_id:
                return track
        return None

    def sources(self, track: Track, kinds: tuple[str, ...] = ("audio", "midi")) -> list[Track]:
        """The tracks routed into `track` ("audio", "midi" or both), by their output chooser
        (to its input or a device on it) or by `track`'s input chooser (from them). Group
        members and sends are not routings and are not listed."""
        found: list[Track] = []

        def add(other: Track | None) -> None:
            if other is not None and other is not track and other not in found:
                found.append(other)

        for other in self.tracks:
            for kind in kinds:
                out = getattr(other.routing, f"{kind}_out")
                routed = out is not None and out.kind in ("track", "device")
                if routed and self.track_by_id(out.track_id) is track:
                    add(other)
        for kind in kinds:
            into = getattr(track.routing, f"{kind}_in")
            if into is not None and into.kind in ("track", "device"):
                add(self.track_by_id(into.track_id))
        return [other for other in self.tracks if other in found]

    def destination(self, track: Track) -> Track | None:
        """Where the track's audio goes, by its output chooser: the main track, its group or
        another track; None for "Sends Only", outside Live or nothing (and for the master)."""
        if track.type == "master":
            return None
        out = track.routing.audio_out
        if out is None:  # not stored (a model built by hand): Live's default
            return self.parent(track) or self.master
        if out.kind == "master":
            return self.master
        if out.kind == "group":
            return self.parent(track) or self.master
        if out.kind in ("track", "device"):
            return self.track_by_id(out.track_id)
        return None

    def routing_shown(self, track: Track) -> dict[str, str]:
        """What each of the track's routing choosers ("audio from", "audio to", "MIDI from",
        "MIDI to") and its monitoring ("monitoring") are set to, in Live's words, e.g.
        `"Bus" (Track In)`, `"Kick Player"`, `Sends Only`, `Ext. In (1/2)`, `Auto`."""
        shown = {}
        for chooser, chosen in track.routing.routes():
            shown[ROUTING_CHOOSERS[chooser]] = self._route_shown(track, chosen, chooser)
        if track.routing.monitoring is not None:
            shown["monitoring"] = track.routing.monitoring.capitalize()
        return shown

    def routing_not_default(self, track: Track) -> dict[str, str]:
        """`routing_shown` without the choosers at Live's default for the track: audio from
        an external input, to its group or the main track; MIDI from all inputs, to nowhere;
        monitoring Auto."""
        routing = track.routing
        default = {
            "audio from": routing.audio_in is None or routing.audio_in.kind == "external",
            "audio to": routing.audio_out is None
            or routing.audio_out.kind == default_output(track),
            "MIDI from": routing.midi_in is None
            or routing.midi_in.target.startswith("MidiIn/External.All/"),
            "MIDI to": routing.midi_out is None or routing.midi_out.kind == "none",
            "monitoring": routing.monitoring in (None, "auto"),
        }
        return {
            chooser: text
            for chooser, text in self.routing_shown(track).items()
            if not default[chooser]
        }

    def _route_shown(self, track: Track, chosen: Route, chooser: str) -> str:
        upper, _, lower = chosen.display.partition(" | ")
        if chosen.kind in ("track", "device"):
            other = self.track_by_id(chosen.track_id)
            name = quote(other.name) if other is not None else f"track {chosen.track_id}"
            return f"{name} ({lower})" if lower else name
        if chosen.kind == "master":
            return self.master.name
        if chosen.kind == "group":
            parent = self.parent(track)
            return f"group {quote(parent.name)}" if parent is not None else "Group"
        if chosen.kind == "sends-only":
            return "Sends Only"
        if chosen.kind == "resampling":
            return "Resampling"
        if chosen.kind == "none":
            return "No Input" if chooser.endswith("_in") else "No Output"
        # Outside Live: Live's own words when stored (Live 9+), else the stored target.
        if upper:
            return f"{upper} ({lower})" if lower else upper
        return chosen.target

    def reaches_master(self, track: Track) -> bool:
        """True when the track's audio gets to the main track: along output choosers, or its
        sends to a return that does; switched-off tracks on the way stop it."""
        seen: set[int] = set()

        def reaches(current: Track) -> bool:
            if current.type == "master":
                return True
            if current.index in seen or not current.mixer.on:
                return False
            seen.add(current.index)
            returns = self.returns
            for index in self.send_targets(current):
                if index < len(returns) and reaches(returns[index]):
                    return True
            target = self.destination(current)
            return target is not None and reaches(target)

        return reaches(track)

    def is_audible(self, track: Track) -> bool:
        """False when the track or any enclosing group is switched off."""
        return self._group_tree().audible(track)

    def send_targets(self, track: Track) -> set[int]:
        """Positions (0 = A) of the returns `track`'s sends pass signal to at some time: a
        switched-on send whose level, or whose automation, rises above Live's floor."""
        reached = {send.return_index for send in track.mixer.sends if send.reaches}
        active = {send.return_index for send in track.mixer.sends if send.active}
        for envelope in track.mixer_envelopes:
            index = envelope.send_index
            if index in active and envelope.highest > MIN_GAIN * 1.0001:
                reached.add(index)
        return reached

    def reached_returns(self) -> set[int]:
        """Positions (0 = A) of the return tracks that a switched-on audio, MIDI or group track
        passes signal to, by a send's level or by its automation rising above Live's floor."""
        reached = set()
        for track in self.tracks:
            if track.type in ("master", "return") or not self.is_audible(track):
                continue
            reached.update(self.send_targets(track))
        return reached

    @property
    def tempo_automated(self) -> bool:
        return self.tempo_envelope is not None and self.tempo_envelope.moves

    @property
    def time_signature_automated(self) -> bool:
        env = self.time_signature_envelope
        return env is not None and env.moves

    @property
    def arrangement_end(self) -> float:
        """End of the last arrangement clip (beats), 0 for an empty arrangement."""
        return max(
            (clip.end for track in self.tracks for clip in track.arrangement_clips), default=0.0
        )

    def timeline(self) -> Timeline:
        """The set's musical time: its signature changes and what its tempo envelope plays."""
        changes = []
        sig_env = self.time_signature_envelope
        if sig_env is not None:
            changes = [(t, TimeSignature.from_code(int(v))) for t, v in sig_env.points if t >= 0]
        # A tempo envelope, moving or not, is what Live plays; the stored tempo field only
        # applies when there is none (e.g. Live 8/9 sets without tempo automation).
        tempo_points = []
        tempo_env = self.tempo_envelope
        if tempo_env is not None:
            tempo_points = [(t, v) for t, v in tempo_env.points]
            if tempo_env.default_value and (not tempo_points or tempo_points[0][0] > 0):
                tempo_points.insert(0, (0.0, tempo_env.default_value))
        return Timeline(self.time_signature, changes, self.tempo, tempo_points)


InstrumentSample.model_rebuild()
Device.model_rebuild()
Chain.model_rebuild()
