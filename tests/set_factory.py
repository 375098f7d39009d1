"""Write small, real Live-set files (gzipped XML, as Live saves them) for end-to-end tests.

Only what `alslint.parser` reads is written: track names, the track switch (Speaker), sends,
devices, mixer automation (volume, pan), arrangement clips with their loop and fades, session
clips, tempo and time signature, key, locators and the main track's devices.

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

import gzip
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import quoteattr

HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n'
ROOT_ATTRS = 'MajorVersion="5" MinorVersion="12.0_12300" SchemaChangeCount="7" Creator="Ableton Live 12.3.5" Revision="x"'


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
    devices: list[str] = field(default_factory=list)  # native device element names
    sends: list[float] | None = None  # one level per return; None: every send at -inf
    group_id: int | None = None
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


# -- XML ----------------------------------------------------------------------------------------

_TAGS = {"audio": "AudioTrack", "midi": "MidiTrack", "return": "ReturnTrack", "group": "GroupTrack"}


def _b(value: bool) -> str:
    return "true" if value else "false"


def _param(tag: str, value, target_id: int = 0) -> str:
    return (
        f'<{tag}><LomId Value="0"/><Manual Value="{value}"/>'
        f'<AutomationTarget Id="{target_id}"><LockEnvelope Value="0"/></AutomationTarget></{tag}>'
    )


#: AutomationTarget ids of the mixer parameters set_factory can automate (only automated
#: parameters get one; every other target keeps Id 0).
_TARGET_IDS = {"Volume": 101, "Pan": 102}


def _mixer(
    on: bool,
    sends: list[float],
    tempo: float | None = None,
    signature: int | None = None,
    automated: frozenset[str] = frozenset(),
) -> str:
    holders = "".join(
        f'<TrackSendHolder Id="{i}">{_param("Send", level)}<EnabledByUser Value="true"/></TrackSendHolder>'
        for i, level in enumerate(sends)
    )
    extra = ""
    if tempo is not None:
        extra += _param("Tempo", tempo) + _param("TimeSignature", signature)

    def target(name: str) -> int:
        return _TARGET_IDS[name] if name in automated else 0

    return (
        "<Mixer>"
        f"<Sends>{holders}</Sends>{_param('Speaker', _b(on))}"
        f"{_param('Volume', 1, target('Volume'))}{_param('Pan', 0, target('Pan'))}"
        f'<SoloSink Value="false"/>{extra}'
        "</Mixer>"
    )


def _envelopes(automation: dict[str, list[tuple[float, float]]]) -> str:
    """Track envelopes (Live 10+): each points at its mixer parameter's AutomationTarget."""
    if not automation:
        return ""
    envelopes = ""
    for i, (parameter, points) in enumerate(automation.items()):
        if parameter not in _TARGET_IDS:
            raise ValueError(f"set_factory cannot automate {parameter!r}")
        events = [(-63072000, points[0][1]), *points]  # the default event first, as Live writes
        events_xml = "".join(
            f'<FloatEvent Id="{j}" Time="{time}" Value="{value}"/>'
            for j, (time, value) in enumerate(events)
        )
        envelopes += (
            f'<AutomationEnvelope Id="{i}"><EnvelopeTarget><PointeeId Value="{_TARGET_IDS[parameter]}"/>'
            f"</EnvelopeTarget><Automation><Events>{events_xml}</Events></Automation></AutomationEnvelope>"
        )
    return f"<AutomationEnvelopes><Envelopes>{envelopes}</Envelopes></AutomationEnvelopes>"


def _loop(looped: bool, length: float) -> str:
    return (
        f'<Loop><LoopStart Value="0"/><LoopEnd Value="{length}"/><StartRelative Value="0"/>'
        f'<LoopOn Value="{_b(looped)}"/><OutMarker Value="{length}"/></Loop>'
    )


