"""`--format json`: the documented machine-readable result (see README, "JSON output")."""

from __future__ import annotations

import json

from ..lint.results import RunResult
from ..safetext import json_safe

JSON_SCHEMA_VERSION = 1


def as_dict(result: RunResult) -> dict:
    return {
        "schema_version": JSON_SCHEMA_VERSION,
        "alslint_version": result.alslint_version,
        "stage": result.stage,
        "before": result.stage,
        "stages_checked": result.stages_checked(),
        "rules_run": [rule.code for rule in result.rules],
        "files": [
            {
                "path": file.path,
                "unreadable": file.unreadable,
                "findings": [
                    {
                        "code": v.code,
                        "name": v.name,
                        "severity": v.severity.value,
                        "stage": v.stage,
                        "message": v.message,
                        "location": location_json(v.location),
                        "fingerprint": v.fingerprint,
                    }
                    for v in file.violations
                ],
            }
            for file in result.files
        ],
        "summary": {"files": len(result.files), **result.counts()},
    }


def render(result: RunResult) -> str:
    return json_safe(json.dumps(as_dict(result), indent=2, ensure_ascii=False)) + "\n"


def location_json(location) -> dict:
    """A finding's location as the JSON report gives it."""
    return {
        "track": location.track,
        "track_number": location.track_number,
        "clip": location.clip,
        "device": location.device,
        "parameter": location.parameter,
        "bars": [location.bar_start, location.bar_end] if location.bar_start is not None else None,
        "beats": [location.start, location.end] if location.start is not None else None,
        "path": str(location),
    }
