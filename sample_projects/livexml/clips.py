"""Clips: the part audio and MIDI clips share (position, loop, launch settings), an audio
clip's sample and fades, a MIDI clip's notes, and the arrangement lane that holds them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .model import AudioClip, Clip, Fades, MidiClip, Note, Scale
from .samples import sample_ref
from .writer import Writer
from .xml import E, Node, V


def _clip_head(w: Writer, clip: Clip, right_time: float) -> list[Node]:
    return [
        V("LomId", 0),
        V("LomIdView", 0),
        V("CurrentStart", clip.start),
        V("CurrentEnd", clip.end),
        loop_element(clip),
        V("Name", clip.name),
        V("Annotation", ""),
        V("Color", w.current_color),  # a clip takes its track's colour
        V("LaunchMode", 0),
        V("LaunchQuantisation", 0),
        E(
            "TimeSignature",
            E(
                "TimeSignatures",
                E(
                    "RemoteableTimeSignature",
                    V("Numerator", w.live_set.time_signature[0]),
                    V("Denominator", w.live_set.time_signature[1]),
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
        follow_action(jump=1),
        grid("Grid", snap=True),
        V("FreezeStart", 0),
        V("FreezeEnd", 0),
        V("IsWarped", True),
        V("TakeId", 0),
    ]


def audio_clip(w: Writer, index: int, clip: AudioClip) -> Node:
    node = E("AudioClip", Id=index, Time=clip.start)
    node.add(*_clip_head(w, clip, clip.loop_fields()[1]))
    node.add(
        V("IsInKey", False),
        scale_information(w.live_set.scale),
        sample_ref(clip.sample),
        E("Onsets", E("UserOnsets"), V("HasUserOnsets", False)),
        V("WarpMode", 0),  # Beats
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
        V("Fade", clip.fades.enabled),
        fades_element(clip.fades),
        V("PitchCoarse", 0),
        V("PitchFine", 0),
        V("SampleVolume", 1),
        warp_markers_element(clip, w.live_set.tempo),
        E("SavedWarpMarkersForStretched"),
        V("MarkersGenerated", False),
        V("IsSongTempoLeader", False),
    )
    return node


def midi_clip(w: Writer, index: int, clip: MidiClip) -> Node:
    node = E("MidiClip", Id=index, Time=clip.start)
    node.add(*_clip_head(w, clip, clip.loop_fields()[1]))
    node.add(
        V("IsInKey", w.live_set.in_key),
        scale_information(w.live_set.scale),
        E(
            "Notes",
            key_tracks_element(clip.notes),
            E("PerNoteEventStore", E("EventLists")),
            E("NoteProbabilityGroups"),
            E("ProbabilityGroupIdGenerator", V("NextId", 1)),
            E("NoteIdGenerator", V("NextId", len(clip.notes) + 1)),
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
        grid("ExpressionGrid", snap=False),
    )
    return node


def clip_element(w: Writer, index: int, clip: Clip) -> Node:
    return audio_clip(w, index, clip) if isinstance(clip, AudioClip) else midi_clip(w, index, clip)


def loop_element(clip: Clip) -> Node:
    loop_start, loop_end, loop_on = clip.loop_fields()
    return E(
        "Loop",
        V("LoopStart", loop_start),
        V("LoopEnd", loop_end),
        V("StartRelative", 0),
        V("LoopOn", loop_on),
        V("OutMarker", loop_end),
        V("HiddenLoopStart", loop_start),
        V("HiddenLoopEnd", loop_end),
    )


def fades_element(fades: Fades) -> Node:
    return E(
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
    )


def warp_markers_element(clip: AudioClip, tempo: float) -> Node:
    """The clip's warp markers; by default its whole sample, as long as it lasts in beats."""
    markers = clip.warp_markers
    if not markers and clip.sample is not None:
        sample = clip.sample
        beats = sample.beats if sample.beats is not None else round(sample.seconds * tempo / 60, 6)
        markers = ((0.0, 0.0), (sample.seconds, beats))
    return E(
        "WarpMarkers",
        *(
            E("WarpMarker", Id=i, SecTime=sec, BeatTime=beat)
            for i, (sec, beat) in enumerate(markers)
        ),
    )


def key_tracks_element(notes: Sequence[Note]) -> Node:
    # Notes are grouped by pitch (one KeyTrack per key, lowest first), in time order;
    # note ids count from 1 in time order. Live 12.2+ omits attributes at their
    # default (VelocityDeviation 0, Probability 1, IsEnabled true).
    in_time_order = sorted(notes, key=lambda n: (n.time, n.pitch))
    note_ids = {id(n): i + 1 for i, n in enumerate(in_time_order)}
    by_pitch: dict[int, list[Note]] = {}
    for note in in_time_order:
        by_pitch.setdefault(note.pitch, []).append(note)
    return E(
        "KeyTracks",
        *(
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
        ),
    )


def scale_information(scale: Scale) -> Node:
    return E("ScaleInformation", V("Root", scale.root), V("Name", scale.index))


def arranger_automation(clip_nodes: Iterable[Node]) -> Node:
    return E(
        "ArrangerAutomation",
        E("Events", *clip_nodes),
        E(
            "AutomationTransformViewState",
            V("IsTransformPending", False),
            E("TimeAndValueTransforms"),
        ),
    )


def grid(tag: str, snap: bool) -> Node:
    return E(
        tag,
        V("FixedNumerator", 1),
        V("FixedDenominator", 16),
        V("GridIntervalPixel", 20),
        V("Ntoles", 2),
        V("SnapToGrid", snap),
        V("Fixed", False),
    )


def follow_action(jump: int) -> Node:
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
