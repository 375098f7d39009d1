"""Turn a file on disk into the XML tree of a Live set, safely.

A `.als` file is a gzip stream holding one XML document; Live also opens the bare XML. Files
reach us from pre-commit hooks and CI, so anything can arrive here: LFS pointers, damaged
downloads, hostile XML. Every failure becomes a `SetReadError` with a one-line reason.
"""

from __future__ import annotations

import os
import re
import zlib
from pathlib import Path

from lxml import etree

from ..errors import SetReadError

#: Default cap on the decompressed size. The largest real set seen holds 70.7 MB of XML.
DEFAULT_MAX_XML_BYTES = 512 * 1024 * 1024

_GZIP_MAGIC = b"\x1f\x8b"
_LFS_POINTER = b"version https://git-lfs.github.com/spec/"
#: Most sets inflate in one first chunk, returned as it is; larger output grows a bytearray in
#: smaller steps, which keeps a bomb's peak memory near the cap.
_FIRST_CHUNK = 64 << 20
_OUTPUT_CHUNK = 16 << 20


def _parser(huge_tree: bool) -> etree.XMLParser:
    # No entity resolution, no DTD, no network: a set never needs any of them.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=huge_tree,
        remove_blank_text=True,  # the indentation between elements: a third of the nodes
        remove_comments=True,
        remove_pis=True,
    )


def read_bytes(path: Path, max_xml_bytes: int = DEFAULT_MAX_XML_BYTES) -> bytes | bytearray:
    """Return the XML bytes of the set at `path` (decompressing if needed)."""
    name = str(path)
    if not path.exists():
        raise SetReadError(name, "no such file")
    if path.is_dir():
        raise SetReadError(name, "is a folder, not a Live set")
    try:
        with open(path, "rb") as handle:
            head = handle.read(2)
            handle.seek(0)
            if head == _GZIP_MAGIC:
                return _gunzip(name, handle, max_xml_bytes)
            raw = handle.read(max_xml_bytes + 1)
    except PermissionError:
        raise SetReadError(name, "permission denied") from None
    except OSError as exc:
        raise SetReadError(name, f"cannot be read ({exc.strerror or exc})") from None
    if len(raw) > max_xml_bytes:
        raise SetReadError(name, f"larger than the {_mib(max_xml_bytes)} limit for a set's XML")
    return _check_plain(name, raw)


def _check_plain(name: str, raw: bytes) -> bytes:
    if not raw.strip():
        raise SetReadError(name, "empty file, not a Live set")
    if raw.startswith(_LFS_POINTER):
        raise SetReadError(
            name, "is a Git LFS pointer, not the set itself (run `git lfs pull` to fetch it)"
        )
    start = raw.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not start.startswith(b"<"):
        raise SetReadError(
            name,
            "not a Live set (neither gzip-compressed nor XML; a set saved by Live 8.1 or "
            "older must be opened and saved again in a newer Live)",
        )
    return raw


def _gunzip(name: str, handle, max_xml_bytes: int) -> bytes | bytearray:
    # zlib with wbits=31 checks the gzip header, CRC and length. Output comes in bounded
    # chunks, so a decompression bomb stops at the cap with about the cap in memory. Deflate
    # never grows data by more than a little, so the compressed read is capped as well.
    compressed = handle.read(max_xml_bytes + (1 << 20))
    inflater = zlib.decompressobj(wbits=31)
    try:
        out = inflater.decompress(compressed, _FIRST_CHUNK)  # most sets: all of it, no copy
        if not inflater.eof:
            out = bytearray(out)  # a larger set grows in place, without a final copy
        while not inflater.eof and len(out) <= max_xml_bytes:
            chunk = inflater.decompress(inflater.unconsumed_tail, _OUTPUT_CHUNK)
            if not chunk:  # the stream stops short
                break
            out += chunk
    except zlib.error as exc:
        raise SetReadError(name, f"damaged gzip stream ({_zlib_reason(exc)})") from None
    if len(out) > max_xml_bytes:
        raise SetReadError(name, _too_big(max_xml_bytes))
    if not inflater.eof:
        raise SetReadError(name, "truncated gzip stream (the file is incomplete)")
    if inflater.unused_data or handle.read(1):
        raise SetReadError(name, "damaged gzip stream (unexpected data after its end)")
    return out


def _too_big(max_xml_bytes: int) -> str:
    return f"decompresses to more than the {_mib(max_xml_bytes)} limit for a set"


