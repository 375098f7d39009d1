#!/usr/bin/env python3
"""Write the sample Live sets `demo.als` and `clean.als` next to this script, and the
samples `clean.als` plays (`Samples/Imported/*.wav`, tiny 8-bit mono files).

    python sample_projects/build_samples.py [OUTPUT_DIR]

The sets are authored here, in code, in the schema Ableton Live 12.3 writes
(`MinorVersion="12.0_12300"`): every element the script emits has the children, in the
order, that Live 12.3 writes for it (checked against real Live 12.3 sets by
`tests/test_sample_projects.py`). All names, paths, ids and values are our own; no
content of any real set is reproduced. Plugin devices carry no plugin state.

Output is deterministic: the same script writes the same bytes on every run and
platform (gzip header without file name, mtime 0, OS byte fixed to 19 as written by
Live 12.3 on macOS; WAV files hold no time stamps and their audio is computed with
arithmetic that IEEE 754 rounds the same everywhere).

The script is also a small builder API for new sample sets (import it or copy a
`build_*` function)::

    live_set = LiveSet(tempo=120, scale=Scale.major("C"), scene_count=2)
    drums = live_set.add(AudioTrack("Drums"))
    drums.clips.append(AudioClip("Loop", start=0, end=32, sample=Sample(...), loop=(0, 4)))
    live_set.add(ReturnTrack("Reverb", devices=[Reverb()]))
    drums.sends = [db_to_gain(-18)]
    live_set.write("my.als")

Times are in beats (quarter notes); bar N starts at beat (N - 1) * 4 in 4/4.
"""

from __future__ import annotations

import io
import math
import sys
import wave
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

# -- constants of the Live 12.3 schema -----------------------------------------------------

MAJOR_VERSION = "5"
MINOR_VERSION = "12.0_12300"
SCHEMA_CHANGE_COUNT = "1"
CREATOR = "Ableton Live 12.3.5"
#: Our own revision string (Live writes the 40-hex-digit hash of its build here).
REVISION = "5a3f1e0c9b7d2468ace013579bdf02468ace1357"
#: Live 12.3 writes this number on the set and on every device (0x0C03).
OVERWRITE_PROTECTION = 3075

#: A parameter's static value is stored as an automation event at this time.
DEFAULT_EVENT_TIME = -63072000
#: Volume/send floor (-70 dB, shown as -inf) and the volume ceiling (+6 dB).
MIN_GAIN = "0.0003162277571"
MAX_VOLUME = "1.99526238"
#: Parameter slot value Live writes for unconfigured plugin parameter slots.
UNUSED_PLUGIN_PARAMETER = "0.1234567687"
#: Live 12.3 keeps 128 configurable parameter slots per VST/VST3 plugin.
PLUGIN_PARAMETER_SLOTS = 128
#: MIDI controller targets of a MIDI track's sequencer (CC 0–127 plus pitch bend etc.).
MIDI_CONTROLLER_TARGETS = 131
#: gzip header OS byte written by Live 12.2+ on macOS.
GZIP_OS_MACOS = 19

NOTE_NAMES = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"]
#: Live 12.1+ stores the scale as an index into this list (0 = Major, 1 = Minor, ...).
SCALE_NAMES = ["Major", "Minor", "Dorian", "Mixolydian", "Lydian", "Phrygian", "Locrian"]


def db_to_gain(db: float) -> float:
    """Linear gain for a level in dB, rounded to the 10 significant digits Live writes."""
    return float(f"{10 ** (db / 20):.10g}")


def beats_to_seconds(beats: float, tempo: float) -> float:
    return float(f"{beats * 60.0 / tempo:.10g}")


# -- XML nodes and Live's text format ------------------------------------------------------


class Node:
    """One XML element. Attributes keep their insertion order."""

    __slots__ = ("tag", "attrs", "children")

    def __init__(self, tag: str, attrs: dict | None = None, children: Iterable | None = None):
        self.tag = tag
        self.attrs = attrs or {}
        self.children = [c for c in (children or ()) if c is not None]

    def add(self, *children: Node | None) -> Node:
        self.children.extend(c for c in children if c is not None)
        return self


def fmt(value) -> str:
    """A value the way Live writes it: true/false, integers without a dot, floats with
    at most 10 significant digits."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        text = f"{value:.10g}"
        if "e" in text:
            raise ValueError(f"{value!r} would be written in exponent notation")
        return text
    return str(value)


def E(tag: str, *children: Node | None, **attrs) -> Node:
    """An element with children; keyword arguments become attributes (in order)."""
    return Node(tag, {k: fmt(v) for k, v in attrs.items()}, children)


def V(tag: str, value) -> Node:
    """The ubiquitous leaf `<Tag Value="…" />`."""
    return Node(tag, {"Value": fmt(value)})


def _escape(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def serialize(root: Node) -> str:
    """Live's layout: declaration, one element per line, tab indentation, `<X ... />`."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>']

    def walk(node: Node, depth: int) -> None:
        indent = "\t" * depth
        attrs = "".join(f' {k}="{_escape(v)}"' for k, v in node.attrs.items())
        if not node.children:
            lines.append(f"{indent}<{node.tag}{attrs} />")
            return
        lines.append(f"{indent}<{node.tag}{attrs}>")
        for child in node.children:
            walk(child, depth + 1)
        lines.append(f"{indent}</{node.tag}>")

    walk(root, 0)
    return "\n".join(lines) + "\n"