def _audio_clip(clip: AudioClipSpec, clip_id: int) -> str:
    sample = ""
    if clip.sample_seconds is not None:
        sample = (
            '<SampleRef><FileRef><RelativePathType Value="3"/><RelativePath Value="Samples/x.wav"/>'
            '<Path Value="/x/Samples/x.wav"/></FileRef>'
            f'<DefaultDuration Value="{int(clip.sample_seconds * 44100)}"/>'
            '<DefaultSampleRate Value="44100"/></SampleRef>'
        )
    return (
        f'<AudioClip Id="{clip_id}" Time="{clip.start}">'
        f'<CurrentStart Value="{clip.start}"/><CurrentEnd Value="{clip.end}"/>'
        f"{_loop(clip.looped, clip.end - clip.start)}"
        f"<Name Value={quoteattr(clip.name)}/>"
        f'<Disabled Value="{_b(clip.disabled)}"/>'
        f"{sample}"
        '<IsWarped Value="true"/>'
        '<WarpMarkers><WarpMarker Id="0" SecTime="0" BeatTime="0"/>'
        '<WarpMarker Id="1" SecTime="0.5" BeatTime="1"/></WarpMarkers>'
        f'<Fade Value="{_b(clip.fade_switch)}"/>'
        f'<Fades><FadeInLength Value="{clip.fade_in}"/><FadeOutLength Value="{clip.fade_out}"/>'
        f'<IsDefaultFadeIn Value="{_b(clip.default_fades)}"/>'
        f'<IsDefaultFadeOut Value="{_b(clip.default_fades)}"/></Fades>'
        "</AudioClip>"
    )


def _midi_clip(clip: MidiClipSpec, clip_id: int) -> str:
    by_key: dict[int, list[tuple[float, float]]] = {}
    for pitch, time, duration in clip.notes:
        by_key.setdefault(pitch, []).append((time, duration))
    key_tracks = "".join(
        f'<KeyTrack Id="{i}"><Notes>'
        + "".join(
            f'<MidiNoteEvent Time="{t}" Duration="{d}" Velocity="100" NoteId="{i * 100 + j}"/>'
            for j, (t, d) in enumerate(events)
        )
        + f'</Notes><MidiKey Value="{pitch}"/></KeyTrack>'
        for i, (pitch, events) in enumerate(sorted(by_key.items()))
    )
    return (
        f'<MidiClip Id="{clip_id}" Time="{clip.start}">'
        f'<CurrentStart Value="{clip.start}"/><CurrentEnd Value="{clip.end}"/>'
        f"{_loop(clip.looped, clip.end - clip.start)}"
        f"<Name Value={quoteattr(clip.name)}/>"
        f'<Disabled Value="{_b(clip.disabled)}"/>'
        f"<Notes><KeyTracks>{key_tracks}</KeyTracks></Notes>"
        "</MidiClip>"
    )


def _track(track: TrackSpec, track_id: int, return_count: int) -> str:
    tag = _TAGS[track.kind]
    clip_ids = iter(range(1, 10_000))
    arrangement = "".join(
        _audio_clip(c, next(clip_ids))
        if isinstance(c, AudioClipSpec)
        else _midi_clip(c, next(clip_ids))
        for c in track.clips
    )
    slots = "".join(
        '<ClipSlot Id="{}"><ClipSlot><Value>{}</Value></ClipSlot></ClipSlot>'.format(
            i,
            _audio_clip(c, next(clip_ids))
            if isinstance(c, AudioClipSpec)
            else _midi_clip(c, next(clip_ids)),
        )
        for i, c in enumerate(track.session_clips)
    )
    container = "Sample" if track.kind == "audio" else "ClipTimeable"
    sequencer = ""
    if track.kind in ("audio", "midi"):
        sequencer = (
            f"<MainSequencer><ClipSlotList>{slots}</ClipSlotList>"
            f"<{container}><ArrangerAutomation><Events>{arrangement}</Events></ArrangerAutomation></{container}>"
            "</MainSequencer>"
        )
    sends = track.sends if track.sends is not None else [0.0003162277571] * return_count
    if track.kind == "return":
        sends = track.sends or []
    group = -1 if track.group_id is None else track.group_id
    return (
        f'<{tag} Id="{track_id}">'
        f"<Name><EffectiveName Value={quoteattr(track.name)}/><UserName Value={quoteattr(track.name)}/></Name>"
        f'<Color Value="1"/>{_envelopes(track.automation)}<TrackGroupId Value="{group}"/>'
        '<Freeze Value="false"/>'
        f"<DeviceChain>{_mixer(track.on, sends, automated=frozenset(track.automation))}{sequencer}"
        f"<DeviceChain>{_devices(track.devices)}</DeviceChain></DeviceChain>"
        f"</{tag}>"
    )


