"""Clips: arrangement, session and take-lane clips, their loops, fades, warp markers, notes
and sample references (cut out before parsing, see `slim`)."""

from __future__ import annotations

from ..model import Clip, Fades, Loop, Notes, SampleRef, Track, WarpMarker
from .notes import decode_notes
from .slim import CutBlocks
from .values import beats, bounded, finite, integer, leaf_values, value

_SAMPLE_REF_CHILDREN = ("FileRef", "DefaultDuration", "DefaultSampleRate")
_FILE_REF_CHILDREN = (
    "Path",
    "RelativePath",
    "Name",
    "HasRelativePath",
    "RelativePathType",
    "LivePackName",
    "SearchHint",
    "OriginalFileSize",
    "OriginalCrc",
)
#: The children of a clip element that the model reads (by tag; Live 8–12).
_CLIP_CHILDREN = (
    "CurrentStart",
    "CurrentEnd",
    "Loop",
    "Name",
    "Disabled",
    "Color",
    "ColorIndex",
    "IsWarped",
    "Fade",
    "Fades",
    "SampleRef",
    "WarpMarkers",
    "Notes",
    "Envelopes",
)


#: The elements of a clip; anything else in a clip list is not read as a clip.
CLIP_TAGS = ("AudioClip", "MidiClip")


def arrangement_clip_elements(sequencer):
    """A track's arrangement clip elements (its main sequencer's), in the model's order."""
    for container in ("Sample", "ClipTimeable"):
        yield from sequencer.iterfind(f"{container}/ArrangerAutomation/Events/*")


def session_clip_elements(sequencer):
    """(scene index, clip element) of a track's session slots."""
    for scene_index, slot in enumerate(sequencer.iterfind("ClipSlotList/ClipSlot")):
        for clip_el in slot.iterfind("ClipSlot/Value/*"):
            yield scene_index, clip_el


def take_lane_clip_elements(track_el):
    """(lane index, clip element) of a track's take lanes (Live 11+)."""
    for lane_index, lane in enumerate(track_el.iterfind("TakeLanes/TakeLanes/TakeLane")):
        for clip_el in lane.iterfind("ClipAutomation/Events/*"):
            yield lane_index, clip_el


class ClipReader:
    """Reads a set's clips; clips playing the same file share one `SampleRef`, read once."""

    def __init__(self, blocks: CutBlocks, path: str, guard):
        self.blocks = blocks
        self.path = path
        self._guard = guard
        self.sample_refs: dict[bytes, SampleRef | None] = {}

    def read_clips(self, track: Track, sequencer) -> None:
        """The track's arrangement and session clips, from its main sequencer."""
        if sequencer is None:
            return
        for clip_el in arrangement_clip_elements(sequencer):
            what = f'an arrangement clip on track "{track.name}"'
            self._add(track.arrangement_clips, what, lambda: self._clip(clip_el))
        for scene_index, clip_el in session_clip_elements(sequencer):
            what = f'the session clip in slot {scene_index + 1} of track "{track.name}"'
            self._add(
                track.session_clips, what, lambda: self._clip(clip_el, scene_index=scene_index)
            )

    def read_take_lanes(self, track: Track, el) -> None:
        """The clips of the track's take lanes (Live 12)."""
        for lane_index, clip_el in take_lane_clip_elements(el):
            what = f'a take-lane clip on track "{track.name}"'
            self._add(
                track.take_lane_clips, what, lambda: self._clip(clip_el, take_lane=lane_index)
            )

    def _add(self, clips: list[Clip], what: str, build) -> None:
        """Read one clip (`build`) into `clips`; a damaged one is noted and skipped."""
        clip = self._guard(what, build)
        if clip is not None:
            clips.append(clip)

    def _clip(self, el, scene_index: int | None = None, take_lane: int | None = None):
        if el.tag not in CLIP_TAGS:
            return None
        el = self.blocks.clip(el, self.path)  # cut out before parsing (see `slim`)
        kind = "audio" if el.tag == "AudioClip" else "midi"
        # One pass over the ~12 of its ~40 children that the model reads.
        children = {child.tag: child for child in el.iterchildren(*_CLIP_CHILDREN)}
        values = {tag: child.get("Value") for tag, child in children.items()}
        loop_values = leaf_values(children.get("Loop"))
        loop = Loop(
            on=loop_values.get("LoopOn") == "true",
            start=beats(loop_values.get("LoopStart", "0")),
            end=beats(loop_values.get("LoopEnd", "0")),
            start_relative=beats(loop_values.get("StartRelative", "0")),
            out_marker=beats(loop_values["OutMarker"]) if "OutMarker" in loop_values else None,
        )
        start = beats(values.get("CurrentStart") or el.get("Time", "0"))
        end = beats(values["CurrentEnd"]) if values.get("CurrentEnd") else start
        if scene_index is not None:
            start, end = 0.0, end - start
        color = values.get("Color", values.get("ColorIndex"))
        clip = Clip(
            kind=kind,
            name=values.get("Name") or "",
            start=start,
            end=end,
            loop=loop,
            disabled=values.get("Disabled") == "true",
            color=integer(color, what="colour") if color is not None else None,
            warped=None if "IsWarped" not in values else values["IsWarped"] == "true",
            scene_index=scene_index,
            take_lane=take_lane,
        )
        envelopes = children.get("Envelopes")  # clip envelopes: <Envelopes><Envelopes>…
        clip.has_envelopes = envelopes is not None and any(len(e) for e in envelopes)
        if kind == "audio":
            clip.fades = _fades(children.get("Fades"), values.get("Fade"))
            clip.sample = self.sample_ref(children.get("SampleRef"))
            clip.warp_markers = _warp_markers(children.get("WarpMarkers"))
        else:
            notes = children.get("Notes")
            clip.notes = self._notes(notes.find("KeyTracks") if notes is not None else None)
        return clip

    def sample_ref(self, sample_ref) -> SampleRef | None:
        """A `<SampleRef>` element's reference, read once per distinct content (see `slim`)."""
        content = None if sample_ref is None else self.blocks.sample_content(sample_ref)
        if content is None:
            return _sample_ref(sample_ref)
        return self.shared_sample_ref(content)

    def shared_sample_ref(self, content: bytes) -> SampleRef | None:
        """The reference whose `<SampleRef>` holds `content`, read once per distinct content."""
        if content not in self.sample_refs:
            element = self.blocks.parse(b"<SampleRef>" + content + b"</SampleRef>", self.path)
            self.sample_refs[content] = _sample_ref(element)
        return self.sample_refs[content]

    def _notes(self, key_tracks) -> Notes:
        span = self.blocks.notes_span(key_tracks)
        if span is None:
            return Notes()
        return decode_notes(self.blocks.data, *span)


