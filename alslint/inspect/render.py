"""Render the `alslint inspect` overview for people (text) or tools (JSON)."""

from __future__ import annotations

import json

from .. import describe
from ..safetext import json_safe
from ..templating import render

MAX_SCENES_SHOWN = 16


def to_json(overview: dict) -> str:
    return json_safe(json.dumps(overview, indent=2, ensure_ascii=False)) + "\n"


def to_text(o: dict) -> str:
    seconds = o["length"]["seconds"]
    minutes = describe.clock(seconds)
    track_rows = []
    for t in o["tracks"]:
        devices = ", ".join(d["name"] + ("" if d["on"] else " (off)") for d in t["devices"])
        if len(devices) > 48:
            devices = devices[:47] + "…"
        track_rows.append(
            [
                t["index"] + 1 if t["type"] != "master" else "",
                t["type"],
                t["name"],
                t["group"] or "",
                f"{t['arrangement_clips']}/{t['session_clips']}",
                devices,
                "yes" if t["frozen"] else "",
                "on" if t["on"] else "OFF",
                describe.fader(t["volume_db"]),
                describe.pan(t["pan"]),
            ]
        )
    routing_rows = [
        [
            t["index"] + 1 if t["type"] != "master" else "",
            t["name"],
            ", ".join(f"{chooser} {shown}" for chooser, shown in t["routing"].items()),
        ]
        for t in o["tracks"]
        if t["routing"]
    ]
    locator_rows = [[loc["bar"], round(loc["time"], 3), loc["name"]] for loc in o["locators"]]
    envelopes = [(t["name"], a) for t in o["tracks"] for a in t["automation"] if a["moves"]]
    if envelopes:
        shown = ", ".join(f"{name}: {a['parameter']}" for name, a in envelopes[:8])
        more = f" and {len(envelopes) - 8} more" if len(envelopes) > 8 else ""
        automation_summary = f"{len(envelopes)} moving envelope(s) — {shown}{more}"
    else:
        automation_summary = "none moves"
    # Live shows an unnamed scene by its number.
    scenes = [{"name": s["name"].strip() or str(s["index"] + 1)} for s in o["scenes"]]
    if len(scenes) > MAX_SCENES_SHOWN:
        scenes = scenes[:MAX_SCENES_SHOWN] + [{"name": f"… {len(scenes)} in all"}]
    scene_count = len(o["scenes"])
    o = {**o, "scenes": scenes}
    return render(
        "inspect.txt.j2",
        o=o,
        minutes=minutes,
        track_rows=track_rows,
        routing_rows=routing_rows,
        locator_rows=locator_rows,
        automation_summary=automation_summary,
        scene_count=scene_count,
    )
