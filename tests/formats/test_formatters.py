"""Exact-output tests of every `alslint lint --format ...`, over synthetic `RunResult`s.

Snapshots: the expected output of each format lives in tests/snapshots/formatters/
<format>-<scenario>.<ext>. After an intended change of a format, rewrite them with

    ALSLINT_UPDATE_SNAPSHOTS=1 pytest tests/formats/test_formatters.py

then read every changed snapshot (`git diff tests/snapshots`) before committing it: a
snapshot is only a test once a person has checked it is right.
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import click
import pytest
from corpus_lookup import sarif_schema, unavailable
from lxml import html as lxml_html

from alslint.api import Location, Severity
from alslint.formatters import (
    FORMATTERS,
    HUMAN_FORMATS,
    github,
    gitlab,
    human,
    json_format,
    junit,
    render,
    sarif,
)
from alslint.lint.results import RESERVED, FileResult, RuleInfo, RunResult, Violation

SNAPSHOTS = Path(__file__).parents[1] / "snapshots" / "formatters"
UPDATE = os.environ.get("ALSLINT_UPDATE_SNAPSHOTS") == "1"
VERSION = "9.9.9-test"  # fixed, so a version bump does not change the snapshots

EXTENSIONS = {
    "text": "txt",
    "json": "json",
    "github": "txt",
    "sarif": "sarif",
    "junit": "xml",
    "gitlab": "json",
    "markdown": "md",
    "html": "html",
}

# --------------------------------------------------------------------------------------------
# Synthetic results

RULES = [
    RuleInfo(
        code="ALS105",
        name="missing-fade",
        summary="An audio clip starts or ends without a fade.",
        stage="arrangement",
        severity=Severity.WARNING,
        doc="",
    ),
    RuleInfo(
        code="ALS110",
        name="no-locators",
        summary="The arrangement has no locators.",
        stage="arrangement",
        severity=Severity.INFO,
        doc="The arrangement has no locators.",
    ),
    RuleInfo(
        code="ALS201",
        name="hot-master",
        summary="The master fader is above 0 dB.",
        stage="mixing",
        severity=Severity.ERROR,
        doc="# ALS201 hot-master\n\n**Stage:** mixing · **Default severity:** error\n\n"
        "## What it flags\nThe master track's volume is above 0 dB,\nso the mix may clip.\n\n"
        "## How to fix it in Live\n\nLower the master fader.\n",
    ),
    RuleInfo(
        code="ALS310",
        name="unused-return",
        summary="A return track receives no send.",
        stage="mixing",
        severity=Severity.INFO,
        doc="A return track receives no send.",
    ),
]

NIGHT = "Night Drive/Night Drive.als"
TOM = 'Tom & Jerry\'s "<Live>" set.als'
CLEAN = "Sketches/Idea_3.als"
BROKEN = "broken.als"


def _v(
    code: str, name: str, severity: Severity, stage: str | None, message: str, file: str, **loc
) -> Violation:
    return Violation(
        code=code,
        name=name,
        severity=severity,
        stage=stage,
        message=message,
        file=file,
        location=Location(**loc),
    )


def full_result() -> RunResult:
    """Four sets: findings with and without bars, special characters, clean, unreadable."""
    night = [
        _v(
            "ALS105",
            "missing-fade",
            Severity.WARNING,
            "arrangement",
            "The clip ends without a fade-out.",
            NIGHT,
            track="Drums",
            track_index=0,
            clip="Intro | Fill",
            start=0.0,
            end=16.0,
            bar_start=1,
            bar_end=4,
        ),
        _v(
            "ALS105",
            "missing-fade",
            Severity.WARNING,
            "arrangement",
            "The clip starts without a fade-in.",
            NIGHT,
            track="Drums",
            track_index=0,
            clip="",
            start=32.0,
            end=36.0,
            bar_start=9,
            bar_end=9,
        ),
        _v(
            "ALS310",
            "unused-return",
            Severity.INFO,
            "mixing",
            "No track sends to this return.",
            NIGHT,
            track='Reverb <Hall> & "Plate"',
            track_index=5,
        ),
        _v(
            "ALS201",
            "hot-master",
            Severity.ERROR,
            "mixing",
            "The master is at +3.0 dB | trim it.",
            NIGHT,
            track="Master",
            track_index=6,
            device="Utility",
            parameter="Gain",
        ),
    ]
    tom = [
        _v(
            "ALS110",
            "no-locators",
            Severity.INFO,
            "arrangement",
            "Add locators at the section starts.",
            TOM,
        ),
        _v(
            "ALS002",
            "internal-error",
            Severity.ERROR,
            None,
            "rule ALS999 (bad-rule) crashed: KeyError: '<x>'\nsecond line (at bad.py:3)",
            TOM,
        ),
    ]
    broken = [
        _v(
            "ALS000",
            "unreadable-set",
            Severity.ERROR,
            None,
            "not a Live set: the gzip stream is truncated",
            BROKEN,
        ),
    ]
    return RunResult(
        alslint_version=VERSION,
        stage="mixing",
        rules=RULES,
        files=[
            FileResult(path=NIGHT, violations=night),
            FileResult(path=TOM, violations=tom),
            FileResult(path=CLEAN),
            FileResult(path=BROKEN, violations=broken, unreadable=True),
        ],
    )


def empty_result() -> RunResult:
    """No sets at all (e.g. a folder with only Backup/ sets): every format must still work."""
    return RunResult(alslint_version=VERSION, stage="release", rules=RULES[:1])


SCENARIOS = {"full": full_result, "empty": empty_result}


def rendered(fmt: str, result: RunResult) -> str:
    out = render(result, fmt)
    return click.unstyle(out) if fmt == "text" else out


# --------------------------------------------------------------------------------------------
# Snapshots: the exact text of every format


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
@pytest.mark.parametrize("fmt", sorted(EXTENSIONS))
def test_snapshot(fmt: str, scenario: str) -> None:
    out = rendered(fmt, SCENARIOS[scenario]())
    path = SNAPSHOTS / f"{fmt}-{scenario}.{EXTENSIONS[fmt]}"
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(out, encoding="utf-8", newline="")
    if not path.is_file():
        pytest.fail(
            f"missing snapshot {path}; create it with ALSLINT_UPDATE_SNAPSHOTS=1 and review it"
        )
    assert out == path.read_text(encoding="utf-8"), f"{fmt} output differs from {path.name}"


@pytest.mark.parametrize("fmt", sorted(EXTENSIONS))
def test_output_is_deterministic(fmt: str) -> None:
    assert render(full_result(), fmt) == render(full_result(), fmt)


def test_every_cli_format_is_registered() -> None:
    from alslint.cli import FORMAT_NAMES

    assert set(FORMATTERS) == set(FORMAT_NAMES) == set(EXTENSIONS)
    assert {"text", "markdown", "html"} == HUMAN_FORMATS


# --------------------------------------------------------------------------------------------
# text, json, github


def test_text_is_styled_but_readable_without_colour() -> None:
    styled = render(full_result(), "text")
    assert "\x1b[" in styled
    plain = click.unstyle(styled)
    assert "\x1b[" not in plain
    assert (
        '  warning ALS105 Drums › clip "Intro | Fill" @ bars 1–4: The clip ends without a fade-out.'
        " [missing-fade]\n" in plain
    )
    assert f"{CLEAN}\n  no problems\n" in plain
    assert plain.endswith("Found 7 problems (3 errors, 2 warnings, 2 info) in 4 files.\n")


def test_json_round_trips_the_findings() -> None:
    data = json.loads(json_format.render(full_result()))
    assert [f["path"] for f in data["files"]] == [NIGHT, TOM, CLEAN, BROKEN]
    assert data["summary"] == {"files": 4, "error": 3, "warning": 2, "info": 2}
    first = data["files"][0]["findings"][0]
    assert first["location"]["bars"] == [1, 4]
    assert first["fingerprint"] == full_result().files[0].violations[0].fingerprint


def test_github_escapes_newlines_and_properties() -> None:
    lines = github.render(full_result()).splitlines()
    assert len(lines) == 7
    assert lines[5] == (
        f"::error file={TOM},line=1,title=ALS002 internal-error::whole set: rule ALS999 (bad-rule) "
        "crashed: KeyError: '<x>'%0Asecond line (at bad.py:3)"
    )
    assert (
        lines[6] == "::error file=broken.als,line=1,title=ALS000 unreadable-set::whole set: "
        "not a Live set: the gzip stream is truncated"
    )


def test_gitlab_code_quality_report() -> None:
    issues = json.loads(gitlab.render(full_result()))
    assert [(i["check_name"], i["severity"], i["location"]) for i in issues] == [
        ("ALS105 missing-fade", "major", {"path": NIGHT, "lines": {"begin": 1}}),
        ("ALS105 missing-fade", "major", {"path": NIGHT, "lines": {"begin": 1}}),
        ("ALS310 unused-return", "info", {"path": NIGHT, "lines": {"begin": 1}}),
        ("ALS201 hot-master", "critical", {"path": NIGHT, "lines": {"begin": 1}}),
        ("ALS110 no-locators", "info", {"path": TOM, "lines": {"begin": 1}}),
        ("ALS002 internal-error", "critical", {"path": TOM, "lines": {"begin": 1}}),
        ("ALS000 unreadable-set", "critical", {"path": BROKEN, "lines": {"begin": 1}}),
    ]
    assert (
        issues[3]["description"] == "Master › Utility › Gain: The master is at +3.0 dB | trim it."
    )
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_gitlab_keeps_findings_at_one_place_apart() -> None:
    result = full_result()
    twin = result.files[0].violations[2].model_copy(update={"message": "Another finding."})
    result.files[0].violations.append(twin)
    issues = json.loads(gitlab.render(result))
    assert len({i["fingerprint"] for i in issues}) == len(issues) == 8


# --------------------------------------------------------------------------------------------
# SARIF


def _sarif_validator():
    try:
        import jsonschema
    except ImportError:
        unavailable("jsonschema is not installed (pip install -e .[test])")
    schema = json.loads(sarif_schema().read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema)


def _unreadable_only() -> RunResult:
    result = full_result()
    result.files = [result.files[3]]
    return result


@pytest.mark.parametrize(
    "make", [full_result, empty_result, _unreadable_only], ids=["full", "empty", "unreadable"]
)
def test_sarif_is_valid_against_the_schema(make) -> None:
    validator = _sarif_validator()
    errors = [
        f"{list(e.absolute_path)}: {e.message}"
        for e in validator.iter_errors(json.loads(sarif.render(make())))
    ]
    assert errors == []


# RFC 3986 URI-reference characters (unreserved, sub-delims, ":", "@", "/", "?", "#", "%").
_URI_CHARS = re.compile(r"^[A-Za-z0-9\-._~!$&'()*+,;=:@/?#%]+$")


def test_sarif_fields_github_relies_on() -> None:
    result = full_result()
    log = json.loads(sarif.render(result))
    assert log["$schema"] == sarif.SARIF_SCHEMA
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "alslint"
    assert driver["version"] == VERSION
    assert "informationUri" not in driver

    rules = driver["rules"]
    assert [r["id"] for r in rules] == ["ALS105", "ALS110", "ALS201", "ALS310", "ALS000", "ALS002"]
    hot = rules[2]
    assert hot == {
        "id": "ALS201",
        "name": "hot-master",
        "shortDescription": {"text": "The master fader is above 0 dB."},
        "fullDescription": {
            "text": "The master track's volume is above 0 dB, so the mix may clip."
        },
        "help": {"text": RULES[2].doc.strip(), "markdown": RULES[2].doc.strip()},
        "defaultConfiguration": {"level": "error"},
        "properties": {"tags": ["mixing"]},
    }
    assert rules[0]["help"] == {"text": "An audio clip starts or ends without a fade."}  # no doc
    assert rules[3]["defaultConfiguration"] == {"level": "note"}
    assert rules[4] == {
        "id": "ALS000",
        "name": "unreadable-set",
        "shortDescription": {"text": RESERVED["ALS000"][1]},
        "fullDescription": {"text": RESERVED["ALS000"][1]},
        "help": {"text": RESERVED["ALS000"][1]},
        "defaultConfiguration": {"level": "error"},
    }
    for rule in rules:  # GitHub's required rule fields
        assert (
            rule["shortDescription"]["text"]
            and rule["fullDescription"]["text"]
            and rule["help"]["text"]
        )

    violations = result.violations()
    assert len(run["results"]) == len(violations) == 7
    for res, v in zip(run["results"], violations):
        assert res["ruleId"] == v.code
        assert rules[res["ruleIndex"]]["id"] == v.code
        assert (
            res["level"]
            == {"error": "error", "warning": "warning", "info": "note"}[v.severity.value]
        )
        assert res["message"]["text"] == f"{v.location}: {v.message}"
        assert len(res["locations"]) == 1
        (loc,) = res["locations"]
        assert loc["physicalLocation"]["region"] == {"startLine": 1}
        uri = loc["physicalLocation"]["artifactLocation"]["uri"]
        assert _URI_CHARS.match(uri), uri
        assert loc["logicalLocations"] == [
            {"fullyQualifiedName": str(v.location), "kind": "element"}
        ]
        assert res["partialFingerprints"] == {"primaryLocationLineHash": v.fingerprint}

    first = run["results"][0]
    assert (
        first["message"]["text"]
        == 'Drums › clip "Intro | Fill" @ bars 1–4: The clip ends without a fade-out.'
    )
    assert (
        first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        == "Night%20Drive/Night%20Drive.als"
    )
    tom = run["results"][4]
    assert (
        tom["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        == "Tom%20&%20Jerry's%20%22%3CLive%3E%22%20set.als"
    )
    assert tom["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "whole set"
    unreadable = run["results"][6]
    assert (unreadable["ruleId"], unreadable["level"]) == ("ALS000", "error")


def test_sarif_full_description_is_capped() -> None:
    rule = RULES[2].model_copy(
        update={"doc": "## What it flags\n" + "word " * 300 + "\n## Options\nnone"}
    )
    text = sarif._descriptor(rule)["fullDescription"]["text"]
    assert len(text) <= 1000 and text.endswith("word…")
    rule = RULES[2].model_copy(update={"doc": "# no such section\n\ntext"})
    assert sarif._descriptor(rule)["fullDescription"]["text"] == rule.summary


def test_sarif_empty_run_has_rules_and_no_results() -> None:
    run = json.loads(sarif.render(empty_result()))["runs"][0]
    assert run["results"] == []
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["ALS105"]


def test_sarif_fingerprint_ignores_rewording_and_file_order() -> None:
    a, b = full_result(), full_result()
    b.files.reverse()
    b.files[-1].violations[0].message = "reworded"

    def first(r):
        results = json.loads(sarif.render(r))["runs"][0]["results"]
        return next(x for x in results if x["ruleId"] == "ALS105")

    assert first(a)["partialFingerprints"] == first(b)["partialFingerprints"]


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("sets/song.als", "sets/song.als"),
        ("My Song/My Song.als", "My%20Song/My%20Song.als"),
        ("a:b/c#1 100%.als", "a%3Ab/c%231%20100%25.als"),
        ("Café/Ünïcode.als", "Caf%C3%A9/%C3%9Cn%C3%AFcode.als"),
        ("../other/x.als", "../other/x.als"),
        ("/home/me/My Set.als", "file:///home/me/My%20Set.als"),
        ("D:/Music/My Set.als", "file:///D:/Music/My%20Set.als"),
    ],
)
def test_sarif_artifact_uri(path: str, uri: str) -> None:
    assert sarif.artifact_uri(path) == uri


# --------------------------------------------------------------------------------------------
# JUnit


def test_junit_structure() -> None:
    out = junit.render(full_result())
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites"
    assert dict(root.attrib) == {"name": "alslint", "tests": "8", "failures": "5", "errors": "2"}
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [NIGHT, TOM, CLEAN, BROKEN]
    assert [(s.get("tests"), s.get("failures"), s.get("errors")) for s in suites] == [
        ("4", "4", "0"),
        ("2", "1", "1"),
        ("1", "0", "0"),
        ("1", "0", "1"),
    ]

    first = suites[0].find("testcase")
    assert first.get("classname") == NIGHT
    assert first.get("name") == 'ALS105 missing-fade: Drums › clip "Intro | Fill" @ bars 1–4'
    failure = first.find("failure")
    assert dict(failure.attrib) == {
        "message": "The clip ends without a fade-out.",
        "type": "warning",
    }

    (clean,) = suites[2].findall("testcase")
    assert (clean.get("name"), list(clean)) == ("alslint", [])
    (broken,) = suites[3].findall("testcase")
    assert broken.get("name") == "ALS000 unreadable-set: whole set"
    assert broken.find("error").get("message") == "not a Live set: the gzip stream is truncated"
    crash = suites[1].findall("testcase")[1].find("error")
    assert (
        crash.get("message")
        # A line break shows as an escape: CI pages print JUnit text into logs.
        == "rule ALS999 (bad-rule) crashed: KeyError: '<x>'\\nsecond line (at bad.py:3)"
    )
    assert crash.get("type") == "error"


def test_junit_empty_run() -> None:
    assert junit.render(empty_result()) == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<testsuites name="alslint" tests="0" failures="0" errors="0" />\n'
    )


def test_junit_shows_control_characters_as_escapes() -> None:
    result = full_result()
    result.files[0].violations[0].message = "bad \x00\x1b\u202e byte \ufffe"
    root = ET.fromstring(junit.render(result).encode("utf-8"))
    failure = root.find("testsuite/testcase/failure")
    # Controls XML cannot carry are shown like any other; what is still not XML is replaced.
    assert failure.get("message") == "bad \\x00\\x1b\\u202e byte \ufffd"


# --------------------------------------------------------------------------------------------
# Markdown


def _cells(row: str) -> list[str]:
    """Split a GFM table row on unescaped pipes."""
    return [c.strip() for c in re.split(r"(?<!\\)\|", row.strip())[1:-1]]


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("a_b_.als", "## `a_b_.als`"),
        ("we`ird.als", "## `` we`ird.als ``"),
        ("x``y.als", "## ``` x``y.als ```"),
    ],
)
def test_markdown_path_headings_are_code_spans(path: str, heading: str) -> None:
    out = human.markdown(
        RunResult(alslint_version=VERSION, stage="mixing", files=[FileResult(path=path)])
    )
    assert f"\n{heading}\n" in out


def test_markdown_pr_comments_render_hostile_names_as_text() -> None:
    """A name cannot end the heading's code span, embed an image, a link or HTML, or ping."""
    path = "Evil ```x``` ![img](http://x) @team/Song.als"
    violation = _v(
        "ALS302",
        "unused-track",
        Severity.WARNING,
        "sound-design",
        "See https://evil.example or www.evil.example, mail a@b.example, ping @octocat",
        path,
        track="![img](http://x) <img src=x> [link](https://evil.example) ``` @team",
        track_index=0,
    )
    out = human.markdown(
        RunResult(
            alslint_version=VERSION,
            stage="mixing",
            files=[FileResult(path=path, violations=[violation])],
        )
    )
    zwj = "\u200d"
    # a code span shows its text literally: never a link, an image or a mention
    assert "\n## ```` Evil ```x``` ![img](http://x) @team/Song.als ````\n" in out
    (row,) = [line for line in out.splitlines() if line.startswith("| warning")]
    assert row == (
        "| warning | ALS302 | unused-track | "
        "!\\[img\\](http:"
        + zwj
        + "//x) \\<img src=x\\> \\[link\\](https:"
        + zwj
        + "//evil.example) "
        "\\`\\`\\` @" + zwj + "team | "
        "See https:"
        + zwj
        + "//evil.example or w"
        + zwj
        + "ww.evil.example, mail a@"
        + zwj
        + "b.example, "
        "ping @" + zwj + "octocat |"
    )