def _fades(fades, fade_switch: str | None) -> Fades | None:
    if fades is None:
        return None
    values = leaf_values(fades)
    return Fades(
        enabled=fade_switch != "false",
        fade_in=beats(values.get("FadeInLength", "0")),
        fade_out=beats(values.get("FadeOutLength", "0")),
        default_fade_in=values.get("IsDefaultFadeIn") == "true",
        default_fade_out=values.get("IsDefaultFadeOut") == "true",
        crossfade_in=values.get("CrossfadeInState", "0") != "0",
    )


def _warp_markers(warp_markers) -> list[WarpMarker]:
    if warp_markers is None:
        return []
    pairs = [(marker.get("SecTime"), marker.get("BeatTime")) for marker in warp_markers]
    # Seconds and beats alike: within what a real arrangement can hold (see `beats`).
    return [WarpMarker(beats(seconds), beats(beat)) for seconds, beat in pairs]


def _sample_ref(sample_ref) -> SampleRef | None:
    if sample_ref is None:
        return None
    own = {child.tag: child for child in sample_ref.iterchildren(*_SAMPLE_REF_CHILDREN)}
    file_ref = own.get("FileRef")
    if file_ref is None:
        return None
    # One pass over the ~10 children of the file reference, as for clips.
    fields = {child.tag: child for child in file_ref.iterchildren(*_FILE_REF_CHILDREN)}
    values = {tag: child.get("Value") for tag, child in fields.items()}
    duration, rate = value(own.get("DefaultDuration")), value(own.get("DefaultSampleRate"))
    common = dict(
        live_pack_name=values.get("LivePackName") or None,
        relative_path_type=integer(values.get("RelativePathType") or "0", 0, 99, "path type"),
        duration_samples=integer(duration, 0, 2**62, "duration") if duration is not None else None,
        sample_rate=bounded(finite(rate), 1.0, 1e7, "sample rate") if rate is not None else None,
    )
    path = values.get("Path")
    if path is not None:  # Live 11+: plain strings
        relative = values.get("RelativePath") or None
        return SampleRef(
            name=path.replace("\\", "/").rsplit("/", 1)[-1],
            path=path,
            relative_path=relative,
            file_size=_stored_number(values.get("OriginalFileSize")),
            crc=_stored_number(values.get("OriginalCrc")),
            **common,
        )
    # Live 8–10: path elements; an empty Dir means "one level up".
    name = values.get("Name") or ""
    relative_dirs = _path_dirs(fields.get("RelativePath"))
    relative = None
    if (values.get("HasRelativePath") or "true") == "true" and (relative_dirs or name):
        relative = "/".join([d if d else ".." for d in relative_dirs] + [name])
    search_hint = fields.get("SearchHint")
    hint_dirs = _path_dirs(search_hint.find("PathHint") if search_hint is not None else None)
    absolute = "/" + "/".join(hint_dirs + [name]) if hint_dirs else None
    hints = leaf_values(search_hint)
    return SampleRef(
        name=name,
        path=absolute,
        relative_path=relative,
        file_size=_stored_number(hints.get("FileSize")),
        crc=_stored_number(hints.get("Crc")),
        **common,
    )


def _stored_number(text: str | None) -> int | None:
    """A stored size or checksum; None when absent or 0 (Live writes 0 for "not stored")."""
    try:
        return int(text or "0") or None
    except ValueError:  # a damaged hint only loses the match by size
        return None


def _path_dirs(path_el) -> list[str]:
    """The folder names of a Live 8–10 path element (`RelativePath`, `PathHint`)."""
    if path_el is None:
        return []
    return [element.get("Dir", "") for element in path_el.iterchildren("RelativePathElement")]