def gzip_like_live(xml: bytes) -> bytes:
    """gzip as Live writes it: no file name, mtime 0, XFL 0, OS byte 19 (macOS)."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, 31)
    data = compressor.compress(xml) + compressor.flush()
    # zlib writes its build platform's OS code (3 on Linux, 19 on recent macOS);
    # fix it so that the file is identical wherever it is built.
    return data[:9] + bytes([GZIP_OS_MACOS]) + data[10:]


# -- the set model (what a sample set contains) --------------------------------------------


@dataclass
class Scale:
    root: int  # 0 = C … 11 = B
    index: int  # position in SCALE_NAMES

    @classmethod
    def major(cls, root: str) -> Scale:
        return cls(NOTE_NAMES.index(root), SCALE_NAMES.index("Major"))

    @classmethod
    def minor(cls, root: str) -> Scale:
        return cls(NOTE_NAMES.index(root), SCALE_NAMES.index("Minor"))


@dataclass
class Sample:
    """An audio file of the project, referenced project-relative (RelativePathType 3).

    Without `audio` the file is only referenced (it does not exist: the set reports it
    missing); with `audio` (its frames) the builder writes it as a WAV file beside the set,
    and the set's `DefaultDuration`/`DefaultSampleRate` describe that file.
    """

    relative_path: str  # e.g. "Samples/Imported/Kick Loop.wav"
    seconds: float  # length of the file
    beats: float | None = None  # its length in beats at the set's tempo, when it is a loop
    project_dir: str = "/Users/demo/Music/Demo Project"
    sample_rate: int = 44100
    channels: int = 2
    bit_depth: int = 24
    last_modified: int = 1735689600  # 2025-01-01T00:00:00Z
    audio: bytes | None = field(default=None, repr=False)  # the frames of a file we write

    @classmethod
    def wav(cls, relative_path: str, audio: bytes, sample_rate: int, beats: float) -> Sample:
        """A tiny 8-bit mono WAV file that the builder writes (see `synth_*`)."""
        return cls(
            relative_path,
            seconds=len(audio) / sample_rate,
            beats=beats,
            sample_rate=sample_rate,
            channels=1,
            bit_depth=8,
            audio=audio,
        )

    @property
    def path(self) -> str:
        return f"{self.project_dir}/{self.relative_path}"

    @property
    def frame_bytes(self) -> int:
        return self.channels * self.bit_depth // 8

    @property
    def frames(self) -> int:
        if self.audio is not None:
            return len(self.audio) // self.frame_bytes
        return round(self.seconds * self.sample_rate)

    @property
    def file_size(self) -> int:
        return 44 + self.frames * self.frame_bytes  # a PCM WAV file: 44-byte header

    @property
    def crc(self) -> int:
        """Our own 16-bit value (Live's `OriginalCrc` algorithm is not public)."""
        return zlib.crc32(self.relative_path.encode()) & 0xFFFF

    def wav_bytes(self) -> bytes:
        """The WAV file, byte for byte the same on every run (no time stamps in WAV)."""
        if self.audio is None:
            raise ValueError(f"{self.relative_path}: no audio to write")
        buffer = io.BytesIO()
        with wave.open(buffer, "wb") as out:
            out.setnchannels(self.channels)
            out.setsampwidth(self.bit_depth // 8)
            out.setframerate(self.sample_rate)
            out.writeframes(self.audio)
        data = buffer.getvalue()
        assert len(data) == self.file_size, (len(data), self.file_size)
        return data


@dataclass
class Fades:
    """Arrangement fade state of an audio clip (lengths in beats)."""

    enabled: bool = True  # the clip's `Fade` switch
    fade_in: float = 0.0
    fade_out: float = 0.0
    default_in: bool = True  # Live's automatic short edge fades
    default_out: bool = True

    @classmethod
    def live_default(cls) -> Fades:
        return cls(True, 0.0, 0.0, True, True)

    @classmethod
    def none(cls) -> Fades:
        return cls(False, 0.0, 0.0, False, False)

    @classmethod
    def explicit(cls, fade_in: float, fade_out: float) -> Fades:
        return cls(True, fade_in, fade_out, False, False)


@dataclass
class Clip:
    name: str
    start: float  # arrangement position, beats
    end: float
    loop: tuple[float, float] | None = None  # (loop start, loop end) when looped
    start_offset: float = 0.0  # unlooped: where in the content the clip starts
    color: int | None = None  # None: the track's colour
    disabled: bool = False  # deactivated (Live's clip Activate switch off)

    def loop_fields(self) -> tuple[float, float, bool]:
        if self.loop is not None:
            return self.loop[0], self.loop[1], True
        return self.start_offset, self.start_offset + (self.end - self.start), False


@dataclass
class AudioClip(Clip):
    sample: Sample | None = None
    fades: Fades = field(default_factory=Fades.live_default)
    warp_markers: Sequence[tuple[float, float]] = ()  # (seconds, beats); default: whole file
    warp_mode: int = 0  # 0 = Beats


@dataclass
class Note:
    pitch: int
    time: float  # beats from the clip's content start
    duration: float
    velocity: int = 100


@dataclass
class MidiClip(Clip):
    notes: Sequence[Note] = ()


@dataclass
class Automation:
    """A track envelope on one of the track's mixer parameters ("Volume", "Pan", …)."""

    parameter: str
    points: Sequence[tuple[float, float]]  # (beat, value)
    default: float | None = None  # value before the first point (default: first point's)


@dataclass
class Locator:
    name: str
    time: float


class Device:
    """Base of the devices the builder can write."""

    tag = ""

    def render(self, r: _Renderer, index: int) -> Node:
        raise NotImplementedError


@dataclass
class Track:
    name: str
    color: int = 0
    group: GroupTrack | None = None
    volume: float = 1.0
    pan: float = 0.0
    active: bool = True  # the track activator (Mixer/Speaker)
    solo: bool = False
    sends: list[float] = field(default_factory=list)  # linear gain per return, A first
    devices: list[Device] = field(default_factory=list)
    automation: list[Automation] = field(default_factory=list)

    kind = ""  # element name


@dataclass
class AudioTrack(Track):
    clips: list[AudioClip] = field(default_factory=list)
    kind = "AudioTrack"


@dataclass
class MidiTrack(Track):
    clips: list[MidiClip] = field(default_factory=list)
    kind = "MidiTrack"


@dataclass
class GroupTrack(Track):
    kind = "GroupTrack"


@dataclass
class ReturnTrack(Track):
    kind = "ReturnTrack"


@dataclass
class LiveSet:
    tempo: float = 120.0
    time_signature: tuple[int, int] = (4, 4)
    scale: Scale = field(default_factory=lambda: Scale.major("C"))
    in_key: bool = True
    scene_count: int = 2
    scene_names: Sequence[str] = ()
    locators: list[Locator] = field(default_factory=list)
    tracks: list[Track] = field(default_factory=list)  # display order; returns last
    main_volume: float = 1.0
    main_devices: list[Device] = field(default_factory=list)

    def add(self, track: Track) -> Track:
        self.tracks.append(track)
        return track

    @property
    def returns(self) -> list[ReturnTrack]:
        return [t for t in self.tracks if isinstance(t, ReturnTrack)]

    def written_samples(self) -> list[Sample]:
        """The samples with audio (files the builder writes), each once, in track order."""
        found: dict[str, Sample] = {}
        for track in self.tracks:
            for clip in getattr(track, "clips", ()):
                sample = getattr(clip, "sample", None)
                if sample is not None and sample.audio is not None:
                    found.setdefault(sample.relative_path, sample)
        return list(found.values())

    def to_xml(self) -> str:
        return serialize(_Renderer(self).render())

    def to_als(self) -> bytes:
        return gzip_like_live(self.to_xml().encode("utf-8"))

    def write(self, path: str | Path) -> int:
        data = self.to_als()
        Path(path).write_bytes(data)
        return len(data)


def time_signature_code(numerator: int, denominator: int) -> int:
    """Live's single-integer signature: (numerator - 1) + 99 * log2(denominator)."""
    return (numerator - 1) + 99 * int(math.log2(denominator))


# -- devices ---------------------------------------------------------------------------------

# Parameter tables: (kind, tag, value, range min, range max). Kinds:
#   F  continuous:  LomId Manual MidiControllerRange AutomationTarget ModulationTarget
#   B  switch:      LomId Manual AutomationTarget MidiCCOnOffThresholds
#   E  choice:      LomId Manual AutomationTarget MidiControllerRange
#   T  choice without controller range: LomId Manual AutomationTarget
#   L  plain leaf:  <Tag Value="…" />
# Ranges are Live's (schema constants, written the way Live writes them); values are ours.


@dataclass
class NativeDevice(Device):
    """A Live device described by a parameter table."""

    user_name: str = ""
    on: bool = True

    #: The parameter table (a class attribute of each device class, not a field).
    params = ()

    def render(self, r: _Renderer, index: int) -> Node:
        node = E(self.tag, Id=index)
        node.add(*r.device_header(on=self.on, user_name=self.user_name))
        node.add(V("OverwriteProtectionNumber", OVERWRITE_PROTECTION))
        node.add(*r.param_table(self.params))
        return node


@dataclass
class Reverb(NativeDevice):
    tag = "Reverb"
    params = (
        ("F", "PreDelay", 20, "0.5", "250"),
        ("B", "BandHighOn", False),
        ("B", "BandLowOn", False),
        ("F", "BandFreq", 830, "50", "18000"),
        ("F", "BandWidth", 5.8, "0.5", "9"),
        ("B", "SpinOn", True),
        ("F", "EarlyReflectModFreq", 0.3, "0.07400000095", "1.29999995"),
        ("F", "EarlyReflectModDepth", 17.5, "2", "55"),
        ("F", "DiffuseDelay", 0.5, "0", "1"),
        ("B", "ShelfHighOn", True),
        ("E", "HighFilterType", 0, "0", "1"),
        ("F", "ShelfHiFreq", 4500, "20", "16000"),
        ("F", "ShelfHiGain", 0.7, "0.200000003", "1"),
        ("B", "ShelfLowOn", True),
        ("F", "ShelfLoFreq", 90, "20", "15000"),
        ("F", "ShelfLoGain", 0.75, "0.200000003", "1"),
        ("B", "ChorusOn", True),
        ("F", "SizeModFreq", 0.02, "0.009999999776", "8"),
        ("F", "SizeModDepth", 0.02, "0.009999999776", "4"),
        ("F", "DecayTime", 2400, "200", "60000"),
        ("F", "AllPassGain", 0.6, "0.001000000047", "0.9599999785"),
        ("F", "AllPassSize", 0.4, "0.05000000075", "1"),
        ("B", "FreezeOn", False),
        ("B", "FlatOn", True),
        ("B", "CutOn", True),
        ("F", "RoomSize", 100, "0.2220000029", "500"),
        ("E", "SizeSmoothing", 2, "0", "2"),
        ("F", "StereoSeparation", 100, "0", "120"),
        ("E", "RoomType", 0, "0", "3"),
        ("F", "MixReflect", 1, "0.02999999933", "1.99530005"),
        ("F", "MixDiffuse", 1, "0.02999999933", "1.99530005"),
        ("F", "MixDirect", 1, "0", "1"),  # dry/wet: fully wet on a return
        ("L", "StereoSeparationOnDrySignal", False),
    )


@dataclass
class Delay(NativeDevice):
    tag = "Delay"
    params = (
        ("E", "DelayLine_SmoothingMode", 1, "0", "2"),
        ("B", "DelayLine_Link", True),
        ("B", "DelayLine_PingPong", False),
        ("B", "DelayLine_SyncL", True),
        ("B", "DelayLine_SyncR", True),
        ("F", "DelayLine_TimeL", 0.25, "0.001000000047", "5"),
        ("F", "DelayLine_TimeR", 0.25, "0.001000000047", "5"),
        ("F", "DelayLine_SimpleDelayTimeL", 100, "1", "300"),
        ("F", "DelayLine_SimpleDelayTimeR", 100, "1", "300"),
        ("F", "DelayLine_PingPongDelayTimeL", 250, "1", "999"),
        ("F", "DelayLine_PingPongDelayTimeR", 250, "1", "999"),
        ("E", "DelayLine_SyncedSixteenthL", 2, "0", "7"),
        ("E", "DelayLine_SyncedSixteenthR", 2, "0", "7"),
        ("F", "DelayLine_OffsetL", 0, "-0.3330000043", "0.3330000043"),
        ("F", "DelayLine_OffsetR", 0, "-0.3330000043", "0.3330000043"),
        ("L", "DelayLine_CompatibilityMode", 0),
        ("F", "Feedback", 0.4, "0", "0.9499999881"),
        ("B", "Freeze", False),
        ("B", "Filter_On", True),
        ("F", "Filter_Frequency", 1200, "49.9999962", "18000.0059"),
        ("F", "Filter_Bandwidth", 6, "0.5", "9"),
        ("F", "Modulation_Frequency", 0.5, "0.01000000071", "39.9999962"),
        ("F", "Modulation_AmountTime", 0, "0", "1"),
        ("F", "Modulation_AmountFilter", 0, "0", "1"),
        ("F", "DryWet", 1, "0", "1"),  # fully wet on a return
        ("L", "DryWetMode", 0),
        ("L", "EcoProcessing", False),
    )


@dataclass
class Limiter(NativeDevice):
    """Live's Limiter. No Live 12 set of the reference corpus contains a Limiter, so its
    parameter list is the one Live 11 writes (Live 12's device header in front)."""

    tag = "Limiter"
    params = (
        ("F", "Gain", 0, "-24", "24"),
        ("F", "Ceiling", -0.3, "-24", "0"),
        ("F", "Release", 300, "0.009999999776", "3000"),
        ("B", "AutoRelease", True),
        ("B", "LinkChannels", True),
        ("T", "Lookahead", 1),
    )


@dataclass
class Utility(NativeDevice):
    """Live's Utility (stored as `StereoGain`): gain, width, mono, phase."""

    gain: float = 1.0  # linear, 1 = 0 dB

    tag = "StereoGain"

    @property
    def params(self):
        return (
            ("B", "PhaseInvertL", False),
            ("B", "PhaseInvertR", False),
            ("E", "ChannelMode", 1, "0", "3"),
            ("F", "StereoWidth", 1, "0", "4"),
            ("F", "MidSideBalance", 1, "0", "2"),
            ("L", "MidSideBalanceOn", False),
            ("B", "Mono", False),
            ("B", "BassMono", False),
            ("L", "BassMonoAudition", False),
            ("F", "BassMonoFrequency", 120, "50", "500"),
            ("F", "Balance", 0, "-1", "1"),
            ("F", "Gain", self.gain, "0", "56.2341309"),
            ("F", "LegacyGain", 0, "-35", "35"),
            ("B", "Mute", False),
            ("B", "DcFilter", False),
            ("L", "LegacyMode", False),
        )


@dataclass
class Simpler(Device):
    """An empty Simpler (no sample loaded): Live's smallest native instrument."""

    user_name: str = ""
    on: bool = True
    voices: int = 5
    volume_db: float = -12.0

    tag = "OriginalSimpler"

    def render(self, r: _Renderer, index: int) -> Node:
        node = E(self.tag, Id=index)
        preset = E(
            "AbletonDefaultPresetRef",
            _empty_file_ref(),
            Node("DeviceId", {"Name": self.tag}),
            Id=0,
        )
        node.add(
            *r.device_header(
                on=self.on,
                user_name=self.user_name,
                preset=preset,
                show_preset_name=True,
                mpe_uses_tuning=False,
            )
        )
        node.add(V("OverwriteProtectionNumber", OVERWRITE_PROTECTION))
        node.add(
            E(
                "Player",
                E(
                    "MultiSampleMap",
                    E("SampleParts"),
                    V("LoadInRam", False),
                    V("LayerCrossfade", 0),
                    E("SourceContext"),
                    V("RoundRobin", False),
                    V("RoundRobinMode", 0),
                    V("RoundRobinResetPeriod", 0),
                    V("RoundRobinRandomSeed", 1234567890),
                ),
                E(
                    "LoopModulators",
                    V("IsModulated", True),
                    *r.param_table(
                        (
                            ("F", "SampleStart", 0, "0", "1"),
                            ("F", "SampleLength", 1, "0", "1"),
                            ("B", "LoopOn", False),
                            ("F", "LoopLength", 1, "0", "1"),
                            ("F", "LoopFade", 0, "0", "1"),
                        )
                    ),
                ),
                *r.param_table(
                    (
                        ("B", "Reverse", False),
                        ("B", "Snap", True),
                        ("F", "SampleSelector", 0, "0", "127"),
                    )
                ),
                r.empty_slot("SubOsc"),
                V("InterpolationMode", 1),
                V("UseConstPowCrossfade", True),
            ),
            E(
                "Pitch",
                *r.param_table(
                    (
                        ("F", "TransposeKey", 0, "-48", "48"),
                        ("F", "TransposeFine", 0, "-50", "50"),
                        ("F", "PitchLfoAmount", 0, "0", "1"),
                    )
                ),
                r.empty_slot("Envelope"),
                V("ScrollPosition", -1073741824),
            ),
            r.empty_slot("Filter"),
            r.empty_slot("Shaper"),
            E(
                "VolumeAndPan",
                *r.param_table(
                    (
                        ("F", "Volume", self.volume_db, "-36", "36"),
                        ("F", "VolumeVelScale", 0.35, "0", "1"),
                        ("F", "VolumeKeyScale", 0, "-1", "1"),
                        ("F", "VolumeLfoAmount", 0, "0", "1"),
                        ("F", "Panorama", 0, "-1", "1"),
                        ("F", "PanoramaKeyScale", 0, "-1", "1"),
                        ("F", "PanoramaRnd", 0, "0", "1"),
                        ("F", "PanoramaLfoAmount", 0, "0", "1"),
                    )
                ),
                E(
                    "Envelope",
                    *r.param_table(
                        (
                            ("F", "AttackTime", 0.1, "0.1000000015", "20000"),
                            ("F", "AttackLevel", MIN_GAIN, MIN_GAIN, "1"),
                            ("F", "AttackSlope", 0, "-1", "1"),
                            ("F", "DecayTime", 600, "1", "60000"),
                            ("F", "DecayLevel", 1, MIN_GAIN, "1"),
                            ("F", "DecaySlope", 1, "-1", "1"),
                            ("F", "SustainLevel", 1, MIN_GAIN, "1"),
                            ("F", "ReleaseTime", 50, "1", "60000"),
                            ("F", "ReleaseLevel", MIN_GAIN, MIN_GAIN, "1"),
                            ("F", "ReleaseSlope", 1, "-1", "1"),
                            ("E", "LoopMode", 0, "0", "4"),
                            ("F", "LoopTime", 100, "0.200000003", "20000"),
                            ("F", "RepeatTime", 3, "0", "14"),
                            ("F", "TimeVelScale", 0, "-100", "100"),
                            ("L", "CurrentOverlay", 0),
                        )
                    ),
                ),
                E(
                    "OneShotEnvelope",
                    *r.param_table(
                        (
                            ("F", "FadeInTime", 0, "0", "2000"),
                            ("E", "SustainMode", 0, "0", "1"),
                            ("F", "FadeOutTime", 5, "0", "2000"),
                        )
                    ),
                ),
            ),
            r.empty_slot("AuxEnv"),
            r.empty_slot("Lfo"),
            r.empty_slot("AuxLfos.0"),
            r.empty_slot("AuxLfos.1"),
            _mod_destination("KeyDst"),
            _mod_destination("VelDst"),
            _mod_destination("RelVelDst"),
            *(_mod_destination(f"MidiCtrl.{i}", feedback=True) for i in range(6)),
            E(
                "Globals",
                V("NumVoices", self.voices),
                V("NumVoicesEnvTimeControl", False),
                V("RetriggerMode", True),
                V("ModulationResolution", 2),
                *r.param_table(
                    (
                        ("F", "SpreadAmount", 0, "0", "100"),
                        ("F", "KeyZoneShift", 0, "-48", "48"),
                        ("E", "PortamentoMode", 0, "0", "2"),
                        ("F", "PortamentoTime", 50, "0.1000000015", "10000"),
                    )
                ),
                V("PitchBendRange", 5),
                V("MpePitchBendRange", 48),
                V("ScrollPosition", 0),
                E(
                    "EnvScale",
                    *r.param_table(
                        (
                            ("F", "EnvTime", 0, "-100", "100"),
                            ("F", "EnvTimeKeyScale", 0, "-100", "100"),
                            ("B", "EnvTimeIncludeAttack", True),
                        )
                    ),
                ),
                V("IsSimpler", True),
                V("PlaybackMode", 0),
                V("LegacyMode", False),
            ),
            E(
                "ViewSettings",
                V("SelectedPage", 0),
                V("ZoneEditorVisible", False),
                V("Seconds", False),
                V("SelectedSampleChannel", 0),
                V("VerticalSampleZoom", 1),
                V("IsAutoSelectEnabled", False),
                V("SimplerBreakoutVisible", False),
            ),
            E("SimplerSlicing", V("PlaybackMode", 0)),
        )
        return node


def _mod_destination(tag: str, feedback: bool = False) -> Node:
    node = E(
        tag,
        E("ModConnections.0", V("Amount", 0), V("Connection", 0)),
        E("ModConnections.1", V("Amount", 0), V("Connection", 0)),
    )
    if feedback:
        node.add(V("Feedback", 0))
    return node


def _empty_file_ref() -> Node:
    return E(
        "FileRef",
        V("RelativePathType", 0),
        V("RelativePath", ""),
        V("Path", ""),
        V("Type", 2),
        V("LivePackName", ""),
        V("LivePackId", ""),
        V("OriginalFileSize", 0),
        V("OriginalCrc", 0),
        V("SourceHint", ""),
    )


@dataclass
class Vst3Plugin(Device):
    """A VST3 plugin without any stored state (Live shows the plugin's defaults)."""

    name: str = "Plugin"
    uid: tuple[int, int, int, int] = (0, 0, 0, 0)  # the plugin's 128-bit class id
    instrument: bool = False  # DeviceType 1 (instrument) or 2 (audio effect)
    audio_inputs: int = 0
    audio_outputs: int = 1
    on: bool = True

    tag = "PluginDevice"

    def render(self, r: _Renderer, index: int) -> Node:
        device_type = 1 if self.instrument else 2
        uid = E("Uid", *(V(f"Fields.{i}", v) for i, v in enumerate(self.uid)))
        preset = E(
            "Vst3Preset",
            V("OverwriteProtectionNumber", OVERWRITE_PROTECTION),
            V("MpeEnabled", 0),
            _mpe_settings(),
            E("ParameterSettings"),
            V("IsOn", True),
            V("PowerMacroControlIndex", -1),
            E("PowerMacroMappingRange", V("Min", 64), V("Max", 127)),
            V("IsFolded", False),
            V("StoredAllParameters", True),
            V("DeviceLomId", 0),
            V("DeviceViewLomId", 0),
            V("IsOnLomId", 0),
            V("ParametersListWrapperLomId", 0),
            E("Uid", *(V(f"Fields.{i}", v) for i, v in enumerate(self.uid))),
            V("DeviceType", device_type),
            E("ProcessorState"),  # plugin state: deliberately empty
            E("ControllerState"),
            V("Name", ""),
            E("PresetRef"),
            Id=0,
        )
        info = E(
            "Vst3PluginInfo",
            V("WinPosX", 120),
            V("WinPosY", 80),
            V("NumAudioInputs", self.audio_inputs),
            V("NumAudioOutputs", self.audio_outputs),
            V("IsPlaceholderDevice", False),
            E("Preset", preset),
            V("Name", self.name),
            uid,
            V("DeviceType", device_type),
            Id=0,
        )
        node = E(self.tag, Id=index)
        node.add(*r.device_header(on=self.on, show_preset_name=True))
        node.add(
            E("PluginDesc", info),
            V("MpeEnabled", False),
            _mpe_settings(),
            E(
                "ParameterList",
                *(r.unused_plugin_parameter(i) for i in range(PLUGIN_PARAMETER_SLOTS)),
            ),
            V("AxisX", 0),
            V("AxisY", 0),
            E(
                "SideChain",
                r.bool_param("OnOff", True),
                E(
                    "RoutedInput",
                    _routable("Routable", "AudioIn/None", "No Output", ""),
                    r.float_param("Volume", 1, MIN_GAIN, "15.8489332"),
                ),
                r.float_param("DryWet", 1, "0", "1"),
            ),
        )
        return node


def _mpe_settings() -> Node:
    return E("MpeSettings", V("ZoneType", 0), V("FirstNoteChannel", 1), V("LastNoteChannel", 15))


def _routable(tag: str, target: str, upper: str, lower: str) -> Node:
    return E(
        tag,
        V("Target", target),
        V("UpperDisplayString", upper),
        V("LowerDisplayString", lower),
        _mpe_settings(),
        V("MpePitchBendUsesTuning", True),
    )


# -- rendering ---------------------------------------------------------------------------


class _Renderer:
    """Turns a `LiveSet` into the XML tree Live 12.3 writes.

    Ids of the "pointee" space (AutomationTarget, ModulationTarget, Pointee, sequencer
    modulation targets, MIDI controller targets) are unique across the set and come from
    one counter; `NextPointeeId` is written greater than all of them. The main track keeps
    the low ids Live gives it in every new set (tempo 8, time signature 10).
    """

    FIRST_FREE_ID = 21

    def __init__(self, live_set: LiveSet):
        self.s = live_set
        self.next_id = self.FIRST_FREE_ID
        self.targets: dict[str, int] = {}  # mixer parameter -> AutomationTarget id (per track)
        self._current_color = 0

    def new_id(self) -> int:
        value = self.next_id
        self.next_id += 1
        return value

    # parameters ------------------------------------------------------------------------

    @staticmethod
    def _target(tag: str, pointee: int) -> Node:
        return E(tag, V("LockEnvelope", 0), Id=pointee)

    def float_param(self, tag, value, lo, hi, ids: tuple[int, int] | None = None) -> Node:
        automation, modulation = ids or (self.new_id(), self.new_id())
        return E(
            tag,
            V("LomId", 0),
            V("Manual", value),
            E("MidiControllerRange", V("Min", lo), V("Max", hi)),
            self._target("AutomationTarget", automation),
            self._target("ModulationTarget", modulation),
        )

    def bool_param(self, tag, value, pointee: int | None = None) -> Node:
        return E(
            tag,
            V("LomId", 0),
            V("Manual", value),
            self._target("AutomationTarget", pointee or self.new_id()),
            E("MidiCCOnOffThresholds", V("Min", 64), V("Max", 127)),
        )

    def enum_param(self, tag, value, lo, hi, pointee: int | None = None) -> Node:
        return E(
            tag,
            V("LomId", 0),
            V("Manual", value),
            self._target("AutomationTarget", pointee or self.new_id()),
            E("MidiControllerRange", V("Min", lo), V("Max", hi)),
        )

    def plain_param(self, tag, value) -> Node:
        return E(
            tag, V("LomId", 0), V("Manual", value), self._target("AutomationTarget", self.new_id())
        )

    def param_table(self, rows) -> list[Node]:
        nodes = []
        for kind, tag, value, *rng in rows:
            if kind == "F":
                nodes.append(self.float_param(tag, value, *rng))
            elif kind == "B":
                nodes.append(self.bool_param(tag, value))
            elif kind == "E":
                nodes.append(self.enum_param(tag, value, *rng))
            elif kind == "T":
                nodes.append(self.plain_param(tag, value))
            elif kind == "L":
                nodes.append(V(tag, value))
            else:
                raise ValueError(kind)
        return nodes

    def empty_slot(self, tag: str) -> Node:
        """A switchable device section that is off and empty (Simpler's filter, LFO, …)."""
        return E(tag, self.bool_param("IsOn", False), E("Slot", E("Value")))

    def unused_plugin_parameter(self, index: int) -> Node:
        return E(
            "PluginFloatParameter",
            V("ParameterName", ""),
            V("ParameterId", -1),
            V("ParameterIdFlankBool", False),
            V("VisualIndex", 1073741823),
            self.float_param("ParameterValue", UNUSED_PLUGIN_PARAMETER, "0", "1"),
            E("LastUserRange", V("First", "Invalid"), V("Last", "Invalid")),
            E("LastInternalRange", V("First", 0), V("Last", 1)),
            Id=index,
        )

    def device_header(
        self,
        *,
        on=True,
        user_name="",
        preset: Node | None = None,
        show_preset_name=False,
        mpe_uses_tuning=True,
        expanded=True,
        on_id: int | None = None,
        pointee_id: int | None = None,
    ) -> list[Node]:
        """The children every device (and mixer and sequencer) starts with."""
        return [
            V("LomId", 0),
            V("LomIdView", 0),
            V("IsExpanded", expanded),
            V("BreakoutIsExpanded", False),
            self.bool_param("On", on, on_id),
            V("ModulationSourceCount", 0),
            Node("ParametersListWrapper", {"LomId": "0"}),
            E("Pointee", Id=pointee_id or self.new_id()),
            V("LastSelectedTimeableIndex", 0),
            V("LastSelectedClipEnvelopeIndex", 0),
            E("LastPresetRef", E("Value", preset)),
            E("LockedScripts"),
            V("IsFolded", False),
            V("ShouldShowPresetName", show_preset_name),
            V("UserName", user_name),
            V("Annotation", ""),
            E("SourceContext", E("Value")),
            V("MpePitchBendUsesTuning", mpe_uses_tuning),
            V("ViewData", "{}"),
        ]

    # set --------------------------------------------------------------------------------

    def render(self) -> Node:
        s = self.s
        self.track_ids = self._assign_track_ids()
        tracks = E("Tracks", *(self.track(t) for t in s.tracks))
        main = self.main_track()
        prehear = self.prehear_track()
        live_set = E(
            "LiveSet",
            V("NextPointeeId", 0),  # filled in below, once every id is known
            V("OverwriteProtectionNumber", OVERWRITE_PROTECTION),
            V("LomId", 0),
            V("LomIdView", 0),
            tracks,
            main,
            prehear,
            E("SendsPre", *(E("SendPreBool", Id=i, Value=False) for i in range(len(s.returns)))),
            E("Scenes", *(self.scene(i) for i in range(s.scene_count))),
            E(
                "Transport",
                V("PhaseNudgeTempo", 10),
                V("LoopOn", False),
                V("LoopStart", 0),
                V("LoopLength", 16),
                V("LoopIsSongStart", False),
                V("CurrentTime", 0),
                V("PunchIn", False),
                V("PunchOut", False),
                V("MetronomeTickDuration", 0),
                V("DrawMode", False),
            ),
            E("SessionScrollPos", X=0, Y=0),
            V("SelectedBreakpointValue", 0),
            E("SignalModulations"),
            V("GlobalQuantisation", 4),
            V("AutoQuantisation", 0),
            _grid("Grid", snap=True),
            E("ScaleInformation", V("Root", s.scale.root), V("Name", s.scale.index)),
            V("InKey", s.in_key),
            V("SmpteFormat", 0),
            E("TimeSelection", V("AnchorTime", 0), V("OtherTime", 0)),
            E(
                "SequencerNavigator",
                E("BeatTimeHelper", V("CurrentZoom", 0.25)),
                E("ScrollerPos", X=0, Y=0),
                E("ClientSize", X=1200, Y=700),
            ),
            V("IsContentSplitterOpen", True),
            V("IsExpressionSplitterOpen", True),
            E(
                "ExpressionLanes",
                *(
                    _lane_model(i, t, minimized)
                    for i, t, minimized in (
                        (4, 5, True),
                        (0, 0, False),
                        (1, 1, False),
                        (2, 2, True),
                        (3, 3, True),
                    )
                ),
            ),
            E(
                "ContentLanes",
                *(
                    _lane_model(i, t, minimized)
                    for i, t, minimized in ((0, 2, False), (2, 3, True), (1, 4, True))
                ),
            ),
            V("ViewStateFxSlotCount", 4),
            V("ViewStateSessionMixerVolumeSectionHeight", 120),
            V("ViewStateArrangerMixerVolumeSectionHeight", 120),
            V("ShouldSceneTempoAndTimeSignatureBeVisible", False),
            V("WaveformVerticalZoomFactor", 1),
            V("IsWaveformVerticalZoomActive", True),
            E(
                "Locators",
                E("Locators", *(self.locator(i, loc) for i, loc in enumerate(s.locators))),
            ),
            E("DetailClipKeyMidis"),
            Node("TracksListWrapper", {"LomId": "0"}),
            Node("VisibleTracksListWrapper", {"LomId": "0"}),
            Node("ReturnTracksListWrapper", {"LomId": "0"}),
            Node("ScenesListWrapper", {"LomId": "0"}),
            Node("CuePointsListWrapper", {"LomId": "0"}),
            V("SelectedDocumentViewInMainWindow", 1),
            V("Annotation", ""),
            V("SoloOrPflSavedValue", True),
            V("SoloInPlace", True),
            V("CrossfadeCurve", 2),
            V("LatencyCompensation", 2),
            V("HighlightedTrackIndex", 0),
            E(
                "GroovePool",
                V("LomId", 0),
                E("Grooves"),
                V("DefaultGrooveId", -1),
                Node("GroovesListWrapper", {"LomId": "0"}),
            ),
            V("AutomationMode", False),
            V("SnapAutomationToGrid", True),
            V("ArrangementOverdub", False),
            V("ColorSequenceIndex", 0),
            E("AutoColorPickerForPlayerAndGroupTracks", V("NextColorIndex", 0)),
            E("AutoColorPickerForReturnAndMainTracks", V("NextColorIndex", 0)),
            V("ViewData", "{}"),
            V("ResetNonautomatedMidiControllersOnClipStarts", False),
            V("MidiFoldIn", False),
            V("MidiFoldMode", -99),
            V("MultiClipFocusMode", False),
            V("MultiClipLoopBarHeight", 0),
            V("MidiPrelisten", False),
            E("LinkedTrackGroups"),
            V("NoteSpellingPreference", 0),
            V("AccidentalSpellingPreference", 3),
            V("PreferFlatRootNote", False),
            V("UseWarperLegacyHiQMode", False),
            E(
                "VideoWindowRect",
                Top=-2147483648,
                Left=-2147483648,
                Bottom=-2147483648,
                Right=-2147483648,
            ),
            V("ShowVideoWindow", True),
            E("TuningSystems"),
            V("TrackHeaderWidth", 93),
            V("ViewStateMainWindowClipDetailOpen", False),
            V("ViewStateMainWindowHiddenOtherDocViewTypeClipDetailOpen", False),
            V("ViewStateMainWindowHiddenOtherDocViewTypeDeviceDetailOpen", True),
            V("ViewStateMainWindowDeviceDetailOpen", True),
            V("ViewStateSecondWindowClipDetailOpen", True),
            V("ViewStateSecondWindowDeviceDetailOpen", False),
            E(
                "ViewStates",
                *(
                    V(tag, value)
                    for tag, value in (
                        ("MixerInArrangement", 0),
                        ("ArrangerMixerIO", 1),
                        ("ArrangerMixerSends", 1),
                        ("ArrangerMixerReturns", 1),
                        ("ArrangerMixerVolume", 1),
                        ("ArrangerMixerTrackOptions", 0),
                        ("ArrangerMixerCrossFade", 0),
                        ("ArrangerMixerTrackPerformanceImpactMeter", 0),
                        ("MixerInSession", 1),
                        ("SessionIO", 1),
                        ("SessionSends", 1),
                        ("SessionReturns", 1),
                        ("SessionVolume", 1),
                        ("SessionTrackOptions", 0),
                        ("SessionCrossFade", 0),
                        ("SessionTrackPerformanceImpactMeter", 0),
                        ("SessionShowOverView", 0),
                        ("ArrangerIO", 1),
                        ("ArrangerReturns", 1),
                        ("ArrangerVolume", 1),
                        ("ArrangerTrackOptions", 0),
                        ("ArrangerShowOverView", 1),
                    )
                ),
            ),
            E("NoteAlgorithms"),
        )
        live_set.children[0] = V("NextPointeeId", self.next_id)
        return E(
            "Ableton",
            live_set,
            MajorVersion=MAJOR_VERSION,
            MinorVersion=MINOR_VERSION,
            SchemaChangeCount=SCHEMA_CHANGE_COUNT,
            Creator=CREATOR,
            Revision=REVISION,
        )

    def _assign_track_ids(self) -> dict[int, int]:
        """Track ids as Live hands them out: the two default returns first, then the rest."""
        ids, next_id = {}, 2
        for track in self.s.tracks:
            if isinstance(track, ReturnTrack):
                ids[id(track)] = next_id
                next_id += 1
        next_id = max(next_id, 8)
        for track in self.s.tracks:
            if not isinstance(track, ReturnTrack):
                ids[id(track)] = next_id
                next_id += 1
        return ids

    def scene(self, index: int) -> Node:
        s = self.s
        name = s.scene_names[index] if index < len(s.scene_names) else ""
        return E(
            "Scene",
            _follow_action(jump=0),
            V("Name", name),
            V("Annotation", ""),
            V("Color", -1),
            V("Tempo", s.tempo),
            V("IsTempoEnabled", False),
            V("TimeSignatureId", time_signature_code(*s.time_signature)),
            V("IsTimeSignatureEnabled", False),
            V("LomId", 0),
            Node("ClipSlotsListWrapper", {"LomId": "0"}),
            Id=index,
        )

    @staticmethod
    def locator(index: int, locator: Locator) -> Node:
        return E(
            "Locator",
            V("LomId", 0),
            V("Time", locator.time),
            V("Name", locator.name),
            V("Annotation", ""),
            V("IsSongStart", False),
            Id=index,
        )

    # tracks -------------------------------------------------------------------------------

    def _track_head(
        self, name: str, user_name: str, color: int, envelopes: Node, group_id: int, unfolded: bool
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
            V("TrackUnfolded", unfolded),
            Node("DevicesListWrapper", {"LomId": "0"}),
            Node("ClipSlotsListWrapper", {"LomId": "0"}),
            Node("ArrangementClipsListWrapper", {"LomId": "0"}),
            Node("TakeLanesListWrapper", {"LomId": "0"}),
            V("ViewData", "{}"),
            E("TakeLanes", E("TakeLanes"), V("AreTakeLanesFolded", True)),
            V("LinkedTrackGroupId", -1),
        ]

    @staticmethod
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

    def _routings(self, audio_in, midi_in, audio_out) -> list[Node]:
        return [
            _routable("AudioInputRouting", *audio_in),
            _routable("MidiInputRouting", *midi_in),
            _routable("AudioOutputRouting", *audio_out),
            _routable("MidiOutputRouting", "MidiOut/None", "None", ""),
        ]

    def mixer(self, track: Track | None, *, sends_enabled: bool, main: bool = False) -> Node:
        """A track mixer; `track=None` for the pre-hear track. Records the parameter ids
        in `self.targets` so that envelopes can point at them."""
        returns = self.s.returns
        sends = []
        if track is not None and not main:
            levels = list(track.sends) + [float(MIN_GAIN)] * (len(returns) - len(track.sends))
            for i, level in enumerate(levels[: len(returns)]):
                send = self.float_param("Send", level, MIN_GAIN, "1")
                self.targets[f"Send {chr(ord('A') + i)}"] = _automation_id(send)
                sends.append(E("TrackSendHolder", send, V("EnabledByUser", sends_enabled), Id=i))
        volume = track.volume if track is not None else 1.0
        pan = track.pan if track is not None else 0.0
        active = track.active if track is not None else True
        if main:  # the ids Live gives the main track's mixer in every new set
            header = self.device_header(on_id=1)
            speaker = self.bool_param("Speaker", active, 2)
            pan_node = self.float_param("Pan", pan, "-1", "1", ids=(3, 4))
        else:
            header = self.device_header()
            speaker = self.bool_param("Speaker", active)
            pan_node = self.float_param("Pan", pan, "-1", "1")
        split_l = self.float_param("SplitStereoPanL", -1, "-1", "1")
        split_r = self.float_param("SplitStereoPanR", 1, "-1", "1")
        volume_node = self.float_param(
            "Volume", volume, MIN_GAIN, MAX_VOLUME, ids=(5, 6) if main else None
        )
        cross_fade_state = self.enum_param("CrossFadeState", 1, "0", "2", 7 if main else None)
        self.targets.update(
            Speaker=_automation_id(speaker),
            Pan=_automation_id(pan_node),
            Volume=_automation_id(volume_node),
        )
        node = E("Mixer", *header)
        node.add(
            E("Sends", *sends),
            speaker,
            V("SoloSink", track.solo if track is not None else False),
            V("PanMode", 0),
            pan_node,
            split_l,
            split_r,
            volume_node,
            V("ViewStateSessionTrackWidth", 93),
            cross_fade_state,
            Node("SendsListWrapper", {"LomId": "0"}),
        )
        if main:
            tempo = self.float_param("Tempo", self.s.tempo, "60", "200", ids=(8, 9))
            signature = self.enum_param(
                "TimeSignature", time_signature_code(*self.s.time_signature), "0", "494", 10
            )
            self.targets.update(Tempo=8, TimeSignature=10)
            node.add(
                tempo,
                signature,
                self.float_param("GlobalGrooveAmount", 100, "0", "131.25", ids=(11, 12)),
                self.float_param("CrossFade", 0, "-1", "1", ids=(13, 14)),
                V("TempoAutomationViewBottom", 60),
                V("TempoAutomationViewTop", 200),
            )
        return node

    def clip_slots(self, clips: bool) -> Node:
        count = self.s.scene_count if clips else 0
        return E(
            "ClipSlotList",
            *(
                E(
                    "ClipSlot",
                    V("LomId", 0),
                    E("ClipSlot", E("Value")),
                    V("HasStop", True),
                    V("NeedRefreeze", True),
                    Id=i,
                )
                for i in range(count)
            ),
        )

    def audio_sequencer(
        self,
        tag: str,
        clips: Sequence[AudioClip],
        *,
        slots: bool,
        monitoring: int,
        main_ids: bool = False,
        take_counter: int = 1,
    ) -> Node:
        """MainSequencer of an audio track, and the FreezeSequencer of every track."""
        if main_ids:  # the main track's freeze sequencer ids in a new set
            header = self.device_header(on_id=15)
            ids = {
                "Volume": 16,
                "Transposition": 17,
                "GrainSize": 18,
                "Flux": 19,
                "SampleOffset": 20,
            }
        else:
            header = self.device_header()
            ids = {}
        node = E(tag, *header)

        def target(name: str) -> Node:
            return self._target(f"{name}ModulationTarget", ids.get(name) or self.new_id())

        node.add(
            self.clip_slots(slots),
            V("MonitoringEnum", monitoring),
            V("KeepRecordMonitoringLatency", True),
            E("Sample", _arranger_automation(self.audio_clip(i, c) for i, c in enumerate(clips))),
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
            E("Recorder", V("IsArmed", False), V("TakeCounter", take_counter)),
        )
        return node

    def midi_sequencer(self, clips: Sequence[MidiClip]) -> Node:
        node = E("MainSequencer", *self.device_header())
        node.add(
            self.clip_slots(True),
            V("MonitoringEnum", 1),
            V("KeepRecordMonitoringLatency", True),
            E(
                "ClipTimeable",
                _arranger_automation(self.midi_clip(i, c) for i, c in enumerate(clips)),
            ),
            E("Recorder", V("IsArmed", False), V("TakeCounter", 1)),
            E(
                "MidiControllers",
                *(
                    self._target(f"ControllerTargets.{i}", self.new_id())
                    for i in range(MIDI_CONTROLLER_TARGETS)
                ),
            ),
        )
        return node

    def device_chain(self, devices: Sequence[Device]) -> Node:
        return E(
            "DeviceChain",
            E("Devices", *(d.render(self, i) for i, d in enumerate(devices))),
            E("SignalModulations"),
        )

    def envelopes(self, automations: Sequence[Automation]) -> Node:
        nodes = []
        for index, automation in enumerate(automations):
            if automation.parameter not in self.targets:
                raise ValueError(f"cannot automate {automation.parameter!r}")
            default = (
                automation.default if automation.default is not None else automation.points[0][1]
            )
            events = [(DEFAULT_EVENT_TIME, default), *automation.points]
            event_tag = "EnumEvent" if automation.parameter == "TimeSignature" else "FloatEvent"
            if automation.parameter == "Speaker":
                event_tag = "BoolEvent"
            nodes.append(
                E(
                    "AutomationEnvelope",
                    E("EnvelopeTarget", V("PointeeId", self.targets[automation.parameter])),
                    E(
                        "Automation",
                        E(
                            "Events",
                            *(
                                E(event_tag, Id=i, Time=time, Value=value)
                                for i, (time, value) in enumerate(events)
                            ),
                        ),
                        E(
                            "AutomationTransformViewState",
                            V("IsTransformPending", False),
                            E("TimeAndValueTransforms"),
                        ),
                    ),
                    Id=index,
                )
            )
        return E("AutomationEnvelopes", E("Envelopes", *nodes))

    def track(self, track: Track) -> Node:
        self.targets = {}
        self._current_color = track.color  # clips take their track's colour
        track_id = self.track_ids[id(track)]
        group_id = self.track_ids[id(track.group)] if track.group is not None else -1
        is_return = isinstance(track, ReturnTrack)
        name = (
            f"{chr(ord('A') + self.s.returns.index(track))}-{track.name}"
            if is_return
            else track.name
        )
        if group_id >= 0:
            audio_out = ("AudioOut/GroupTrack", "Group", "")
        else:
            audio_out = ("AudioOut/Main", "Master", "")
        if isinstance(track, AudioTrack):
            audio_in = ("AudioIn/External/M0", "Ext. In", "1")
        else:
            audio_in = ("AudioIn/External/S0", "Ext. In", "1/2")
        routings = self._routings(
            audio_in, ("MidiIn/External.All/-1", "Ext: All Ins", ""), audio_out
        )

        mixer = self.mixer(track, sends_enabled=not is_return)
        if isinstance(track, AudioTrack):
            chain = [
                mixer,
                self.audio_sequencer("MainSequencer", track.clips, slots=True, monitoring=1),
                self.audio_sequencer("FreezeSequencer", (), slots=True, monitoring=1),
                self.device_chain(track.devices),
            ]
        elif isinstance(track, MidiTrack):
            chain = [
                mixer,
                self.midi_sequencer(track.clips),
                self.audio_sequencer("FreezeSequencer", (), slots=True, monitoring=1),
                self.device_chain(track.devices),
            ]
        else:  # group and return tracks: no main sequencer; returns have no clip slots
            chain = [
                mixer,
                self.device_chain(track.devices),
                self.audio_sequencer("FreezeSequencer", (), slots=not is_return, monitoring=1),
            ]
        envelopes = self.envelopes(track.automation)
        node = E(
            track.kind,
            Id=track_id,
            SelectedToolPanel=7,
            SelectedTransformationName="",
            SelectedGeneratorName="",
        )
        node.add(*self._track_head(name, track.name, track.color, envelopes, group_id, True))
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
                    *(E("GroupTrackSlot", V("LomId", 0), Id=i) for i in range(self.s.scene_count)),
                ),
                V("Freeze", False),
                V("NeedArrangerRefreeze", True),
            )
        node.add(E("DeviceChain", *self._view_states(), *routings, *chain))
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

    def main_track(self) -> Node:
        self.targets = {}
        s = self.s
        main = Track("Main", volume=s.main_volume)
        mixer = self.mixer(main, sends_enabled=False, main=True)
        freeze = E(
            "FreezeSequencer",
            self.audio_sequencer("AudioSequencer", (), slots=True, monitoring=1, main_ids=True),
        )
        freeze.children[0].attrs["Id"] = "0"
        chain = self.device_chain(s.main_devices)
        signature = Automation("TimeSignature", (), default=time_signature_code(*s.time_signature))
        tempo = Automation("Tempo", (), default=s.tempo)
        envelopes = self.envelopes([signature, tempo])
        node = E(
            "MainTrack",
            SelectedToolPanel=7,
            SelectedTransformationName="",
            SelectedGeneratorName="",
        )
        node.add(*self._track_head("Main", "", 0, envelopes, -1, True))
        stereo = ("AudioIn/External/S0", "Ext. In", "1/2")
        node.add(
            E(
                "DeviceChain",
                *self._view_states(),
                *self._routings(
                    stereo,
                    ("MidiIn/External.All/-1", "Ext: All Ins", ""),
                    ("AudioOut/External/S0", "Ext. Out", "1/2"),
                ),
                mixer,
                freeze,
                chain,
            )
        )
        return node

    def prehear_track(self) -> Node:
        self.targets = {}
        node = E(
            "PreHearTrack",
            SelectedToolPanel=7,
            SelectedTransformationName="",
            SelectedGeneratorName="",
        )
        node.add(
            *self._track_head("0-Main", "", -1, E("AutomationEnvelopes", E("Envelopes")), -1, True)
        )
        stereo = ("AudioIn/External/S0", "Ext. In", "1/2")
        node.add(
            E(
                "DeviceChain",
                *self._view_states(),
                *self._routings(
                    stereo,
                    ("MidiIn/External.All/-1", "Ext: All Ins", ""),
                    ("AudioOut/External/S0", "Ext. Out", "1/2"),
                ),
                self.mixer(None, sends_enabled=False),
                self.device_chain(()),
            )
        )
        return node

    # clips --------------------------------------------------------------------------------

    def _clip_head(self, clip: Clip, color: int, right_time: float) -> list[Node]:
        loop_start, loop_end, loop_on = clip.loop_fields()
        return [
            V("LomId", 0),
            V("LomIdView", 0),
            V("CurrentStart", clip.start),
            V("CurrentEnd", clip.end),
            E(
                "Loop",
                V("LoopStart", loop_start),
                V("LoopEnd", loop_end),
                V("StartRelative", 0),
                V("LoopOn", loop_on),
                V("OutMarker", loop_end),
                V("HiddenLoopStart", loop_start),
                V("HiddenLoopEnd", loop_end),
            ),
            V("Name", clip.name),
            V("Annotation", ""),
            V("Color", color),
            V("LaunchMode", 0),
            V("LaunchQuantisation", 0),
            E(
                "TimeSignature",
                E(
                    "TimeSignatures",
                    E(
                        "RemoteableTimeSignature",
                        V("Numerator", self.s.time_signature[0]),
                        V("Denominator", self.s.time_signature[1]),
                        V("Time", 0),
                        Id=0,
                    ),
                ),
            ),
            E("Envelopes", E("Envelopes")),
            E("ScrollerTimePreserver", V("LeftTime", 0), V("RightTime", right_time)),
            E("TimeSelection", V("AnchorTime", 0), V("OtherTime", 0)),
            V("Legato", False),
            V("Ram", False),
            E("GrooveSettings", V("GrooveId", -1)),
            V("Disabled", clip.disabled),
            V("VelocityAmount", 0),
            _follow_action(jump=1),
            _grid("Grid", snap=True),
            V("FreezeStart", 0),
            V("FreezeEnd", 0),
            V("IsWarped", True),
            V("TakeId", 0),
        ]

    def audio_clip(self, index: int, clip: AudioClip) -> Node:
        sample = clip.sample
        tempo = self.s.tempo
        beats = (
            sample.beats if sample.beats is not None else round(sample.seconds * tempo / 60.0, 6)
        )
        markers = clip.warp_markers or ((0.0, 0.0), (sample.seconds, beats))
        fades = clip.fades
        node = E("AudioClip", Id=index, Time=clip.start)
        color = clip.color if clip.color is not None else self._current_color
        node.add(*self._clip_head(clip, color, clip.loop_fields()[1]))
        node.add(
            V("IsInKey", False),
            E("ScaleInformation", V("Root", self.s.scale.root), V("Name", self.s.scale.index)),
            E(
                "SampleRef",
                E(
                    "FileRef",
                    V("RelativePathType", 3),  # relative to the project folder
                    V("RelativePath", sample.relative_path),
                    V("Path", sample.path),
                    V("Type", 2),
                    V("LivePackName", ""),
                    V("LivePackId", ""),
                    V("OriginalFileSize", sample.file_size),
                    V("OriginalCrc", sample.crc),
                    V("SourceHint", ""),
                ),
                V("LastModDate", sample.last_modified),
                E("SourceContext"),
                V("SampleUsageHint", 0),
                V("DefaultDuration", sample.frames),
                V("DefaultSampleRate", sample.sample_rate),
                V("SamplesToAutoWarp", 0),
            ),
            E("Onsets", E("UserOnsets"), V("HasUserOnsets", False)),
            V("WarpMode", clip.warp_mode),
            V("GranularityTones", 30),
            V("GranularityTexture", 65),
            V("FluctuationTexture", 25),
            V("TransientResolution", 6),
            V("TransientLoopMode", 2),
            V("TransientEnvelope", 100),
            V("ComplexProFormants", 100),
            V("ComplexProEnvelope", 128),
            V("Sync", True),
            V("HiQ", True),
            V("Fade", fades.enabled),
            E(
                "Fades",
                V("FadeInLength", fades.fade_in),
                V("FadeOutLength", fades.fade_out),
                V("ClipFadesAreInitialized", True),
                V("CrossfadeInState", 0),
                V("FadeInCurveSkew", 0),
                V("FadeInCurveSlope", 0),
                V("FadeOutCurveSkew", 0),
                V("FadeOutCurveSlope", 0),
                V("IsDefaultFadeIn", fades.default_in),
                V("IsDefaultFadeOut", fades.default_out),
            ),
            V("PitchCoarse", 0),
            V("PitchFine", 0),
            V("SampleVolume", 1),
            E(
                "WarpMarkers",
                *(
                    E("WarpMarker", Id=i, SecTime=sec, BeatTime=beat)
                    for i, (sec, beat) in enumerate(markers)
                ),
            ),
            E("SavedWarpMarkersForStretched"),
            V("MarkersGenerated", False),
            V("IsSongTempoLeader", False),
        )
        return node

    def midi_clip(self, index: int, clip: MidiClip) -> Node:
        node = E("MidiClip", Id=index, Time=clip.start)
        color = clip.color if clip.color is not None else self._current_color
        node.add(*self._clip_head(clip, color, clip.loop_fields()[1]))
        # Notes are grouped by pitch (one KeyTrack per key, lowest first), in time order;
        # note ids count from 1 in time order. Live 12.2+ omits attributes at their
        # default (VelocityDeviation 0, Probability 1, IsEnabled true).
        in_time_order = sorted(clip.notes, key=lambda n: (n.time, n.pitch))
        note_ids = {id(n): i + 1 for i, n in enumerate(in_time_order)}
        by_pitch: dict[int, list[Note]] = {}
        for note in in_time_order:
            by_pitch.setdefault(note.pitch, []).append(note)
        key_tracks = [
            E(
                "KeyTrack",
                E(
                    "Notes",
                    *(
                        E(
                            "MidiNoteEvent",
                            Time=n.time,
                            Duration=n.duration,
                            Velocity=n.velocity,
                            OffVelocity=64,
                            NoteId=note_ids[id(n)],
                        )
                        for n in by_pitch[pitch]
                    ),
                ),
                V("MidiKey", pitch),
                Id=key_index,
            )
            for key_index, pitch in enumerate(sorted(by_pitch))
        ]
        node.add(
            V("IsInKey", self.s.in_key),
            E("ScaleInformation", V("Root", self.s.scale.root), V("Name", self.s.scale.index)),
            E(
                "Notes",
                E("KeyTracks", *key_tracks),
                E("PerNoteEventStore", E("EventLists")),
                E("NoteProbabilityGroups"),
                E("ProbabilityGroupIdGenerator", V("NextId", 1)),
                E("NoteIdGenerator", V("NextId", len(in_time_order) + 1)),
            ),
            V("BankSelectCoarse", -1),
            V("BankSelectFine", -1),
            V("ProgramChange", -1),
            V("NoteEditorFoldInZoom", -1),
            V("NoteEditorFoldInScroll", 0),
            V("NoteEditorFoldOutZoom", -1),
            V("NoteEditorFoldOutScroll", 0),
            V("NoteEditorFoldScaleZoom", -1),
            V("NoteEditorFoldScaleScroll", 0),
            V("NoteSpellingPreference", 0),
            V("AccidentalSpellingPreference", 3),
            V("PreferFlatRootNote", False),
            _grid("ExpressionGrid", snap=False),
        )
        return node


