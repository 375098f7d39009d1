"""What a set contains, as plain data: tracks, clips, notes, automation, locators, devices.

A song is described with these classes and written by `livexml.document`; nothing here
knows any XML.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .samples import Sample
from .schema import NOTE_NAMES, SCALE_NAMES

if TYPE_CHECKING:
    from .writer import Writer
    from .xml import Node


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
    """Base of the devices livexml can write (see `livexml.devices`)."""

    tag = ""  # the device's element name
    on = True  # the device switch
    user_name = ""

    def render(self, w: Writer, index: int) -> Node:
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
    clips: list[AudioClip] = field(default_factory=list)  # arrangement
    session_clips: list[AudioClip] = field(default_factory=list)  # one per scene, first on
    kind = "AudioTrack"


@dataclass
class MidiTrack(Track):
    clips: list[MidiClip] = field(default_factory=list)  # arrangement
    session_clips: list[MidiClip] = field(default_factory=list)  # one per scene, first on
    #: The track its MIDI output plays (`MidiOut/Track.<Id>/TrackIn`), e.g. a Drum Rack
    #: "player" track; None: no MIDI output (Live's default).
    midi_to: Track | None = None
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
        """The samples with audio (files to write beside the set), each once, in track order."""
        found: dict[str, Sample] = {}
        for track in self.tracks:
            for clip in getattr(track, "clips", ()):
                sample = getattr(clip, "sample", None)
                if sample is not None and sample.audio is not None:
                    found.setdefault(sample.relative_path, sample)
        return list(found.values())