def _devices(devices: list[str], empty: str = "<Devices></Devices>") -> str:
    if not devices:
        return empty
    inner = "".join(
        f'<{d} Id="{i}">{_param("On", "true")}<UserName Value=""/></{d}>'
        for i, d in enumerate(devices)
    )
    return f"<Devices>{inner}</Devices>"


def set_xml(
    tracks=(),
    *,
    tempo: float = 120.0,
    signature: int = 201,
    scale: tuple[int, int] | None = None,
    locators: list[tuple[str, float]] = (),
    main_devices: list[str] = (),
) -> str:
    """The XML text of a Live 12 set holding `tracks` (`signature` in Live's code: 201 = 4/4).

    `scale` is (root 0–11, index into Live 12's scale list: 0 Major, 1 Minor) with Scale Mode
    on; None writes no key at all. `locators` are (name, beat); `main_devices` the native
    device element names on the main track (e.g. "Limiter").
    """
    tracks = list(tracks)
    return_count = sum(1 for t in tracks if t.kind == "return")
    body = "".join(_track(t, 10 + i, return_count) for i, t in enumerate(tracks))
    main = (
        "<MainTrack>"
        '<Name><EffectiveName Value="Main"/><UserName Value=""/></Name>'
        f"<DeviceChain>{_mixer(True, [], tempo=tempo, signature=signature)}"
        f"<DeviceChain>{_devices(list(main_devices), empty='<Devices/>')}</DeviceChain></DeviceChain>"
        "</MainTrack>"
    )
    key = ""
    if scale is not None:
        key = (
            f'<ScaleInformation><Root Value="{scale[0]}"/><Name Value="{scale[1]}"/></ScaleInformation>'
            '<InKey Value="true"/>'
        )
    markers = "".join(
        f'<Locator Id="{i}"><Time Value="{time}"/><Name Value={quoteattr(name)}/></Locator>'
        for i, (name, time) in enumerate(locators)
    )
    locators_xml = (
        f"<Locators><Locators>{markers}</Locators></Locators>"
        if markers
        else "<Locators><Locators/></Locators>"
    )
    return (
        f"{HEADER}<Ableton {ROOT_ATTRS}><LiveSet>"
        f"<Tracks>{body}</Tracks>{main}{key}{locators_xml}"
        '<Scenes><Scene Id="0"><Name Value=""/></Scene></Scenes>'
        "</LiveSet></Ableton>\n"
    )


def write_set(path: str | Path, tracks=(), *, gzipped: bool = True, **kwargs) -> Path:
    """Write a set file at `path` (creating its folders) and return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = set_xml(tracks, **kwargs).encode("utf-8")
    path.write_bytes(gzip.compress(data, mtime=0) if gzipped else data)
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
            midi_track("Keys", [midi_clip(16, 128, "Chords")], instrument="Operator"),
            audio_track("Bass", [audio_clip(16, 128, "Bass", looped=True)]),
            audio_track("Spare"),
        ],
        tempo=60.0,
        locators=[("Intro", 0.0)],
        **SONG,
    )