def _automation_id(param: Node) -> int:
    return next(int(c.attrs["Id"]) for c in param.children if c.tag == "AutomationTarget")


def _grid(tag: str, snap: bool) -> Node:
    return E(
        tag,
        V("FixedNumerator", 1),
        V("FixedDenominator", 16),
        V("GridIntervalPixel", 20),
        V("Ntoles", 2),
        V("SnapToGrid", snap),
        V("Fixed", False),
    )


def _follow_action(jump: int) -> Node:
    return E(
        "FollowAction",
        V("FollowTime", 4),
        V("IsLinked", True),
        V("LoopIterations", 1),
        V("FollowActionA", 4),
        V("FollowActionB", 0),
        V("FollowChanceA", 100),
        V("FollowChanceB", 0),
        V("JumpIndexA", jump),
        V("JumpIndexB", jump),
        V("FollowActionEnabled", False),
    )


def _lane_model(lane_id: int, lane_type: int, minimized: bool) -> Node:
    return E(
        "MidiEditorLaneModel",
        V("Type", lane_type),
        V("Size", 41),
        V("IsMinimized", minimized),
        Id=lane_id,
    )


def _arranger_automation(clip_nodes: Iterable[Node]) -> Node:
    return E(
        "ArrangerAutomation",
        E("Events", *clip_nodes),
        E(
            "AutomationTransformViewState",
            V("IsTransformPending", False),
            E("TimeAndValueTransforms"),
        ),
    )


