"""Finding the element an `Edit` addresses in a set's full XML tree, the way the model counts
tracks and clips (see `build` and `clips`), for the writer of fixes."""

from __future__ import annotations

from lxml import etree

from ..findings import Edit
from .build import TRACK_TYPES, master_track_element, outer_chain
from .clips import (
    CLIP_TAGS,
    arrangement_clip_elements,
    session_clip_elements,
    take_lane_clip_elements,
)


class NotFound(LookupError):
    """The set holds no element where an edit points (its reason is the message)."""


def track_element(root: etree._Element, index: int) -> etree._Element:
    """The element of the track at model position `index` (the master after the others)."""
    live_set = root.find("LiveSet")
    tracks = live_set.find("Tracks") if live_set is not None else None
    track_els = [] if tracks is None else [el for el in tracks if el.tag in TRACK_TYPES]
    if 0 <= index < len(track_els):
        return track_els[index]
    if index == len(track_els) and live_set is not None:
        master = master_track_element(live_set)
        if master is not None:
            return master
    raise NotFound(f"no track {index + 1}")


def clip_element(track_el: etree._Element, kind: str, position: int) -> etree._Element:
    """The `position`-th clip of one of a track's clip lists."""
    if kind == "take_lane":
        elements = [el for _, el in take_lane_clip_elements(track_el)]
    else:
        sequencer = outer_chain(track_el).find("MainSequencer")
        if sequencer is None:
            raise NotFound("the track has no clips")
        if kind == "arrangement":
            elements = list(arrangement_clip_elements(sequencer))
        else:
            elements = [el for _, el in session_clip_elements(sequencer)]
    clips = [el for el in elements if el.tag in CLIP_TAGS]
    if not 0 <= position < len(clips):
        raise NotFound(f"no {kind.replace('_', '-')} clip {position + 1}")
    return clips[position]


def edited_element(root: etree._Element, edit: Edit) -> etree._Element:
    """The element whose `Value` the edit changes; NotFound when there is none, or several."""
    base = track_element(root, edit.track)
    steps = edit.path.split("/")
    if edit.clip is not None:
        base = clip_element(base, *edit.clip)
    elif steps[0] == "DeviceChain":  # the Live 8 master's outer chain is `MasterChain`
        base, steps = outer_chain(base), steps[1:]
    found = base.findall("/".join(steps)) if steps else [base]
    if len(found) != 1:
        raise NotFound(f"{len(found)} elements at {edit.path}, not one")
    return found[0]
