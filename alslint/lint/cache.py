"""A cache of lint results for unchanged sets.

An entry is keyed by the set's content (sha256 of its bytes), the path it is reported under,
alslint's version, the effective configuration and the rules (their code and the source of
their modules), so any change to one of those misses the cache. Entries are written to a
temporary file and renamed into place, so concurrent runs never see half an entry; a
damaged entry is a miss.

Folder: `$ALSLINT_CACHE_DIR`, else `$XDG_CACHE_HOME/alslint`, else `~/.cache/alslint`.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import os
import sys
import tempfile
from pathlib import Path

from .._version import __version__
from ..files import MAX_CACHE_ENTRY_BYTES, FileRefused, open_regular, read_regular
from .results import FileResult

CACHE_FORMAT = 1


def cache_dir() -> Path:
    if os.environ.get("ALSLINT_CACHE_DIR"):
        return Path(os.environ["ALSLINT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "alslint"


def _rule_fingerprint(rule) -> str:
    module = sys.modules.get(rule.__module__)
    try:
        source = inspect.getsource(module) if module is not None else ""
    except (OSError, TypeError):
        source = ""
    return f"{rule.code}:{rule.__module__}.{rule.__qualname__}:{hashlib.sha256(source.encode()).hexdigest()}"


def run_key(settings, config_dump: str, max_xml_bytes: int) -> str:
    """What every entry of one run shares: version, config and rules."""
    parts = [
        f"format={CACHE_FORMAT}",
        f"alslint={__version__}",
        f"config={config_dump}",
        f"max={max_xml_bytes}",
        *(
            f"{_rule_fingerprint(s.rule)}={s.severity.value}={s.options.model_dump_json()}"
            for s in settings
        ),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


class Cache:
    def __init__(self, folder: Path, run_key: str):
        self.folder = folder
        self.run_key = run_key

    def _entry(self, content_hash: str, shown: str) -> Path:
        key = hashlib.sha256(f"{self.run_key}\n{content_hash}\n{shown}".encode()).hexdigest()
        return self.folder / key[:2] / f"{key}.json"

    def get(self, content_hash: str, shown: str) -> FileResult | None:
        try:
            # Only a regular file inside the cache folder is an entry; anything else is a miss.
            entry = self._entry(content_hash, shown)
            data = read_regular(entry, max_bytes=MAX_CACHE_ENTRY_BYTES, inside=self.folder)
            return FileResult.model_validate(json.loads(data))
        except (OSError, ValueError, FileRefused):
            return None

    def put(self, content_hash: str, shown: str, result: FileResult) -> None:
        entry = self._entry(content_hash, shown)
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(result.model_dump_json())
            os.replace(temp, entry)
        except OSError:
            pass  # a cache that cannot be written only makes the next run slower


def content_hash(path: Path) -> str | None:
    """sha256 of the file's bytes, or None when it cannot be read (not cached then)."""
    digest = hashlib.sha256()
    try:
        with open_regular(path) as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except (OSError, FileRefused):
        return None
    return digest.hexdigest()
