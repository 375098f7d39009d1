"""The container: a file on disk to a Live set's XML bytes, and those bytes to a tree, safely.

A `.als` file is a gzip stream holding one XML document; Live also opens the bare XML. Files
reach us from pre-commit hooks and CI, so anything can arrive here: LFS pointers, damaged
downloads, hostile XML. Every failure becomes a `SetReadError` with a one-line reason.
"""

from __future__ import annotations

import io
import re
import zlib
from pathlib import Path

from lxml import etree

from ..errors import SetReadError
from ..files import FileRefused, open_regular

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
        with open_regular(path) as handle:
            return _decode(name, handle, max_xml_bytes)
    except FileRefused as exc:
        raise SetReadError(name, exc.problem) from None
    except PermissionError:
        raise SetReadError(name, "permission denied") from None
    except OSError as exc:
        raise SetReadError(name, f"cannot be read ({exc.strerror or exc})") from None


def decode_bytes(name: str, raw: bytes, max_xml_bytes: int = DEFAULT_MAX_XML_BYTES) -> bytes:
    """The XML bytes of a set file's bytes `raw` already read (`name`: the file, for errors)."""
    return bytes(_decode(name, io.BytesIO(raw), max_xml_bytes))


def _decode(name: str, handle, max_xml_bytes: int) -> bytes | bytearray:
    head = handle.read(2)
    handle.seek(0)
    if head == _GZIP_MAGIC:
        return _gunzip(name, handle, max_xml_bytes)
    raw = handle.read(max_xml_bytes + 1)
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


def parse_xml(name: str, data: bytes) -> etree._Element:
    """Parse set XML with a hardened parser; return the `<Ableton>` root element."""
    # Refused before parsing for a clear message; the check after parsing is the safety net.
    if b"<!DOCTYPE" in data[:4096]:
        raise SetReadError(name, _DOCTYPE_REFUSED)
    try:
        root = parse_bytes(data)
    except etree.XMLSyntaxError as exc:
        raise SetReadError(name, f"not well-formed XML ({xml_reason(exc)})") from None
    if root.getroottree().docinfo.doctype:
        raise SetReadError(name, _DOCTYPE_REFUSED)
    if root.tag != "Ableton":
        raise SetReadError(name, f"XML, but not an Ableton Live set (root element <{root.tag}>)")
    if root.find("LiveSet") is None:
        raise SetReadError(name, "an <Ableton> document without a <LiveSet>, not a Live set")
    return root


def parse_bytes(data: bytes) -> etree._Element:
    try:
        return etree.fromstring(data, _parser(huge_tree=False))
    except etree.XMLSyntaxError as exc:
        # Real sets hold hex text nodes up to ~9 MB, close to libxml2's 10 MB default limit.
        if "Text node too long" not in str(exc):
            raise
        return etree.fromstring(data, _parser(huge_tree=True))


_DOCTYPE_REFUSED = "contains a DOCTYPE, which Live never writes (refused for safety)"


def xml_reason(exc: etree.XMLSyntaxError) -> str:
    # lxml appends ", line N, column M" to libxml2's message; the line is given once, in front.
    message = re.sub(r", line \d+, column \d+$", "", (exc.msg or str(exc)).strip()).rstrip(".")
    line = getattr(exc, "lineno", None)
    return f"line {line}: {message}" if line else message
