"""Sets synthesised from a real one at run time, for the growth and hostile benchmarks and the
tests of linear costs: many tracks, deeply nested groups, many locators or automation points.

Every builder takes a real set's XML and returns new XML bytes; nothing of the corpus is kept.
"""

from __future__ import annotations

import copy
import gzip
import re
from pathlib import Path

from lxml import etree

_TRACK_TAGS = ("AudioTrack", "MidiTrack")


def small_base(corpus: Path) -> bytes:
    """The XML of the smallest corpus set that holds an audio or MIDI track."""
    for path in sorted(corpus.glob("*.als"), key=lambda p: p.stat().st_size):
        xml = gzip.decompress(path.read_bytes())
        if b"<AudioTrack " in xml or b"<MidiTrack " in xml:
            return xml
    raise SystemExit(f"no set with an audio or MIDI track in {corpus}")


def _tree(xml: bytes) -> etree._Element:
    return etree.fromstring(xml, etree.XMLParser(huge_tree=True, remove_blank_text=True))


def _next_id(tracks: etree._Element) -> int:
    return 1 + max((int(t.get("Id", "0")) for t in tracks), default=0)


def _smallest_track(tracks: etree._Element) -> etree._Element:
    candidates = [t for t in tracks if t.tag in _TRACK_TAGS]
    return min(candidates, key=lambda t: len(etree.tostring(t)))


def _bare(track: etree._Element) -> etree._Element:
    """A copy of `track` without devices, clips or automation: a cheap track to repeat."""
    bare = copy.deepcopy(track)
    for path in (
        ".//Devices",
        ".//ClipSlotList",
        ".//ArrangerAutomation/Events",
        "AutomationEnvelopes/Envelopes",
    ):
        for holder in bare.iterfind(path):
            for child in list(holder):
                holder.remove(child)
    return bare


def _set_group(track: etree._Element, group_id: int) -> None:
    el = track.find("TrackGroupId")
    if el is not None:
        el.set("Value", str(group_id))


def many_tracks(xml: bytes, count: int) -> bytes:
    """The set with its smallest audio or MIDI track copied until it holds `count` more tracks."""
    root = _tree(xml)
    tracks = root.find("LiveSet/Tracks")
    model = _bare(_smallest_track(tracks))
    first_id = _next_id(tracks)
    for i in range(count):
        track = copy.deepcopy(model)
        track.set("Id", str(first_id + i))
        _set_group(track, -1)
        tracks.insert(0, track)
    return etree.tostring(root)


def nested_groups(xml: bytes, depth: int) -> bytes:
    """The set with `depth` group tracks, each inside the one before, and its first audio or
    MIDI track inside the innermost."""
    root = _tree(xml)
    tracks = root.find("LiveSet/Tracks")
    model = _smallest_track(tracks)
    group = etree.Element("GroupTrack")
    for child in _bare(model):
        if child.tag in ("Name", "Color", "TrackGroupId", "DeviceChain"):
            group.append(copy.deepcopy(child))
    sequencer = group.find("DeviceChain/MainSequencer")
    if sequencer is not None:
        sequencer.getparent().remove(sequencer)
    first_id = _next_id(tracks)
    parent = -1
    for i in range(depth):
        el = copy.deepcopy(group)
        el.set("Id", str(first_id + i))
        _set_group(el, parent)
        parent = first_id + i
        tracks.insert(i, el)
    _set_group(model, parent)
    tracks.remove(model)
    tracks.insert(depth, model)
    return etree.tostring(root)


def many_points(xml: bytes, count: int) -> bytes:
    """The set with `count` more breakpoints in its first automation envelope (written as
    text: millions of lxml elements would cost the benchmark itself gigabytes)."""
    start = xml.index(b"<Events>") + len(b"<Events>")
    points = b"".join(
        b'<FloatEvent Id="%d" Time="%d" Value="0.5" />' % (i, i) for i in range(count)
    )
    return xml[:start] + points + xml[start:]


def many_locators(xml: bytes, count: int) -> bytes:
    """The set with `count` more locators (written as text, as `many_points`)."""
    match = re.search(rb"<Locators>\s*<Locators>", xml)
    start = match.end()
    locators = b"".join(
        b'<Locator Id="%d"><Time Value="%d" /><Name Value="L%d" /></Locator>' % (i, i * 4, i)
        for i in range(count)
    )
    return xml[:start] + locators + xml[start:]


def with_value(xml: bytes, parameter: str, value: str) -> bytes:
    """The set with the first `parameter` (e.g. "TimeSignature", "Tempo", "Pan") set to
    `value`: its static value and every event of its own automation."""
    root = _tree(xml)
    param = next(root.iter(parameter))
    for el in param.iter("Manual"):
        el.set("Value", value)
    for event in param.iterfind("ArrangerAutomation/Events/*"):
        event.set("Value", value)
    return etree.tostring(root)


def group_cycle(xml: bytes) -> bytes:
    """Two group tracks that name each other as parent."""
    root = _tree(nested_groups(xml, 2))
    first, second = root.find("LiveSet/Tracks")[:2]
    _set_group(first, int(second.get("Id")))
    return etree.tostring(root)
