"""A rule's Markdown documentation as plain terminal text, for `alslint rule NAME`.

Only the subset the rule docs use is rendered: headings (`#`, `##`), paragraphs, `-` lists,
pipe tables, fenced blocks (indented, kept as they are) and inline `**bold**`, `*italic*` and `` `code` ``. Headings are underlined, list
items get a bullet, tables are aligned columns; the markup characters themselves are dropped
so that nothing reads as Markdown (`--format markdown` prints the document as written).
"""

from __future__ import annotations

import re

from ..templating import table

_INLINE = [
    (re.compile(r"\*\*(.+?)\*\*"), r"\1"),
    (re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])"), r"\1"),
    (re.compile(r"`([^`]*)`"), r"\1"),
]


def _inline(text: str) -> str:
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    # The ends of a code span or bold text broken over two lines.
    return text.replace("**", "").replace("`", "")


def _cells(row: str) -> list[str]:
    return [_inline(cell.strip()) for cell in row.strip().strip("|").split("|")]


def _table(rows: list[str]) -> list[str]:
    header, *body = [_cells(row) for row in rows if not re.fullmatch(r"\|[\s|:-]+\|", row.strip())]
    return ["  " + line for line in table(body, header).splitlines()]


def to_terminal(markdown: str) -> str:
    """The document as plain text (see the module docstring)."""
    out: list[str] = []
    lines = markdown.splitlines()
    in_item = False  # the previous line belongs to a list item
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("```"):  # a fenced block: its lines as they are, indented
            i += 1
            while i < len(lines) and not lines[i].startswith("```"):
                out.append("    " + lines[i])
                i += 1
            i += 1
            continue
        if line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                rows.append(lines[i])
                i += 1
            out.extend(_table(rows))
            continue
        if line.startswith("# ") or line.startswith("## "):
            title = _inline(line.lstrip("#").strip())
            if out and out[-1] != "":
                out.append("")
            out.extend([title, ("=" if line.startswith("# ") else "-") * len(title)])
        elif line.startswith("- "):
            out.append("  • " + _inline(line[2:]))
            in_item = True
            i += 1
            continue
        elif line.startswith("  ") and in_item:
            out.append("    " + _inline(line.strip()))  # a list item's continuation
            i += 1
            continue
        else:
            out.append(_inline(line))
        in_item = False
        i += 1
    return "\n".join(out).rstrip("\n") + "\n"
