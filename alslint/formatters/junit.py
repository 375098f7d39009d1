"""`--format junit`: JUnit XML for CI test reports (GitLab, Jenkins, Azure, ...).

JUnit XML has no official spec; this follows the common shape (and ruff's): one `<testsuite>`
per set, one `<testcase>` per finding with a `<failure>`. A set without findings gets one
passing test case named "alslint", so it still shows up as checked. Problems of the run
rather than of the set (the reserved codes: ALS000 unreadable set, ALS002 crashed rule) are
`<error>`s, JUnit's word for "the test could not run properly".
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..lint.results import RunResult, Violation
from ..safetext import shown

# Characters XML 1.0 cannot carry at all, not even escaped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    """A value as CI pages show it: safely shown (`safetext.shown`), then valid XML."""
    return _NOT_XML.sub("\ufffd", shown(text))


def _testcase(suite: ET.Element, path: str, v: Violation) -> str:
    case = ET.SubElement(
        suite, "testcase", classname=_clean(path), name=_clean(f"{v.code} {v.name}: {v.location}")
    )
    kind = "error" if v.stage is None else "failure"
    outcome = ET.SubElement(case, kind, message=_clean(v.message), type=v.severity.value)
    outcome.text = _clean(f"{path}: {v.location}: {v.message} [{v.code} {v.name}]")
    return kind


def render(result: RunResult) -> str:
    root = ET.Element("testsuites", name="alslint")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for file in result.files:
        suite = ET.SubElement(root, "testsuite", name=_clean(file.path))
        counts = {"tests": 0, "failures": 0, "errors": 0}
        for v in file.violations:
            kind = _testcase(suite, file.path, v)
            counts["tests"] += 1
            counts["failures" if kind == "failure" else "errors"] += 1
        if not file.violations:
            ET.SubElement(suite, "testcase", classname=_clean(file.path), name="alslint")
            counts["tests"] += 1
        for key, n in counts.items():
            suite.set(key, str(n))
            totals[key] += n
    for key, n in totals.items():
        root.set(key, str(n))
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
