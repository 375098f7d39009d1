"""XML nodes and the way Live writes them: value text, attribute escaping, layout, gzip.

Every element of a set is a `Node`; `E` and `V` build them, `fmt` turns each value into
the text Live writes, and `serialize` lays the tree out. This is the only place that knows
how values, attributes and the container look on disk.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable

XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'
#: gzip header OS byte written by Live 12.2+ on macOS.
GZIP_OS_MACOS = 19


class Node:
    """One XML element. Attributes keep their insertion order."""

    __slots__ = ("tag", "attrs", "children")

    def __init__(self, tag: str, attrs: dict | None = None, children: Iterable | None = None):
        self.tag = tag
        self.attrs = attrs or {}
        self.children = [c for c in (children or ()) if c is not None]

    def add(self, *children: Node | None) -> Node:
        self.children.extend(c for c in children if c is not None)
        return self


def fmt(value) -> str:
    """A value the way Live writes it: true/false, integers without a dot, floats with
    at most 10 significant digits."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        text = f"{value:.10g}"
        if "e" in text:
            raise ValueError(f"{value!r} would be written in exponent notation")
        return text
    return str(value)


def E(tag: str, *children: Node | None, **attrs) -> Node:
    """An element with children; keyword arguments become attributes (in order)."""
    return Node(tag, {k: fmt(v) for k, v in attrs.items()}, children)


def V(tag: str, value) -> Node:
    """The ubiquitous leaf `<Tag Value="…" />`."""
    return Node(tag, {"Value": fmt(value)})


# Tabs and line breaks are escaped too: a parser would turn them into spaces otherwise.
_ESCAPES = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\n": "&#10;",
        "\r": "&#13;",
        "\t": "&#9;",
    }
)


def _start(node: Node) -> str:
    attrs = "".join(f' {k}="{v.translate(_ESCAPES)}"' for k, v in node.attrs.items())
    return f"<{node.tag}{attrs}"


def serialize(root: Node) -> str:
    """Live's layout: declaration, one element per line, tab indentation, `<X ... />`."""
    lines = [XML_DECLARATION]

    def walk(node: Node, depth: int) -> None:
        indent = "\t" * depth
        if not node.children:
            lines.append(f"{indent}{_start(node)} />")
            return
        lines.append(f"{indent}{_start(node)}>")
        for child in node.children:
            walk(child, depth + 1)
        lines.append(f"{indent}</{node.tag}>")

    walk(root, 0)
    return "\n".join(lines) + "\n"


def serialize_compact(root: Node) -> str:
    """The same document on one line, `<X .../>`: small, and easy for a test to edit."""
    parts = [XML_DECLARATION, "\n"]

    def walk(node: Node) -> None:
        if not node.children:
            parts.append(f"{_start(node)}/>")
            return
        parts.append(f"{_start(node)}>")
        for child in node.children:
            walk(child)
        parts.append(f"</{node.tag}>")

    walk(root)
    parts.append("\n")
    return "".join(parts)


def gzip_like_live(xml: bytes) -> bytes:
    """gzip as Live writes it: no file name, mtime 0, XFL 0, OS byte 19 (macOS)."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, 31)
    data = compressor.compress(xml) + compressor.flush()
    # zlib writes its build platform's OS code (3 on Linux, 19 on recent macOS);
    # fix it so that the file is identical wherever it is built.
    return data[:9] + bytes([GZIP_OS_MACOS]) + data[10:]
