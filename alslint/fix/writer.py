"""Writing edits into a set so that nothing else changes, and proving it.

A set is never re-serialized: the writer changes only the bytes of the `Value` attributes it
edits, in the decompressed XML exactly as Live wrote it (line endings, quoting, prolog stay).
Each edited element is found in the full tree the way the model counts tracks and clips
(`als.locate`), then in the bytes as the n-th opening tag of its name (Live writes no comments
or CDATA, where a tag could hide; a set that holds any is refused). Before anything is
written, the old value in the bytes must be exactly what the edit expects.

Writing keeps the original as Live keeps its own: `Backup/<Set> [YYYY-MM-DD HHMMSS].als` beside
the set. The new file goes to a temporary file in the set's folder, is synced and renamed over
the set with the set's permissions, then read back and compared with the old set as canonical
XML; on any difference but the intended values, or broken pointee ids, the original is put
back. Every step before the rename leaves the set untouched; the rename is atomic.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import os
import re
import shutil
import struct
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..als.container import DEFAULT_MAX_XML_BYTES, decode_bytes, parse_bytes
from ..als.locate import NotFound, edited_element
from ..errors import AlslintError
from ..findings import Edit

#: gzip header fields as Live writes them: no flags, mtime 0, no extra flags; then the OS
#: byte, which tells macOS (3), Windows (11) and Live 12.2+ (19) apart.
_GZIP_PREFIX = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00"
_LIVE_OS_BYTES = (3, 11, 19)
_MAC, _WINDOWS = 3, 11
#: Where a tag name could appear without being a tag; Live writes neither.
_HIDING_PLACES = (b"<!--", b"<![CDATA[")
_VALUE_ATTRIBUTE = re.compile(rb"""\sValue=(["'])(.*?)\1""", re.S)
_ENTITY = re.compile(rb"&(#x[0-9A-Fa-f]+|#[0-9]+|amp|lt|gt|quot|apos);")
_NAMED = {b"amp": "&", b"lt": "<", b"gt": ">", b"quot": '"', b"apos": "'"}
#: Elements whose `Id`s are pointees (automation, modulation, MIDI controller targets).
_POINTEE_TAGS = ("AutomationTarget", "Pointee")


class FixError(AlslintError):
    """A fix that was not written (the set is as it was); the message says why."""


@dataclass
class Snapshot:
    """A set file as it was read: its bytes, its XML and what tells whether it changed since."""

    path: Path
    raw: bytes
    xml: bytes
    size: int
    mtime_ns: int
    digest: str

    @classmethod
    def read(cls, path: Path, max_xml_bytes: int = DEFAULT_MAX_XML_BYTES) -> Snapshot:
        raw = path.read_bytes()
        stat = path.stat()
        return cls(
            path=path,
            raw=raw,
            xml=decode_bytes(str(path), raw, max_xml_bytes),
            size=stat.st_size,
            mtime_ns=stat.st_mtime_ns,
            digest=hashlib.sha256(raw).hexdigest(),
        )

    @property
    def compressed(self) -> bool:
        return self.raw[:2] == b"\x1f\x8b"

    def changed_on_disk(self) -> bool:
        """True when the file is no longer the one read (size, mtime or content)."""
        try:
            stat = self.path.stat()
            if (stat.st_size, stat.st_mtime_ns) != (self.size, self.mtime_ns):
                return True
            return hashlib.sha256(self.path.read_bytes()).hexdigest() != self.digest
        except OSError:
            return True


# -- editing the bytes -------------------------------------------------------------------------


def apply_edits(xml: bytes, edits: list[Edit]) -> bytes:
    """`xml` with the `Value` of each edited element replaced, and not one other byte."""
    if not edits:
        return xml
    for hiding in _HIDING_PLACES:
        if hiding in xml:
            raise FixError("the set holds XML comments or CDATA, which Live never writes")
    root = parse_bytes(xml)
    starts: dict[str, list[int]] = {}
    splices = []
    for edit in edits:
        try:
            element = edited_element(root, edit)
        except NotFound as exc:
            raise FixError(f"{_where(edit)}: {exc}") from None
        tag = element.tag
        if tag not in starts:
            pattern = re.compile(rb"<" + re.escape(tag.encode()) + rb"[\s/>]")
            starts[tag] = [m.start() for m in pattern.finditer(xml)]
            if len(starts[tag]) != sum(1 for _ in root.iter(tag)):
                raise FixError(f"<{tag}> cannot be told apart in the set's bytes")
        ordinal = next(i for i, el in enumerate(root.iter(tag)) if el is element)
        start = starts[tag][ordinal]
        tag_end = xml.index(b">", start)
        values = list(_VALUE_ATTRIBUTE.finditer(xml, start, tag_end))
        if len(values) != 1:
            raise FixError(f"{_where(edit)}: no single Value attribute")
        quote, old_raw = values[0].group(1), values[0].group(2)
        held = _unescape(old_raw)
        if element.get("Value") != held or not same_value(held, edit.old):
            raise FixError(
                f"{_where(edit)}: the set holds {element.get('Value')!r}, not {edit.old!r}"
            )
        splices.append((values[0].start(2), values[0].end(2), _escape(edit.new, quote)))
    splices.sort()
    pieces, position = [], 0
    for begin, end, new in splices:
        if begin < position:
            raise FixError("two edits change the same value")
        pieces += [xml[position:begin], new]
        position = end
    pieces.append(xml[position:])
    return b"".join(pieces)


def same_value(held: str, expected: str) -> bool:
    """Whether the set holds the value an edit expects: the same text, or the same number
    (the model reads numbers as floats, so rules know `0`, not whether Live wrote `0` or `0.0`)."""
    if held == expected:
        return True
    try:
        return float(held) == float(expected)
    except ValueError:
        return False


def _where(edit: Edit) -> str:
    clip = f", {edit.clip[0]} clip {edit.clip[1] + 1}" if edit.clip else ""
    return f"track {edit.track + 1}{clip}, {edit.path}"


def _unescape(raw: bytes) -> str:
    def entity(match: re.Match) -> str:
        name = match.group(1)
        if name.startswith(b"#x"):
            return chr(int(name[2:], 16))
        if name.startswith(b"#"):
            return chr(int(name[1:]))
        return _NAMED[name]

    return _ENTITY.sub(lambda m: entity(m).encode("utf-8"), raw).decode("utf-8")


def _escape(value: str, quote: bytes) -> bytes:
    # As Live escapes: markup characters, the quote in use, line breaks as character references.
    text = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace('"', "&quot;") if quote == b'"' else text.replace("'", "&apos;")
    text = text.replace("\r", "&#x0D;").replace("\n", "&#x0A;").replace("\t", "&#x09;")
    return text.encode("utf-8")


# -- checking what was written ----------------------------------------------------------------


def verify(old_xml: bytes, new_xml: bytes, edits: list[Edit]) -> None:
    """Raise FixError unless `new_xml` is `old_xml` with exactly the edits applied, compared as
    canonical XML, and its pointee ids are unique and below `NextPointeeId`."""
    old_root, new_root = parse_bytes(old_xml), parse_bytes(new_xml)
    for edit in edits:
        try:
            element, before = edited_element(new_root, edit), edited_element(old_root, edit)
        except NotFound as exc:
            raise FixError(f"after writing, {_where(edit)}: {exc}") from None
        if element.get("Value") != edit.new:
            raise FixError(f"after writing, {_where(edit)} holds {element.get('Value')!r}")
        element.set("Value", before.get("Value"))  # the rest must be the old set, exactly
    if etree.tostring(old_root, method="c14n") != etree.tostring(new_root, method="c14n"):
        raise FixError("the written set differs from the old one beyond the intended values")
    problem = pointee_problem(new_root)
    if problem:
        raise FixError(f"the written set {problem}")


def pointee_problem(root: etree._Element) -> str | None:
    """What breaks Live's invariant on pointee ids (unique, all below `NextPointeeId`)."""
    ids = [
        int(el.get("Id"))
        for el in root.iter()
        if isinstance(el.tag, str)
        and el.get("Id") is not None
        and (
            el.tag in _POINTEE_TAGS
            or el.tag.endswith("ModulationTarget")
            or el.tag.startswith("ControllerTargets.")
        )
    ]
    if len(ids) != len(set(ids)):
        return "holds the same pointee id twice"
    next_el = root.find("LiveSet/NextPointeeId")
    if next_el is not None and ids and int(next_el.get("Value")) <= max(ids):
        return "has NextPointeeId no larger than its largest pointee id"
    return None


# -- writing -----------------------------------------------------------------------------------


def compress(xml: bytes, like: Snapshot) -> bytes:
    """The file bytes of `xml`: plain XML when the set was, else gzip with Live's header and
    the original's OS byte (chosen from the line endings when another tool re-compressed it)."""
    if not like.compressed:
        return xml
    os_byte = like.raw[9] if len(like.raw) > 9 else _MAC
    if os_byte not in _LIVE_OS_BYTES:
        os_byte = _WINDOWS if b"\r\n" in xml[:4096] else _MAC
    deflate = zlib.compressobj(6, zlib.DEFLATED, -15)
    body = deflate.compress(xml) + deflate.flush()
    trailer = struct.pack("<II", zlib.crc32(xml) & 0xFFFFFFFF, len(xml) & 0xFFFFFFFF)
    return _GZIP_PREFIX + bytes([os_byte]) + body + trailer


def backup_path(set_path: Path, now: datetime.datetime) -> Path:
    """Where Live would keep this version: `Backup/<Set> [YYYY-MM-DD HHMMSS].als`."""
    folder = set_path.parent / "Backup"
    stamp = now.strftime("%Y-%m-%d %H%M%S")
    candidate = folder / f"{set_path.stem} [{stamp}]{set_path.suffix}"
    number = 2
    while candidate.exists():  # two fixes in one second: never overwrite a backup
        candidate = folder / f"{set_path.stem} [{stamp}] {number}{set_path.suffix}"
        number += 1
    return candidate


def write_fixed(snapshot: Snapshot, new_xml: bytes, edits: list[Edit]) -> Path:
    """Replace the set with `new_xml`, keeping a backup; return the backup's path.

    Raises FixError (the set as it was read is in place) when the set changed on disk, or
    when what was written, read back, is not the old set with exactly these edits.
    """
    path = snapshot.path
    if snapshot.changed_on_disk():
        raise FixError("the set changed on disk since it was read; run again")
    data = compress(new_xml, snapshot)
    backup = backup_path(path, datetime.datetime.now())
    _write_atomically(backup, snapshot.raw, path)
    if backup.read_bytes() != snapshot.raw:
        raise FixError(f"the backup {backup} does not match the set; nothing was changed")
    if snapshot.changed_on_disk():  # Live may have saved while the backup was written
        raise FixError("the set changed on disk since it was read; run again")
    _write_atomically(path, data, path)
    try:
        written = decode_bytes(str(path), path.read_bytes())
        if written != new_xml:
            raise FixError("the written file does not read back as intended")
        verify(snapshot.xml, written, edits)
    except Exception as exc:
        _write_atomically(path, snapshot.raw, path)
        reason = exc if isinstance(exc, FixError) else f"it could not be read back ({exc})"
        raise FixError(f"{reason}; the original was put back") from exc
    return backup


def _write_atomically(target: Path, data: bytes, mode_from: Path) -> None:
    """`data` to a temporary file beside `target`, synced, with `mode_from`'s permissions,
    renamed over `target`. On failure the temporary file is removed and `target` untouched."""
    target.parent.mkdir(exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        shutil.copymode(mode_from, temp)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows has no folder handles to sync)."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
