"""Which plugins a library uses, in which sets, and whether they are installed here."""

from __future__ import annotations

import json

from pydantic import BaseModel

from ..installed_plugins import Inventory, plugin_key
from ..safetext import shown

FORMAT_NAMES = {"vst2": "VST2", "vst3": "VST3", "au": "AU"}


class PluginRow(BaseModel):
    format: str
    name: str
    vendor: str | None = None  # where a set stores it (Audio Units)
    installed: bool | None = None  # None: not checked
    sets: list[str]


def plugin_rows(summaries, inventory: Inventory | None) -> list[PluginRow]:
    """One row per plugin (format and name as a producer sees it) with the sets using it."""
    rows: dict[tuple[str, str], PluginRow] = {}
    for set_path, summary in summaries:
        for use in summary.plugins:
            key = (use.format, plugin_key(use.name))
            row = rows.setdefault(key, PluginRow(format=use.format, name=use.name, sets=[]))
            row.vendor = row.vendor or use.vendor
            if set_path not in row.sets:
                row.sets.append(set_path)
    for row in rows.values():
        if inventory is not None:
            row.installed = inventory.has(row.format, row.name)
    return sorted(rows.values(), key=lambda r: (r.name.casefold(), r.format))


def to_text(rows: list[PluginRow], inventory: Inventory | None, set_count: int) -> str:
    lines = []
    for row in rows:
        state = "" if row.installed is None else (" — installed" if row.installed else " — MISSING")
        kind = FORMAT_NAMES[row.format] + (f", {shown(row.vendor)}" if row.vendor else "")
        lines.append(f"{shown(row.name)} ({kind}){state}")
        lines += [f"  {shown(path)}" for path in row.sets]
    summary = f"{len(rows)} plugin{'' if len(rows) == 1 else 's'} in {set_count} set{'' if set_count == 1 else 's'}"
    if inventory is not None:
        missing = sum(1 for row in rows if not row.installed)
        sources = ", ".join(shown(source) for source in inventory.sources)
        summary += f"; {missing} not installed (checked against {sources})"
    return "\n".join(lines + [summary + "."]) + "\n"


def to_json(rows: list[PluginRow], inventory: Inventory | None) -> str:
    document = {
        "checked_against": inventory.sources if inventory is not None else None,
        "plugins": [row.model_dump() for row in rows],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