def test_markdown_tables_keep_their_columns() -> None:
    out = human.markdown(full_result())
    rows = [line for line in out.splitlines() if line.startswith("|")]
    assert rows, out
    assert all(len(_cells(row)) == 5 for row in rows), rows
    assert (
        r"| error | ALS201 | hot-master | Master › Utility › Gain | The master is at +3.0 dB \| trim it. |"
        in rows
    )
    assert (
        r'| info | ALS310 | unused-return | Reverb \<Hall\> \& "Plate" | No track sends to this return. |'
        in rows
    )
    # a line break shows as the escape \n (its backslash escaped for Markdown)
    assert "crashed: KeyError: '\\<x\\>'\\\\nsecond line" in out
    assert f"## `{TOM}`\n" in out  # paths are code spans: shown literally
    assert out.count("\n## ") == 4
    assert out.endswith("**Found 7 problems (3 errors, 2 warnings, 2 info) in 4 files.**\n")


# --------------------------------------------------------------------------------------------
# HTML


def test_html_is_self_contained() -> None:
    out = human.html(full_result())
    assert out.startswith("<!DOCTYPE html>\n")
    lowered = out.lower()
    assert "http://" not in lowered and "https://" not in lowered and "//" not in lowered
    assert "src=" not in lowered
    assert all(href.startswith("#") for href in lxml_html.fromstring(out).xpath("//@href"))
    assert "<script" not in lowered
    assert "<link" not in lowered
    assert "@import" not in lowered and "url(" not in lowered
    assert lowered.count("<style>") == 1
    assert "@media print" in out


