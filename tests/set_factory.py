"""Write small, real Live-set files (gzipped XML, as Live saves them) for end-to-end tests.

The sets are described with livexml (`sample_projects/livexml`, the writer of the sample
sets) and written in its minimal form, only what alslint reads: track names, the track switch
(Speaker), sends, devices, mixer automation (volume, pan), arrangement clips with their loop
and fades, session clips, tempo and time signature, key, locators and the main track's devices.

    from set_factory import audio_clip, audio_track, write_set

    path = write_set(tmp_path / "song.als", [audio_track("Vox", [audio_clip(0, 16)])])

Defaults are chosen so that a track built with no arguments is "clean" for the built-in rules
as far as possible; each helper documents which rule a non-default argument triggers:

- ALS201 no-variation (arrangement): one clip, looped, longer than 16 bars
  (`audio_clip(0, 128, looped=True)`)
- ALS301 missing-fade (sound-design): a looped audio clip with Live's clip fade switched off
  (`audio_clip(..., looped=True, fade_switch=False)`)
- ALS302 unused-track (sound-design): a track with no clips (`audio_track("X")`)
- ALS303 unbounced-midi (sound-design): a MIDI track with an instrument and a clip
  (`midi_track("Keys", [midi_clip(0, 16)], instrument="Operator")`)

`write_set`'s own defaults (120 BPM, no key, no locators, an empty main track) are what the
composition, arrangement and mastering rules report; the ready-made sets at the end of this
module (`clean_set`, `one_warning_set`, `busy_set`) give those rules what they want.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from livexml import (
    AudioClip,
    AudioTrack,
    Automation,
    Fades,
    GroupTrack,
    LiveSet,
    Locator,
    MidiClip,
    MidiTrack,
    Note,
    ReturnTrack,
    Sample,
    Scale,
    minimal,
)
from livexml.devices import NamedDevice
from livexml.model import Track
from livexml.schema import time_signature_of_code
from livexml.xml import gzip_like_live


@dataclass
class AudioClipSpec:
    start: float
    end: float
    name: str = "Clip"
    looped: bool = False
    fade_switch: bool = True  # Live's clip "Fade" switch; off + no fade lengths → ALS301
    fade_in: float = 0.0
    fade_out: float = 0.0
    default_fades: bool = True
    disabled: bool = False
    sample_seconds: float | None = None  # length of the sample file; None: no SampleRef


@dataclass
class MidiClipSpec:
    start: float
    end: float
    name: str = "Clip"
    looped: bool = True
    disabled: bool = False
    notes: list[tuple[int, float, float]] = field(default_factory=lambda: [(60, 0.0, 1.0)])


@dataclass
class TrackSpec:
    kind: str  # "audio", "midi", "return", "group"
    name: str
    clips: list = field(default_factory=list)
    session_clips: list = field(default_factory=list)
    on: bool = True
    solo: bool = False  # ALS401 soloed-track
    devices: list[str] = field(default_factory=list)  # native device element names
    sends: list[float] | None = None  # one level per return; None: every send at -inf
    group_id: int | None = None  # the group track's number: 10 + its place in the list
    midi_to: int | None = None  # MIDI tracks: the number of the track their MIDI plays
    #: mixer automation: parameter ("Volume", "Pan") -> breakpoints [(beat, value), ...]
    automation: dict[str, list[tuple[float, float]]] = field(default_factory=dict)


def audio_clip(start: float, end: float, name: str = "Clip", **kwargs) -> AudioClipSpec:
    return AudioClipSpec(start, end, name, **kwargs)


def midi_clip(start: float, end: float, name: str = "Clip", **kwargs) -> MidiClipSpec:
    return MidiClipSpec(start, end, name, **kwargs)


def audio_track(name: str, clips=(), **kwargs) -> TrackSpec:
    return TrackSpec("audio", name, list(clips), **kwargs)


def midi_track(name: str, clips=(), *, instrument: str | None = None, **kwargs) -> TrackSpec:
    devices = kwargs.pop("devices", [])
    if instrument:
        devices = [instrument, *devices]
    return TrackSpec("midi", name, list(clips), devices=devices, **kwargs)


def return_track(name: str, **kwargs) -> TrackSpec:
    return TrackSpec("return", name, **kwargs)


def group_track(name: str, **kwargs) -> TrackSpec:
    return TrackSpec("group", name, **kwargs)


# -- writing: the specs become a livexml set, written in its minimal form ----------------------

_TRACKS = {"audio": AudioTrack, "midi": MidiTrack, "return": ReturnTrack, "group": GroupTrack}
#: set_factory numbers its tracks from 10 in list order; `group_id` names a group by that number.
_FIRST_TRACK_NUMBER = 10


def _clip(spec: AudioClipSpec | MidiClipSpec) -> AudioClip | MidiClip:
    loop = (0, spec.end - spec.start) if spec.looped else None
    if isinstance(spec, MidiClipSpec):
        notes = [Note(pitch, time, duration) for pitch, time, duration in spec.notes]
        return MidiClip(spec.name, spec.start, spec.end, loop, disabled=spec.disabled, notes=notes)
    sample = None
    if spec.sample_seconds is not None:
        sample = Sample("Samples/x.wav", spec.sample_seconds, project_dir="/x")
    fades = Fades(
        spec.fade_switch, spec.fade_in, spec.fade_out, spec.default_fades, spec.default_fades
    )
    return AudioClip(
        spec.name,
        spec.start,
        spec.end,
        loop,
        disabled=spec.disabled,
        sample=sample,
        fades=fades,
        warp_markers=((0, 0), (0.5, 1)),  # one beat in half a second: 120 BPM
    )


def _track(spec: TrackSpec) -> Track:
    track = _TRACKS[spec.kind](
        spec.name,
        color=1,
        active=spec.on,
        devices=[NamedDevice(tag=tag) for tag in spec.devices],
        automation=[Automation(name, points) for name, points in spec.automation.items()],
    )
    track.solo = spec.solo
    if spec.sends is not None:
        track.sends = list(spec.sends)
    if isinstance(track, (AudioTrack, MidiTrack)):
        track.clips = [_clip(c) for c in spec.clips]
        track.session_clips = [_clip(c) for c in spec.session_clips]
    return track


def _live_set(
    tracks=(),
    *,
    tempo: float = 120.0,
    signature: int = 201,
    scale: tuple[int, int] | None = None,
    locators: list[tuple[str, float]] = (),
    main_devices: list[str] = (),
) -> LiveSet:
    """The livexml set `set_xml` writes (see there for the arguments)."""
    specs = list(tracks)
    model = [_track(spec) for spec in specs]
    for spec, track in zip(specs, model):
        if spec.group_id is not None:
            track.group = model[spec.group_id - _FIRST_TRACK_NUMBER]
        if spec.midi_to is not None:
            track.midi_to = model[spec.midi_to - _FIRST_TRACK_NUMBER]
    return LiveSet(
        tempo=tempo,
        time_signature=time_signature_of_code(signature),
        scale=Scale(*scale) if scale is not None else Scale.major("C"),
        in_key=scale is not None,
        scene_count=max([1, *(len(spec.session_clips) for spec in specs)]),
        locators=[Locator(name, time) for name, time in locators],
        tracks=model,
        main_devices=[NamedDevice(tag=tag) for tag in main_devices],
    )


def set_xml(tracks=(), **kwargs) -> str:
    """The XML text of a Live 12 set holding `tracks`, in livexml's minimal form.

    Keyword arguments: `tempo` (default 120), `signature` in Live's code (201 = 4/4), `scale`
    as (root 0–11, index into Live 12's scale list: 0 Major, 1 Minor) with Scale Mode on
    (None, the default, writes no key at all), `locators` as (name, beat) and
    `main_devices`, the native device element names on the main track (e.g. "Limiter").
    """
    return minimal.to_xml(_live_set(tracks, **kwargs))


def write_set(path: str | Path, tracks=(), *, gzipped: bool = True, **kwargs) -> Path:
    """Write a set file at `path` (creating its folders) and return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = set_xml(tracks, **kwargs).encode("utf-8")
    path.write_bytes(gzip_like_live(data) if gzipped else data)
    return path


# -- ready-made sets ------------------------------------------------------------------------------
#
# The built-in rules look at the whole song, not only at the problems the four core rules
# (ALS201, ALS301, ALS302, ALS303) are about: a set only passes every stage when its tempo
# and key were chosen (ALS101, ALS102), its sections are marked (ALS202), it lasts two
# minutes (ALS207), parts enter and leave (ALS206), automation moves in a song of more than
# 32 bars (ALS205) and a limiter ends the master chain (ALS501). SONG holds what they want;
# with three sounding tracks or fewer, the mix rules that compare tracks (ALS403 stereo
# width, ALS404 send effects) have nothing to check.

#: What every ready-made set shares: a chosen key (A minor, Scale Mode on) and a Limiter last
#: on the main track.
SONG = {"scale": (9, 1), "main_devices": ["Limiter"]}


def clean_song_tracks() -> list[TrackSpec]:
    """A 48-bar song (192 beats) that builds and drops, for any tempo up to 96 BPM (2:00).

    "Vox" sings throughout (two unlooped clips with Live's default fades, a volume lift into
    the chorus); "Drums" (bars 17–48) and "Bass" (bars 25–40) are looped with hand-drawn
    fades, so `accept-default-fades = false` reports exactly the two Vox clips. Three tracks
    sound: 1 in bars 1–16, 2 in bars 17–24 and 41–48, 3 in bars 25–40.
    """
    hand_drawn = {"looped": True, "fade_in": 0.01, "fade_out": 0.01, "default_fades": False}
    return [
        audio_track(
            "Vox",
            [audio_clip(0, 96, "Verse"), audio_clip(96, 192, "Chorus")],
            automation={"Volume": [(0, 0.8), (92, 0.8), (96, 1.0)]},
        ),
        audio_track("Drums", [audio_clip(64, 192, "Beat", **hand_drawn)]),
        audio_track("Bass", [audio_clip(96, 160, "Bass", **hand_drawn)]),
    ]


CLEAN_LOCATORS = [("Verse", 0.0), ("Chorus", 96.0)]


def clean_set(path: str | Path, tempo: float = 90.0) -> Path:
    """A set no built-in rule reports at any stage: the clean song at 90 BPM (2:08)."""
    return write_set(path, clean_song_tracks(), tempo=tempo, locators=CLEAN_LOCATORS, **SONG)


def one_warning_set(path: str | Path) -> Path:
    """A set with exactly one finding at every stage: ALS302 on the empty track "Spare"."""
    return write_set(
        path,
        [*clean_song_tracks(), audio_track("Spare")],
        tempo=90.0,
        locators=CLEAN_LOCATORS,
        **SONG,
    )


def busy_set(path: str | Path) -> Path:
    """One finding from each of the four core rules, and none from any other built-in rule
    (at `--stage release`).

    ALS201 on bars 5–32 (after "Keys" and "Bass" enter at bar 5, no clip starts or stops),
    ALS301 on the loop (fade off), ALS302 on "Spare", ALS303 on "Keys". 60 BPM, so that the
    32 bars last 2:08; one track in bars 1–4 and three from bar 5 on, so the song builds.
    """
    return write_set(
        path,
        [
            audio_track("Loop", [audio_clip(0, 128, "Beat", looped=True, fade_switch=False)]),
            # The same chord in every bar: the clip's 28-bar loop holds no variation.
            midi_track(
                "Keys",
                [midi_clip(16, 128, "Chords", notes=[(60, 4.0 * bar, 1.0) for bar in range(28)])],
                instrument="Operator",
            ),
            audio_track("Bass", [audio_clip(16, 128, "Bass", looped=True)]),
            audio_track("Spare"),
        ],
        tempo=60.0,
        locators=[("Intro", 0.0)],
        **SONG,
    )