def _zlib_reason(exc: zlib.error) -> str:
    text = str(exc)
    if "incorrect data check" in text or "incorrect length check" in text:
        return "checksum mismatch"
    if "incorrect header check" in text or "unknown compression method" in text:
        return "bad header"
    return "corrupt data"


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):g} MiB"


#: Parts of a set the model never reads, cut before parsing: audio onset analysis (one real
#: set holds 145k such elements), the clips that freezing a track records (an eighth of the
#: elements of a large Live 9 set) and Sampler's sample zones (more than half of one set; no
#: automatable parameter lives there).
_DROPPED = (b"Onsets", b"FreezeSequencer", b"MultiSampleMap")
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
_CUT = re.compile(rb"<(" + b"|".join((*_DROPPED, _NOTES, _SAMPLE, _SLOTS)) + rb")>")
_DECLARED_ENCODING = re.compile(
    rb"""(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding=["']([A-Za-z0-9._-]+)["']"""
)


class CutBlocks:
    """What `slim` cut out of a set's XML to be read separately: where the contents of each
    `<KeyTracks>` and `<SampleRef>` lie in the set's bytes (no copies), and each clip's XML."""

    def __init__(self, data: bytes):
        self.data = data
        self.note_spans: list[tuple[int, int]] = []
        self.sample_spans: list[tuple[int, int]] = []
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
            return _parse(self.prolog + fragment if self.prolog else fragment)
        except etree.XMLSyntaxError as exc:
            parse_xml(name, self.data)  # names the problem where it is in the file itself
            raise SetReadError(name, f"not well-formed XML ({_xml_reason(exc)})") from None


def slim(data: bytes) -> tuple[bytes, CutBlocks]:
    """The XML to parse, without the `_DROPPED` parts and clip-less slot lists, and with every
    note block, sample reference and clip replaced by a reference into the returned
    `CutBlocks`: `<KeyTracks Block="n" />`, `<SampleRef Block="n" />`, `<AudioClip Block="n" />`.

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
        else:
            pieces.append(b"<" + tag + b" />")
        position = end + len(tag) + 3
        opening = _CUT.search(data, position)  # anything nested in the cut went with it
    if pieces:
        pieces.append(data[position:])
        data = b"".join(pieces)
    return _cut_clips(data, blocks), blocks


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


def parse_xml(name: str, data: bytes) -> etree._Element:
    """Parse set XML with a hardened parser; return the `<Ableton>` root element."""
    # Refused before parsing for a clear message; the check after parsing is the safety net.
    if b"<!DOCTYPE" in data[:4096]:
        raise SetReadError(name, _DOCTYPE_REFUSED)
    try:
        root = _parse(data)
    except etree.XMLSyntaxError as exc:
        raise SetReadError(name, f"not well-formed XML ({_xml_reason(exc)})") from None
    if root.getroottree().docinfo.doctype:
        raise SetReadError(name, _DOCTYPE_REFUSED)
    if root.tag != "Ableton":
        raise SetReadError(name, f"XML, but not an Ableton Live set (root element <{root.tag}>)")
    if root.find("LiveSet") is None:
        raise SetReadError(name, "an <Ableton> document without a <LiveSet>, not a Live set")
    return root


def _parse(data: bytes) -> etree._Element:
    try:
        return etree.fromstring(data, _parser(huge_tree=False))
    except etree.XMLSyntaxError as exc:
        # Real sets hold hex text nodes up to ~9 MB, close to libxml2's 10 MB default limit.
        if "Text node too long" not in str(exc):
            raise
        return etree.fromstring(data, _parser(huge_tree=True))


_DOCTYPE_REFUSED = "contains a DOCTYPE, which Live never writes (refused for safety)"


def _xml_reason(exc: etree.XMLSyntaxError) -> str:
    # lxml appends ", line N, column M" to libxml2's message; the line is given once, in front.
    message = re.sub(r", line \d+, column \d+$", "", (exc.msg or str(exc)).strip()).rstrip(".")
    line = getattr(exc, "lineno", None)
    return f"line {line}: {message}" if line else message


def read_set(path: str | os.PathLike, max_xml_bytes: int = DEFAULT_MAX_XML_BYTES):
    """Read, slim and parse the set at `path`: (`<Ableton>` root element, cut blocks)."""
    path = Path(path)
    data = read_bytes(path, max_xml_bytes)
    xml, blocks = slim(data)
    try:
        return parse_xml(str(path), xml), blocks
    except SetReadError:
        if xml is data:
            raise
        # The cuts moved the lines: name the problem where it is in the file itself.
        parse_xml(str(path), data)
        raise
