"""The floor plan holds: `lint-imports` keeps every contract in pyproject.toml
(`[tool.importlinter]`: the layers, the independent wings, rules → only `alslint.api`,
reports without the rule API or the model, an engine without command line or formats, and
reading that knows no feature)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from corpus_lookup import unavailable

REPO = Path(__file__).resolve().parents[2]


def test_import_contracts_are_kept():
    try:
        import importlinter  # noqa: F401
    except ImportError:
        unavailable("import-linter is not installed (pip install -e .[test])")
    run = (
        "import sys; from importlinter.cli import lint_imports; "
        "sys.exit(lint_imports(config_filename='pyproject.toml', no_cache=True, no_logo=True))"
    )
    result = subprocess.run(
        [sys.executable, "-c", run], cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
