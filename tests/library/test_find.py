"""`alslint find`: the sets of a library that match plugins, devices, samples, tempo, key, size."""

from __future__ import annotations

import json

import pytest
from library_tree import build_library

from alslint.cli import run

ALPHA = "Projects/Alpha Project/Alpha.als"
BETA = "Projects/Beta/Beta.als"
REMIX = "Projects/Beta/Beta Remix.als"
GAMMA = "Projects/Gamma Project/Sets/Gamma.als"


@pytest.fixture(scope="module")
def library(tmp_path_factory, corpus_dir):
    root = tmp_path_factory.mktemp("find")
    build_library(root, corpus_dir)
    (root / "Projects" / "Beta" / "Broken.als").unlink()
    return root


@pytest.fixture(autouse=True)
def inside(library, monkeypatch):
    monkeypatch.chdir(library)
    monkeypatch.setenv("ALSLINT_CACHE_DIR", str(library / "cache"))


def find(capsys, *options: str) -> tuple[int, list[str]]:
    code = run(["find", "Projects", "--isolated", *options])
    out, err = capsys.readouterr()
    assert err == ""
    return code, out.splitlines()


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--plugin", "FabFilter Pro-Q 3 (x64)"], [ALPHA]),  # as the plugin folder names it
        (["--plugin", "fabfilter"], [ALPHA]),
        (["--plugin", "diva", "--plugin", "decapitator"], [REMIX]),
        (["--device", "compressor"], [ALPHA, GAMMA]),
        (["--device", "eq*"], [REMIX, GAMMA]),
        (["--tempo", "120-125"], [ALPHA, BETA]),  # 122, and 60–200 automated
        (["--tempo", "160"], [BETA, GAMMA]),
        (["--key", "c MAJOR"], [REMIX, BETA, GAMMA]),
        (["--min-tracks", "9"], [REMIX, GAMMA]),
        (["--sample", "*.aif"], [GAMMA]),
        (["--sample", "*.flac"], []),
        (["--plugin", "diva", "--min-tracks", "10"], []),
    ],
)
def test_find(capsys, options, expected):
    code, lines = find(capsys, *options)
    assert (code, lines) == (0 if expected else 1, expected)


def test_find_json(capsys):
    code = run(["find", "Projects", "--isolated", "--plugin", "synplant", "--format", "json"])
    rows = json.loads(capsys.readouterr().out)
    assert code == 0
    assert rows == [
        {
            "path": ALPHA,
            "live_version": "10.0.1",
            "tempo": 122.000298,
            "key": None,
            "tracks": 6,
            "plugins": ["FabFilter Pro-C 2", "FabFilter Pro-Q 3", "Synplant"],
        }
    ]


def test_bad_tempo_is_one_line_exit_2(capsys):
    assert run(["find", "Projects", "--tempo", "fast"]) == 2
    assert capsys.readouterr().err == (
        "alslint: error: --tempo fast: give a tempo or a range, e.g. 120-128\n"
    )
