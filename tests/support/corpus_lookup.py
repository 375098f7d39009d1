"""The one look-up of what the tests need from outside the repository: the reference corpus of
real Live sets (`../shared/corpus`, or `$ALSLINT_CORPUS`) and the SARIF schema
(`../shared/schemas`).

Without them a test skips and says why, except under `CI=true`, where a missing corpus or
schema is a failure: CI never passes by skipping. Models and raw counts are cached per file,
so each set is read once per session.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NoReturn

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
IN_CI = os.environ.get("CI", "").lower() == "true"

CORPUS = Path(os.environ.get("ALSLINT_CORPUS") or SHARED / "corpus")
CORPUS_FILES: list[Path] = sorted(CORPUS.glob("*.als")) if CORPUS.is_dir() else []
SARIF_SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"


def unavailable(reason: str) -> NoReturn:
    """Skip the test with `reason`; under CI=true, fail it."""
    if IN_CI:
        pytest.fail(f"{reason}; required when CI=true", pytrace=False)
    pytest.skip(reason)


def corpus_dir() -> Path:
    """The corpus folder, when it holds sets."""
    if not CORPUS_FILES:
        unavailable(f"reference corpus of Live sets not found at {CORPUS} (set ALSLINT_CORPUS)")
    return CORPUS


def corpus_set(name: str) -> Path:
    """A named set of the corpus."""
    path = corpus_dir() / name
    if not path.is_file():
        unavailable(f"corpus file {name} not found in {CORPUS}")
    return path


def sarif_schema() -> Path:
    """The official SARIF 2.1.0 JSON schema."""
    if not SARIF_SCHEMA.is_file():
        unavailable(f"SARIF schema not found at {SARIF_SCHEMA} (expected in ../shared/schemas)")
    return SARIF_SCHEMA


# -- caches: a 70 MB set takes seconds to parse, and many tests look at the same file -------

_models: dict[Path, object] = {}
_raw: dict[Path, object] = {}


def _cached(cache: dict, path: Path, build):
    if path not in cache:
        try:
            cache[path] = build(path)
        except Exception as exc:  # remember failures too: a broken file is not re-read
            cache[path] = exc
    result = cache[path]
    if isinstance(result, Exception):
        raise result
    return result


def load_model(path: Path):
    """`alslint.load(path)`, once per session."""
    import alslint

    return _cached(_models, path, alslint.load)


def load_raw(path: Path):
    """The raw-XML reference counts of `path` (`corpus_counts`), once per session."""
    from corpus_counts import raw_set

    return _cached(_raw, path, raw_set)