# -- sample audio ------------------------------------------------------------------------------
#
# The clean set's samples are real files, written next to it: one beat each, 8-bit mono at
# 22,050 Hz (about 10 KB). They are synthesised with arithmetic only (+, -, *, /, floor and
# a linear congruential noise generator), which IEEE 754 rounds the same on every platform,
# so the files are byte-identical wherever they are built.

SYNTH_RATE = 22050


def _u8(x: float) -> int:
    """A sample in -1…1 as an unsigned 8-bit WAV value (silence = 128)."""
    return 128 + round(max(-1.0, min(1.0, x)) * 127)


def _triangle(phase: float) -> float:
    """A triangle wave, -1…1, period 1."""
    return 4.0 * abs(phase - math.floor(phase) - 0.5) - 1.0


def beat_frames(tempo: float, beats: float = 1.0, rate: int = SYNTH_RATE) -> int:
    frames = rate * 60.0 * beats / tempo
    if frames != int(frames):
        raise ValueError(
            f"{beats} beats at {tempo} BPM are not a whole number of frames at {rate} Hz"
        )
    return int(frames)


def synth_kick(frames: int, rate: int = SYNTH_RATE) -> bytes:
    """A kick drum: a triangle falling from 150 to 45 Hz, decaying over the beat."""
    out, phase = bytearray(), 0.25  # the triangle's zero crossing: no click at the start
    for n in range(frames):
        rest = 1.0 - n / frames
        phase += (45.0 + 105.0 * rest * rest * rest) / rate
        out.append(_u8(0.9 * rest * rest * _triangle(phase)))
    return bytes(out)


