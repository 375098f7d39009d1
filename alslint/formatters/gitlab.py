"""`--format gitlab`: GitLab's code quality report (a subset of the Code Climate JSON format).

GitLab shows these in merge requests when a job uploads the file as `artifacts:reports:
codequality`. Each finding is one issue at line 1 of the set (a set is binary, as in SARIF);
severities map to GitLab's scale: error → critical, warning → major, info → info.
"""

from __future__ import annotations

import hashlib
import json

from ..lint.results import RunResult
from ..safetext import json_safe

_SEVERITY = {"error": "critical", "warning": "major", "info": "info"}


def render(result: RunResult) -> str:
    issues = []
    seen: dict[str, int] = {}
    for v in result.violations():
        # GitLab drops issues that share a fingerprint; two findings at one place stay apart.
        count = seen[v.fingerprint] = seen.get(v.fingerprint, 0) + 1
        fingerprint = v.fingerprint
        if count > 1:
            fingerprint = hashlib.sha256(f"{fingerprint}\x1f{count}".encode()).hexdigest()[:32]
        issues.append(
            {
                "description": f"{v.location}: {v.message}",
                "check_name": f"{v.code} {v.name}",
                "fingerprint": fingerprint,
                "severity": _SEVERITY[v.severity.value],
                "location": {"path": v.file, "lines": {"begin": 1}},
            }
        )
    return json_safe(json.dumps(issues, indent=2, ensure_ascii=False)) + "\n"
