"""`alslint diff` output: the human report and the JSON document."""

from __future__ import annotations

import json
from collections import Counter

from ..describe import quote
from ..safetext import json_safe, shown
from .changes import DIFF_SCHEMA_VERSION, Change, Diff


def to_text(diff: Diff) -> str:
    """The human report: changes grouped under the set and each track."""
    lines = [
        f"{diff.old_path} (Live {diff.old_version}) → {diff.new_path} (Live {diff.new_version})"
    ]
    if not diff.changes:
        lines.append("no musical differences")
        return _joined(lines)
    heading = None
    tracks = set()
    for change in _collapse_scene_runs(diff.changes):
        if change.scope == "set":
            this, title = ("set",), "set"
        else:
            this = (
                change.kind == "track-removed",
                change.track_type,
                change.track,
                change.position,
            )
            title = (
                "master track"
                if change.track_type == "master"
                else (f"{change.track_type} track {quote(change.track or '')}")
            )
            tracks.add(this)
        if this != heading:
            lines.append(title)
            heading = this
        lines.append(f"  {change.message}")
    count = len(diff.changes)
    summary = f"{count} change{'s' if count != 1 else ''}"
    if tracks:
        summary += f" in {len(tracks)} track{'s' if len(tracks) != 1 else ''}"
    lines.append(summary)
    return _joined(lines)


def _joined(lines: list[str]) -> str:
    """The report's lines, each shown safely (names in them come from the sets)."""
    return "".join(shown(line) + "\n" for line in lines)


def _collapse_scene_runs(changes: list[Change]) -> list[Change]:
    """For the text report: three or more scenes added (removed) in a row become one line."""
    out: list[Change] = []
    k = 0
    while k < len(changes):
        change = changes[k]
        if change.kind not in ("scene-added", "scene-removed"):
            out.append(change)
            k += 1
            continue
        field = "new" if change.kind == "scene-added" else "old"
        end = k + 1
        while (
            end < len(changes)
            and changes[end].kind == change.kind
            and getattr(changes[end], field) == getattr(changes[end - 1], field) + 1
        ):
            end += 1
        if end - k >= 3:
            first, last = getattr(change, field), getattr(changes[end - 1], field)
            verb = "added" if change.kind == "scene-added" else "removed"
            out.append(
                change.model_copy(
                    update={"message": f"scenes {first}–{last} {verb} ({end - k} scenes)"}
                )
            )
        else:
            out.extend(changes[k:end])
        k = end
    return out


def to_json(diff: Diff) -> str:
    """The documented machine format (README, "alslint diff JSON")."""
    kinds = Counter(change.kind for change in diff.changes)
    document = {
        "schema_version": DIFF_SCHEMA_VERSION,
        "old": {"path": diff.old_path, "live_version": diff.old_version},
        "new": {"path": diff.new_path, "live_version": diff.new_version},
        "different": diff.different,
        "changes": [change.model_dump() for change in diff.changes],
        "summary": {"changes": len(diff.changes), "kinds": dict(sorted(kinds.items()))},
    }
    return json_safe(json.dumps(document, indent=2, ensure_ascii=False)) + "\n"
