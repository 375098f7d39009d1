"""`--format sarif`: SARIF 2.1.0 for GitHub code scanning (and other SARIF viewers).

Choices, with the reasons (see docs/ecosystem.md, "SARIF for GitHub"):

- Every result has exactly one location: a physical one (the set file, so GitHub can show the
  alert; `locations: []` or a logical-only location fails the whole upload) plus the object
  path as a logical location (`kind: element`, since a set is XML).
- `region.startLine` is always 1: GitHub wants a line and a set is binary, so line 1 stands
  for the file.
- `partialFingerprints.primaryLocationLineHash` is our own fingerprint (rule + file + object
  path). Without it GitHub would hash line 1 of the gzipped file, which changes on every save.
- `artifactLocation.uri` is the path as reports show it (relative to the current folder, `/`
  separators), percent-encoded as SARIF requires of a URI reference (spaces are common in set
  names). Absolute paths (a set outside the current folder) become `file://` URIs.
- The reserved codes (ALS000 unreadable set, ALS002 crashed rule) are results like any
  other, with their own rule descriptors.
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote

from ..lint.results import RuleInfo, RunResult, Violation
from ..safetext import json_safe

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}

# RFC 3986 `pchar` minus ":" (a colon in the first segment would read as a scheme).
_SAFE = "/!$&'()*+,;=@-._~"
_DRIVE = re.compile(r"^[A-Za-z]:/")
_WHAT_IT_FLAGS = re.compile(r"^#+\s*what it flags\s*$", re.IGNORECASE)
_MAX_DESCRIPTION = 1000


def artifact_uri(path: str) -> str:
    """A report path (forward slashes) as a SARIF URI reference (bytes of a file name that
    were not UTF-8 are percent-encoded as they are)."""
    if _DRIVE.match(path):  # Windows, another drive than the current folder's
        return "file:///" + path[:2] + quote(path[2:], safe=_SAFE, errors="surrogateescape")
    if path.startswith("/"):
        return "file://" + quote(path, safe=_SAFE, errors="surrogateescape")
    return quote(path, safe=_SAFE, errors="surrogateescape")


def _full_description(rule: RuleInfo) -> str:
    """The doc's "What it flags" section as one line of text (at most 1000 characters, as
    GitHub allows), else the summary."""
    lines = rule.doc.splitlines()
    for i, line in enumerate(lines):
        if _WHAT_IT_FLAGS.match(line.strip()):
            body = []
            for following in lines[i + 1 :]:
                if following.startswith("#"):
                    break
                body.append(following.strip())
            text = " ".join(part for part in body if part)
            if len(text) > _MAX_DESCRIPTION:
                text = text[: _MAX_DESCRIPTION - 1].rsplit(" ", 1)[0] + "…"
            if text:
                return text
    return rule.summary


def _descriptor(rule: RuleInfo) -> dict:
    help_ = {"text": rule.doc.strip() or rule.summary}
    if rule.doc.strip():
        help_["markdown"] = rule.doc.strip()
    descriptor = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": _full_description(rule)},
        "help": help_,
        "defaultConfiguration": {"level": _LEVEL[rule.severity.value]},
    }
    if rule.stage:  # the reserved codes belong to no stage
        descriptor["properties"] = {"tags": [rule.stage]}
    return descriptor


def _result(v: Violation, rule_index: int) -> dict:
    return {
        "ruleId": v.code,
        "ruleIndex": rule_index,
        "level": _LEVEL[v.severity.value],
        "message": {"text": f"{v.location}: {v.message}"},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": artifact_uri(v.file)},
                    "region": {"startLine": 1},
                },
                "logicalLocations": [{"fullyQualifiedName": str(v.location), "kind": "element"}],
            }
        ],
        "partialFingerprints": {"primaryLocationLineHash": v.fingerprint},
    }


def as_dict(result: RunResult) -> dict:
    rules = result.reported_rules()
    index = {rule.code: i for i, rule in enumerate(rules)}
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "alslint",
                        "version": result.alslint_version,
                        "rules": [_descriptor(rule) for rule in rules],
                    }
                },
                "results": [_result(v, index[v.code]) for v in result.violations()],
                # What the run checked: the gate, its stages and the rules that ran.
                "properties": {
                    "before": result.stage,
                    "stagesChecked": result.stages_checked(),
                    "rulesRun": [rule.code for rule in result.rules],
                },
            }
        ],
    }


def render(result: RunResult) -> str:
    return json_safe(json.dumps(as_dict(result), indent=2, ensure_ascii=False)) + "\n"
