"""Fixtures over the reference corpus of real Live sets (found by `support/corpus_lookup.py`).

Tests that take an `als_file` argument run once per corpus file (id = file name); without a
corpus they skip, except under `CI=true`, where a missing corpus is a failure.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_lookup import CORPUS_FILES, corpus_set, load_model, load_raw
from corpus_lookup import corpus_dir as _corpus_dir


@pytest.fixture(autouse=True)
def own_data_dir(tmp_path_factory, monkeypatch) -> Path:
    """Every test trusts configs in its own data folder, never the user's (see `alslint
    trust`)."""
    folder = tmp_path_factory.mktemp("alslint-data")
    monkeypatch.setenv("ALSLINT_DATA_DIR", str(folder))
    return folder


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return _corpus_dir()


def pytest_generate_tests(metafunc):
    if "als_file" in metafunc.fixturenames:
        if CORPUS_FILES:
            params = [pytest.param(p, id=p.name) for p in CORPUS_FILES]
        else:  # one placeholder, so that `corpus_dir` reports the skip (or the CI failure)
            params = [pytest.param(None, id="no-corpus")]
        metafunc.parametrize("als_file", params, indirect=True)


@pytest.fixture
def als_file(request, corpus_dir) -> Path:
    return request.param


@pytest.fixture
def live_set(als_file):
    return load_model(als_file)


@pytest.fixture
def raw(als_file):
    return load_raw(als_file)


@pytest.fixture
def corpus_file():
    """A named corpus file: `corpus_file("x.als")`, skipped (or failed in CI) if missing."""
    return corpus_set