def test_html_escapes_names() -> None:
    out = human.html(full_result())
    # the raw names never reach the page ...
    assert "<Hall>" not in out and "<Live>" not in out and "'<x>'" not in out
    assert 'Reverb <Hall> & "Plate"' not in out
    # ... their escaped forms do, in text and in attributes
    assert "Reverb &lt;Hall&gt; &amp; &#34;Plate&#34;" in out
    assert "Tom &amp; Jerry&#39;s &#34;&lt;Live&gt;&#34; set.als" in out
    assert "KeyError: &#39;&lt;x&gt;&#39;" in out

    doc = lxml_html.fromstring(out)
    names = [th.text_content() for th in doc.xpath("//tr[@class='track']/th")]
    assert 'Reverb <Hall> & "Plate"' in names
    assert TOM in [h.text_content() for h in doc.xpath("//section[@class='file']/h2")]


def test_html_structure() -> None:
    doc = lxml_html.fromstring(human.html(full_result()))
    assert doc.findtext(".//title") == "alslint: Night Drive/Night Drive.als and 3 more"
    assert (
        doc.xpath("string(//p[@class='summary'])")
        == "Found 7 problems (3 errors, 2 warnings, 2 info) in 4 files."
    )
    sections = doc.xpath("//section[@class='file']")
    assert [s.findtext("h2") for s in sections] == [NIGHT, TOM, CLEAN, BROKEN]

    # per file: one <tbody> per track, in order, with the track as its heading row
    night = sections[0]
    groups = [
        (
            tb.xpath("string(tr[@class='track']/th)"),
            len(tb.xpath("tr[starts-with(@class, 'sev-')]")),
        )
        for tb in night.xpath(".//table[@class='findings']/tbody")
    ]
    assert groups == [("Drums", 2), ('Reverb <Hall> & "Plate"', 1), ("Master", 1)]
    assert night.xpath(".//tr[starts-with(@class, 'sev-')]/@class") == [
        "sev-warning",
        "sev-warning",
        "sev-info",
        "sev-error",
    ]
    assert sections[1].xpath("string(.//tr[@class='track']/th)") == "Whole set"
    assert sections[2].xpath("string(.//p[@class='clean'])") == "No problems."
    assert sections[3].xpath("string(.//p[@class='unreadable'])") == "Could not be read."

    # every rule link resolves to a row of the rules section; ids are unique
    ids = doc.xpath("//@id")
    assert len(ids) == len(set(ids))
    links = {href[1:] for href in doc.xpath("//a/@href")}
    assert links <= set(ids)
    rule_rows = doc.xpath("//section[@id='rules']//tr[starts-with(@id, 'rule-')]")
    assert [r.get("id") for r in rule_rows] == [
        "rule-ALS105",
        "rule-ALS110",
        "rule-ALS201",
        "rule-ALS310",
        "rule-ALS000",
        "rule-ALS002",
    ]
    assert [td.text_content() for td in rule_rows[2]] == [
        "ALS201",
        "hot-master",
        "mixing",
        "error",
        "1",
        "The master fader is above 0 dB.",
    ]
    assert [td.text_content() for td in rule_rows[4]][:5] == [
        "ALS000",
        "unreadable-set",
        "—",
        "error",
        "1",
    ]
    assert doc.xpath("//td[@class='rule']/a/@href")[0] == "#rule-ALS105"