def synth_hat(frames: int, rate: int = SYNTH_RATE) -> bytes:
    """A closed hi-hat: noise that dies away within the first sixth of the beat."""
    out, state, previous = bytearray(), 12345, 0.0
    length = frames // 6
    for n in range(frames):
        state = (state * 1103515245 + 12345) % 2147483648
        noise = state / 1073741824.0 - 1.0
        envelope = max(0.0, 1.0 - n / length)
        out.append(_u8(0.5 * envelope * envelope * (noise - previous)))  # differenced: brighter
        previous = noise
    return bytes(out)


def synth_tone(
    frames: int, frequencies: Sequence[float], level: float, rate: int = SYNTH_RATE
) -> bytes:
    """Triangle waves summed, with a short attack and a release into the end of the beat."""
    out = bytearray()
    attack, release = frames // 50, frames // 4
    for n in range(frames):
        envelope = min(1.0, n / attack, (frames - n) / release)
        value = sum(_triangle(n * f / rate) for f in frequencies) / len(frequencies)
        out.append(_u8(level * envelope * value))
    return bytes(out)


# -- the sample sets ---------------------------------------------------------------------------


def build_demo() -> LiveSet:
    """A set with one problem per place a rule should fire (see README.md)."""
    tempo = 124.0
    live_set = LiveSet(
        tempo=tempo,
        time_signature=(4, 4),
        scale=Scale.minor("A"),
        in_key=True,
        scene_count=2,
        locators=[
            Locator("Intro", 0),
            Locator("Verse", 64),
            Locator("Drop", 128),
            Locator("Outro", 256),
        ],
    )
    one_bar = beats_to_seconds(4, tempo)  # 1.935483871 s
    # None of these files exists: the set was "copied from another computer".
    kick_loop = Sample("Samples/Imported/Kick Loop.wav", seconds=one_bar, beats=4)
    snare_hit = Sample(
        "Samples/Imported/Snare Hit.wav", seconds=beats_to_seconds(68, tempo), beats=68
    )
    snare_fill = Sample("Samples/Imported/Snare Fill.wav", seconds=one_bar, beats=4)
    pad = Sample("Samples/Imported/Pad.wav", seconds=beats_to_seconds(64, tempo), beats=64)

    drums = live_set.add(GroupTrack("Drums", color=69))
    kick = live_set.add(AudioTrack("Kick", color=69, group=drums, volume=db_to_gain(3)))  # +3 dB
    for start, end in ((0, 128), (160, 320)):
        kick.clips.append(
            AudioClip(
                "Kick Loop",
                start=start,
                end=end,
                loop=(0, 4),
                sample=kick_loop,
                fades=Fades.live_default(),
                warp_markers=((0.0, 0.0), (one_bar, 4.0)),
            )
        )
    kick.sends = [db_to_gain(-12)]  # A at -12 dB; B at the floor
    # A reverb tried on the snare and switched off, never deleted.
    snare = live_set.add(AudioTrack("Snare", color=69, group=drums, devices=[Reverb(on=False)]))
    snare.clips += [
        # Starts 2 beats into its sample with no fades at all: clicks at both edges.
        AudioClip(
            "Snare Hit", start=64, end=128, start_offset=2, sample=snare_hit, fades=Fades.none()
        ),
        AudioClip(
            "Snare Fill", start=124, end=128, sample=snare_fill, fades=Fades.explicit(0.01, 0.01)
        ),
    ]

    bass = live_set.add(MidiTrack("Bass", color=13, volume=0.5, devices=[Simpler()]))
    bassline = [
        Note(45, 0, 0.5, 110),
        Note(45, 1, 0.25, 90),
        Note(52, 2, 0.5, 100),
        Note(45, 4, 0.5, 110),
        Note(45, 6, 0.25, 90),
        Note(52, 8, 0.5, 100),
        Note(45, 10, 0.5, 110),
        Note(52, 12.04, 0.25, 95),  # played in late (19 ms) while the rest is quantized
    ]
    bass.clips.append(MidiClip("Bassline", start=0, end=256, loop=(0, 16), notes=bassline))
    bass.automation.append(Automation("Volume", [(32, 0.5), (48, 0.8)]))

    vital = Vst3Plugin(
        name="Vital", uid=(1447644268, 1097098573, 1347768436, 1716855857), instrument=True
    )
    lead = live_set.add(MidiTrack("Lead", color=26, devices=[vital], solo=True))  # left soloed
    lead.clips += [
        MidiClip(
            "Lead A",
            start=64,
            end=128,
            loop=(0, 8),
            notes=[Note(69, 0, 1), Note(72, 1, 1), Note(76, 2, 2), Note(74, 4, 2)],
        ),
        MidiClip(
            "Lead B",
            start=160,
            end=256,
            loop=(0, 8),
            notes=[Note(76, 0, 1), Note(74, 1, 1), Note(72, 2, 1), Note(69, 3, 3)],
        ),
        # An idea switched off and left in the arrangement.
        MidiClip(
            "Lead Old",
            start=256,
            end=288,
            loop=(0, 8),
            disabled=True,
            notes=[Note(69, 0, 2), Note(67, 2, 2), Note(64, 4, 4)],
        ),
    ]

    live_set.add(AudioTrack("Old Vocal", color=3))  # never used: no clips at all
    pad_track = live_set.add(AudioTrack("Pad", color=40, active=False))  # switched off
    pad_track.clips.append(
        AudioClip("Pad", start=0, end=64, sample=pad, fades=Fades.live_default())
    )
    live_set.add(GroupTrack("FX", color=55))  # a group with nothing in it

    live_set.add(ReturnTrack("Reverb", color=8, devices=[Reverb()]))
    live_set.add(ReturnTrack("Delay", color=10, devices=[Delay()]))  # no track sends to it

    live_set.main_volume = 1.0
    # A Utility raising the gain after the limiter: peaks pass the ceiling again.
    live_set.main_devices = [Limiter(), Utility(gain=db_to_gain(3))]
    return live_set


