"""Clips: the part audio and MIDI clips share (position, loop, launch settings), an audio
clip's sample and fades, a MIDI clip's notes, and the arrangement lane that holds them."""

from __future__ import annotations

from collections.abc import Iterable

from .model import AudioClip, Clip, MidiClip, Note
from .samples import sample_ref
from .writer import Writer
from .xml import E, Node, V


def _clip_head(w: Writer, clip: Clip, color: int, right_time: float) -> list[Node]:
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
    sample = clip.sample
    tempo = w.live_set.tempo
    beats = sample.beats if sample.beats is not None else round(sample.seconds * tempo / 60.0, 6)
    markers = clip.warp_markers or ((0.0, 0.0), (sample.seconds, beats))
    fades = clip.fades
    node = E("AudioClip", Id=index, Time=clip.start)
    color = clip.color if clip.color is not None else w.current_color
    node.add(*_clip_head(w, clip, color, clip.loop_fields()[1]))
    node.add(
        V("IsInKey", False),
        E("ScaleInformation", V("Root", w.live_set.scale.root), V("Name", w.live_set.scale.index)),
        sample_ref(sample),
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


def midi_clip(w: Writer, index: int, clip: MidiClip) -> Node:
    node = E("MidiClip", Id=index, Time=clip.start)
    color = clip.color if clip.color is not None else w.current_color
    node.add(*_clip_head(w, clip, color, clip.loop_fields()[1]))
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
        V("IsInKey", w.live_set.in_key),
        E("ScaleInformation", V("Root", w.live_set.scale.root), V("Name", w.live_set.scale.index)),
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
        grid("ExpressionGrid", snap=False),
    )
    return node


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
