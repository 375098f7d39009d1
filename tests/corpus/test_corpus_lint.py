"""The whole catalogue over every real set: each lints (exit 0 or 1, never unreadable), no
rule crashes, and the SARIF report of the whole corpus is valid SARIF 2.1.0."""

from __future__ import annotations

import json

import jsonschema
import pytest
from corpus_lookup import sarif_schema

from alslint.cli import run


@pytest.fixture(scope="module")
def corpus_sarif(corpus_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("sarif") / "corpus.sarif"
    code = run(
        [
            "--stage",
            "release",
            "--no-cache",
            "--jobs",
            "2",
            "--format",
            "sarif",
            "-o",
            str(out),
            str(corpus_dir),
        ]
    )
    return code, json.loads(out.read_text(encoding="utf-8"))


def test_every_corpus_set_lints_without_crash(corpus_sarif, corpus_dir):
    code, sarif = corpus_sarif
    assert code in (0, 1)
    results = sarif["runs"][0]["results"]
    assert not [r for r in results if r["ruleId"] in ("ALS000", "ALS002")]
    linted = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert len(linted) == len(list(corpus_dir.glob("*.als")))


def test_corpus_sarif_is_valid(corpus_sarif):
    schema = sarif_schema()
    _, sarif = corpus_sarif
    jsonschema.Draft7Validator(json.loads(schema.read_text(encoding="utf-8"))).validate(sarif)
