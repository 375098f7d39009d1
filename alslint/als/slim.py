"""Slimming a set's XML before it is parsed, and the placeholder protocol that reads the cut
parts back.

`slim` drops what the model never reads and cuts note blocks, sample references, Sampler and
Simpler sample maps and clips out of the XML, leaving `<KeyTracks Block="n" />`,
`<SampleRef Block="n" />`, `<MultiSampleMap Block="n" />` and `<AudioClip Block="n" />`
placeholders; `CutBlocks` holds what was cut and is the only code that reads a placeholder
back (`clip`, `sample_content`, `zones`, `notes_span`).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from lxml import etree

from ..errors import SetReadError
from .container import DEFAULT_MAX_XML_BYTES, parse_bytes, parse_xml, read_bytes, xml_reason

#: Parts of a set the model never reads, cut before parsing: audio onset analysis (one real
#: set holds 145k such elements) and the clips that freezing a track records (an eighth of the
#: elements of a large Live 9 set; the files they play are Live's, not the producer's).
_DROPPED = (b"Onsets", b"FreezeSequencer")
#: Simpler's and Sampler's sample zones (more than half of one set): only each zone's name
#: and sample reference are read, from the raw bytes.
_ZONES = b"MultiSampleMap"
_ZONE_PART = re.compile(rb"<MultiSamplePart[ >]")
_ZONE_NAME = re.compile(rb'<Name Value="([^"]*)"')
#: MIDI notes are cut out before parsing and decoded from the raw bytes (see `notes.py`):
#: 338k notes as XML elements cost more than parsing all the rest of a set.
_NOTES = b"KeyTracks"
#: Sample references are cut out as raw bytes too: most clips play a file other clips play,
#: and the parser reads each distinct reference once (2,299 clips, 303 files in one set).
_SAMPLE = b"SampleRef"
#: A track's session slots, one per scene: cut when none holds a clip. Empty slots are a
#: quarter of the elements of a 137-track set.
_SLOTS = b"ClipSlotList"
_CLIP_OPENING = re.compile(rb"<(AudioClip|MidiClip)[ >]")
#: The opening tag of anything cut: one regex scan finds them all, as fast as one `find`.
_CUT = re.compile(rb"<(" + b"|".join((*_DROPPED, _ZONES, _NOTES, _SAMPLE, _SLOTS)) + rb")>")
_DECLARED_ENCODING = re.compile(
    rb"""(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding=["']([A-Za-z0-9._-]+)["']"""
)


class CutBlocks:
    """What `slim` cut out of a set's XML to be read separately: where the contents of each
    `<KeyTracks>` and `<SampleRef>` lie in the set's bytes (no copies), each sample map's
    zones, and each clip's XML."""

    def __init__(self, data: bytes):
        self.data = data
        self.note_spans: list[tuple[int, int]] = []
        self.sample_spans: list[tuple[int, int]] = []
        #: Per cut `<MultiSampleMap>`: (zone name as stored, its `<SampleRef>`'s content span).
        self.zone_maps: list[list[tuple[bytes, tuple[int, int]]]] = []
        self.clips: list[bytes] = []
        # Fragments parse as UTF-8, which Live writes; a set declaring another encoding has
        # its declaration repeated in front of each.
        declared = _DECLARED_ENCODING.match(data)
        encoding = declared.group(1).upper() if declared else b"UTF-8"
        utf8 = encoding in (b"UTF-8", b"UTF8")
        self.prolog = b"" if utf8 else b'<?xml version="1.0" encoding="%s"?>' % encoding

    def parse(self, fragment: bytes, name: str) -> etree._Element:
        """The element of a cut-out `fragment`, parsed on its own (`name`: the set, for errors)."""
        try:
            return parse_bytes(self.prolog + fragment if self.prolog else fragment)
        except etree.XMLSyntaxError as exc:
            parse_xml(name, self.data)  # names the problem where it is in the file itself
            raise SetReadError(name, f"not well-formed XML ({xml_reason(exc)})") from None

    # -- reading the placeholders back: `<Tag Block="n" />` -----------------------------------

    def clip(self, element: etree._Element, name: str) -> etree._Element:
        """A clip element itself: parsed from its cut-out XML when `element` stands for it."""
        block = element.get("Block")
        return element if block is None else self.parse(self.clips[int(block)], name)

    def sample_content(self, element: etree._Element) -> bytes | None:
        """The XML inside a cut-out `<SampleRef>` (the key of the shared reference), or None
        when the reference was not cut out."""
        block = element.get("Block")
        if block is None:
            return None
        start, end = self.sample_spans[int(block)]
        return bytes(self.data[start:end])

    def zones(self, element: etree._Element | None) -> list[tuple[bytes, bytes]]:
        """(zone name as stored, escaped; the XML inside its `<SampleRef>`) of each zone of a
        cut-out `<MultiSampleMap>`, in the map's order; empty when nothing was cut."""
        if element is None or element.get("Block") is None:
            return []
        return [
            (name, bytes(self.data[start:end]))
            for name, (start, end) in self.zone_maps[int(element.get("Block"))]
        ]

    def notes_span(self, element: etree._Element | None) -> tuple[int, int] | None:
        """Where a cut-out `<KeyTracks>`' content lies in `data`, or None when nothing was cut."""
        if element is None or element.get("Block") is None:
            return None
        return self.note_spans[int(element.get("Block"))]


def slim(data: bytes) -> tuple[bytes, CutBlocks]:
    """The XML to parse, without the `_DROPPED` parts and clip-less slot lists, and with every
    note block, sample reference, sample map and clip replaced by a reference into the
    returned `CutBlocks`: `<KeyTracks Block="n" />`, `<SampleRef Block="n" />`,
    `<MultiSampleMap Block="n" />`, `<AudioClip Block="n" />`.

    Works on raw bytes, in two passes (the parts, then the clips), at a fraction of the cost
    of parsing. An element left unclosed is kept as it is, for the parser to report.
    """
    blocks = CutBlocks(data)
    pieces, position = [], 0
    opening = _CUT.search(data)
    while opening:
        tag = opening.group(1)
        end = data.find(b"</" + tag + b">", opening.end())
        if end < 0:
            break
        if tag == _SLOTS and _CLIP_OPENING.search(data, opening.end(), end):
            opening = _CUT.search(data, opening.end())  # kept: look inside its clips
            continue
        pieces.append(data[position : opening.start()])
        if tag in (_NOTES, _SAMPLE):
            spans = blocks.note_spans if tag == _NOTES else blocks.sample_spans
            spans.append((opening.end(), end))
            pieces.append(b'<%s Block="%d" />' % (tag, len(spans) - 1))
        elif tag == _ZONES:
            blocks.zone_maps.append(_zone_spans(data, opening.end(), end))
            pieces.append(b'<%s Block="%d" />' % (tag, len(blocks.zone_maps) - 1))
        else:
            pieces.append(b"<" + tag + b" />")
        position = end + len(tag) + 3
        opening = _CUT.search(data, position)  # anything nested in the cut went with it
    if pieces:
        pieces.append(data[position:])
        data = b"".join(pieces)
    return _cut_clips(data, blocks), blocks


def _zone_spans(data: bytes, start: int, end: int) -> list[tuple[bytes, tuple[int, int]]]:
    """Each zone (`MultiSamplePart`) between `start` and `end`: its name and where its sample
    reference's content lies. A zone's `Name` is its first child holding a name."""
    zones = []
    part = _ZONE_PART.search(data, start, end)
    while part:
        following = _ZONE_PART.search(data, part.end(), end)
        part_end = following.start() if following else end
        ref_start = data.find(b"<SampleRef>", part.end(), part_end)
        ref_end = data.find(b"</SampleRef>", ref_start, part_end) if ref_start >= 0 else -1
        if ref_end >= 0:
            name = _ZONE_NAME.search(data, part.end(), ref_start)
            zones.append((name.group(1) if name else b"", (ref_start + 11, ref_end)))
        part = following
    return zones


def _cut_clips(xml: bytes, blocks: CutBlocks) -> bytes:
    """Each clip's XML goes into `blocks`, to be parsed on its own when the model is built:
    thousands of small trees, each freed at once, are cheaper to build and free than one big
    tree (0.1 s less for a set of 3,000 clips)."""
    pieces, position = [], 0
    opening = _CLIP_OPENING.search(xml)
    while opening:
        tag = opening.group(1)
        tag_end = xml.find(b">", opening.start())
        if tag_end < 0:
            break
        if xml[tag_end - 1 : tag_end] == b"/":  # an empty clip element stays where it is
            opening = _CLIP_OPENING.search(xml, tag_end)
            continue
        end = xml.find(b"</" + tag + b">", tag_end)
        if end < 0:
            break
        end += len(tag) + 3
        pieces.append(xml[position : opening.start()])
        pieces.append(b'<%s Block="%d" />' % (tag, len(blocks.clips)))
        blocks.clips.append(bytes(xml[opening.start() : end]))  # immutable, even from a bytearray
        position = end
        opening = _CLIP_OPENING.search(xml, position)
    if not pieces:
        return xml
    pieces.append(xml[position:])
    return b"".join(pieces)


#: The decompression cap bounds XML bytes; memory follows the number of elements, which tiny
#: elements make large (`<a/>` is 4 bytes, an lxml element or a model object 100+). So the
#: cap also bounds tags: in all (clips, notes, points: read compactly) and in what is parsed
#: as one tree. The largest real sets hold 1.07 million tags in all and 0.84 million after
#: slimming; the default 512 MiB cap allows 4.2 and 2.1 million.
BYTES_PER_TAG = 128
BYTES_PER_PARSED_TAG = 256
#: However small a cap is set, a minimal set still fits.
_MIN_TAGS = 1024


def _check_tags(name: str, data, max_xml_bytes: int, per_tag: int, what: str) -> None:
    limit = max(max_xml_bytes // per_tag, _MIN_TAGS)
    if data.count(b"<") > limit:
        raise SetReadError(
            name,
            f"holds more than {limit:,} XML tags{what}, the limit for a set under the "
            f"{max_xml_bytes / (1024 * 1024):g} MiB cap (see --max-set-mb)",
        )


def read_set(path: str | os.PathLike, max_xml_bytes: int = DEFAULT_MAX_XML_BYTES):
    """Read, slim and parse the set at `path`: (`<Ableton>` root element, cut blocks)."""
    path = Path(path)
    data = read_bytes(path, max_xml_bytes)
    _check_tags(str(path), data, max_xml_bytes, BYTES_PER_TAG, "")
    xml, blocks = slim(data)
    _check_tags(str(path), xml, max_xml_bytes, BYTES_PER_PARSED_TAG, " outside notes and clips")
    try:
        return parse_xml(str(path), xml), blocks
    except SetReadError:
        if xml is data:
            raise
        # The cuts moved the lines: name the problem where it is in the file itself.
        parse_xml(str(path), data)
        raise
