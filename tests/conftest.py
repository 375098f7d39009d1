"""Where the corpus of real Live sets lives, and per-file caches so each set is read once.

The corpus sits outside the repository (`../shared/corpus`, or `$ALSLINT_CORPUS`). Without it
the corpus tests skip, except under `CI=true`, where a missing corpus is a failure.
Tests that take an `als_file` argument run once per corpus file (id = file name).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def _corpus_path() -> Path:
    env = os.environ.get("ALSLINT_CORPUS")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "shared" / "corpus"


CORPUS = _corpus_path()
CORPUS_MISSING = f"corpus not found at {CORPUS} (set ALSLINT_CORPUS)"
corpus_files: list[Path] = sorted(CORPUS.glob("*.als")) if CORPUS.is_dir() else []


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not corpus_files:
        if os.environ.get("CI") == "true":
            pytest.fail(CORPUS_MISSING + "; a corpus is required when CI=true", pytrace=False)
        pytest.skip(CORPUS_MISSING)
    return CORPUS


def pytest_generate_tests(metafunc):
    if "als_file" in metafunc.fixturenames:
        if corpus_files:
            params = [pytest.param(p, id=p.name) for p in corpus_files]
        else:  # one placeholder, so that `corpus_dir` reports the skip (or the CI failure)
            params = [pytest.param(None, id="no-corpus")]
        metafunc.parametrize("als_file", params, indirect=True)


@pytest.fixture
def als_file(request, corpus_dir) -> Path:
    return request.param


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
    """The raw-XML reference counts of `path` (tests/corpus_counts.py), once per session."""
    from corpus_counts import raw_set

    return _cached(_raw, path, raw_set)


@pytest.fixture
def live_set(als_file):
    return load_model(als_file)


@pytest.fixture
def raw(als_file):
    return load_raw(als_file)


@pytest.fixture
def corpus_file(corpus_dir):
    """A named corpus file: `corpus_file("x.als")`, skipped (or failed in CI) if missing."""

    def get(name: str) -> Path:
        path = corpus_dir / name
        if not path.is_file():
            if os.environ.get("CI") == "true":
                pytest.fail(f"corpus file {name} not found in {corpus_dir}", pytrace=False)
            pytest.skip(f"corpus file {name} not found in {corpus_dir}")
        return path

    return get