def test_html_empty_run() -> None:
    doc = lxml_html.fromstring(human.html(empty_result()))
    assert doc.xpath("string(//p[@class='summary'])") == "No problems found in 0 files."
    assert doc.xpath("//section[@class='file']") == []
    assert doc.xpath("string(//section[@id='files']/p)") == "No sets were checked."


# --------------------------------------------------------------------------------------------
# The shared template context


def test_report_context_adds_keys_only() -> None:
    context = human.report_context(full_result())
    assert set(context) == {
        "result",
        "files",
        "counts",
        "summary",
        "checked",
        "rules",
        "report_rules",
        "rule_counts",
    }
    assert set(context["files"][0]) == {
        "path",
        "unreadable",
        "violations",
        "by_track",
        "lines",
        "session_only",
        "counts",
        "arrangement",
    }
    assert context["files"][0]["arrangement"] is None  # no outline: nothing to draw
    assert context["files"][0]["counts"] == {"error": 1, "warning": 2, "info": 1}
    assert list(context["rules"]) == ["ALS105", "ALS110", "ALS201", "ALS310"]
    assert [r.code for r in context["report_rules"]] == [
        "ALS105",
        "ALS110",
        "ALS201",
        "ALS310",
        "ALS000",
        "ALS002",
    ]
    assert context["report_rules"][5].stage == ""
    assert context["rule_counts"] == {
        "ALS105": 2,
        "ALS110": 1,
        "ALS201": 1,
        "ALS310": 1,
        "ALS000": 1,
        "ALS002": 1,
    }