def build_clean() -> LiveSet:
    """A finished song on which no rule of any stage fires (see README.md).

    72 bars at 126 BPM (2:17) in D minor, marked by six locators. Four audio tracks play
    one-beat loops whose samples exist beside the set (`Samples/Imported/`); they enter and
    leave by section, so the song builds and drops and something starts or stops at least
    every 16 bars. The chords fade in over the intro (volume automation), hats and chords
    are panned apart and send to a reverb return, and a Limiter ends the main chain.
    """
    tempo = 126.0
    live_set = LiveSet(
        tempo=tempo,
        time_signature=(4, 4),
        scale=Scale.minor("D"),
        in_key=True,
        scene_count=2,
        locators=[
            Locator("Intro", 0),
            Locator("Verse", 32),
            Locator("Drop", 96),
            Locator("Break", 160),
            Locator("Drop 2", 192),
            Locator("Outro", 256),
        ],
    )
    frames = beat_frames(tempo)  # 10,500 frames: one beat at 22,050 Hz

    def loop_sample(name: str, audio: bytes) -> Sample:
        return Sample.wav(f"Samples/Imported/{name}.wav", audio, SYNTH_RATE, beats=1)

    kick_wav = loop_sample("Kick", synth_kick(frames))
    hats_wav = loop_sample("Hats", synth_hat(frames))
    bass_wav = loop_sample("Bass", synth_tone(frames, [73.42], level=0.8))  # D2
    chords_wav = loop_sample("Chords", synth_tone(frames, [293.66, 349.23, 440.0], level=0.7))  # Dm

    def play(track: AudioTrack, sample: Sample, *bars: tuple[int, int]) -> None:
        """One looped clip per (first bar, last bar), with Live's default edge fades."""
        for first, last in bars:
            track.clips.append(
                AudioClip(
                    track.name,
                    start=(first - 1) * 4,
                    end=last * 4,
                    loop=(0, 1),
                    sample=sample,
                    fades=Fades.live_default(),
                )
            )

    kick = live_set.add(AudioTrack("Kick", color=69))
    play(kick, kick_wav, (9, 24), (25, 40), (49, 64), (65, 72))
    hats = live_set.add(AudioTrack("Hats", color=69, pan=0.3))
    play(hats, hats_wav, (17, 24), (25, 40), (41, 48), (49, 64))
    bass = live_set.add(AudioTrack("Bass (bounced)", color=13, volume=db_to_gain(-3)))
    play(bass, bass_wav, (25, 40), (49, 64))
    chords = live_set.add(AudioTrack("Chords", color=26, pan=-0.3, volume=db_to_gain(-3)))
    play(chords, chords_wav, (1, 8), (9, 24), (25, 40), (41, 48), (49, 64), (65, 72))
    chords.automation.append(Automation("Volume", [(0, db_to_gain(-12)), (32, db_to_gain(-3))]))

    live_set.add(ReturnTrack("Reverb", color=8, devices=[Reverb()]))
    hats.sends = [db_to_gain(-20)]
    chords.sends = [db_to_gain(-12)]

    live_set.main_devices = [Limiter()]
    return live_set


SAMPLES = {"demo.als": build_demo, "clean.als": build_clean}


def build_all(out_dir: str | Path) -> dict[str, int]:
    """Write every sample set and the sample files they bring; {file: size in bytes}."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, build in SAMPLES.items():
        live_set = build()
        written[name] = live_set.write(out_dir / name)
        for sample in live_set.written_samples():
            target = out_dir / sample.relative_path
            target.parent.mkdir(parents=True, exist_ok=True)
            data = sample.wav_bytes()
            target.write_bytes(data)
            written[sample.relative_path] = len(data)
    return written


def main(argv: list[str]) -> int:
    out_dir = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent
    for name, size in build_all(out_dir).items():
        print(f"wrote {out_dir / name} ({size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
