"""Which sets match: uses a plugin, a device or a sample; tempo, key and size."""

from __future__ import annotations

import fnmatch
import json
from dataclasses import dataclass, field

from ..errors import AlslintError
from ..installed_plugins import plugin_key
from .summary import SetSummary


@dataclass
class Query:
    plugins: list[str] = field(default_factory=list)
    devices: list[str] = field(default_factory=list)
    samples: list[str] = field(default_factory=list)
    tempo: tuple[float, float] | None = None
    key: str | None = None
    min_tracks: int | None = None


def parse_tempo(text: str) -> tuple[float, float]:
    """`120` or `120-128` (inclusive)."""
    low, _, high = text.partition("-")
    try:
        bounds = (float(low), float(high or low))
    except ValueError:
        raise AlslintError(f"--tempo {text}: give a tempo or a range, e.g. 120-128") from None
    if bounds[0] > bounds[1]:
        raise AlslintError(f"--tempo {text}: the range is upside down")
    return bounds


def _contains(pattern: str, names: list[str]) -> bool:
    """Case-insensitive: a glob when the pattern has one, else a part of the name."""
    wanted = pattern.casefold()
    if any(char in wanted for char in "*?["):
        return any(fnmatch.fnmatchcase(name.casefold(), wanted) for name in names)
    return any(wanted in name.casefold() for name in names)


def matches(summary: SetSummary, query: Query) -> bool:
    plugin_keys = [plugin_key(use.name) for use in summary.plugins]
    if not all(any(plugin_key(p) in key for key in plugin_keys) for p in query.plugins):
        return False
    if not all(_contains(device, summary.devices) for device in query.devices):
        return False
    if not all(_contains(sample, summary.samples) for sample in query.samples):
        return False
    if query.tempo is not None:
        low, high = summary.tempo_range or (summary.tempo, summary.tempo)
        if high < query.tempo[0] or low > query.tempo[1]:
            return False
    if query.key is not None and (summary.key or "").casefold() != query.key.casefold():
        return False
    return query.min_tracks is None or summary.tracks >= query.min_tracks


def to_json(found: list[tuple[str, SetSummary]]) -> str:
    rows = [
        {
            "path": path,
            "live_version": s.live_version,
            "tempo": s.tempo,
            "key": s.key,
            "tracks": s.tracks,
            "plugins": [use.name for use in s.plugins],
        }
        for path, s in found
    ]
    return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
