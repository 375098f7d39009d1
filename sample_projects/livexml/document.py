"""The set as a whole: the `Ableton` root and `LiveSet` element (tracks, scenes, transport,
view state, locators), and writing it to a `.als` file."""

from __future__ import annotations

from pathlib import Path

from .clips import follow_action, grid, scale_information
from .model import LiveSet, Locator
from .schema import (
    CREATOR,
    MAJOR_VERSION,
    MINOR_VERSION,
    OVERWRITE_PROTECTION,
    REVISION,
    SCHEMA_CHANGE_COUNT,
    time_signature_code,
)
from .tracks import main_track, prehear_track, track_element
from .writer import Writer
from .xml import E, Node, V, gzip_like_live, serialize


def to_xml(live_set: LiveSet) -> str:
    """The set's XML text, laid out as Live writes it."""
    return serialize(render(live_set))


def to_als(live_set: LiveSet) -> bytes:
    """The set's `.als` file: its XML, gzipped as Live does."""
    return gzip_like_live(to_xml(live_set).encode("utf-8"))


def write(live_set: LiveSet, path: str | Path) -> int:
    """Write the set's `.als` file at `path`; its size in bytes."""
    data = to_als(live_set)
    Path(path).write_bytes(data)
    return len(data)


def render(s: LiveSet) -> Node:
    """The `Ableton` root element of the set `s`."""
    w = Writer(s)
    tracks = E("Tracks", *(track_element(w, t) for t in s.tracks))
    main = main_track(w)
    prehear = prehear_track(w)
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
        E("Scenes", *(scene(s, i) for i in range(s.scene_count))),
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
        grid("Grid", snap=True),
        scale_information(s.scale),
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
            E("Locators", *(locator(i, loc) for i, loc in enumerate(s.locators))),
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
    live_set.children[0] = V("NextPointeeId", w.next_id)
    return root(live_set)


def root(live_set: Node) -> Node:
    """The `Ableton` element around a `LiveSet`: the schema version and the creator."""
    return E(
        "Ableton",
        live_set,
        MajorVersion=MAJOR_VERSION,
        MinorVersion=MINOR_VERSION,
        SchemaChangeCount=SCHEMA_CHANGE_COUNT,
        Creator=CREATOR,
        Revision=REVISION,
    )


def scene(s: LiveSet, index: int) -> Node:
    return E(
        "Scene",
        follow_action(jump=0),
        V("Name", ""),
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


def _lane_model(lane_id: int, lane_type: int, minimized: bool) -> Node:
    return E(
        "MidiEditorLaneModel",
        V("Type", lane_type),
        V("Size", 41),
        V("IsMinimized", minimized),
        Id=lane_id,
    )
