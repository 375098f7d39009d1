"""A cache of lint results for unchanged sets.

An entry is keyed by the set's content (sha256 of its bytes), the path it is reported under,
alslint's version, the effective configuration and the rules (their code and the source of
their modules), so any change to one of those misses the cache. What a rule read of the
file system (the files `Context.file_exists` was asked about, e.g. `missing-sample`'s
samples) is stored with the entry as facts (a regular file's size and mtime, or absent); an
entry is used only while every fact still holds, so deleting or adding a sample is seen.
Entries carry the sha256 of their content; one that does not match, or cannot be read or
understood, is a miss, never a crash. Entries are written to a temporary file and renamed
into place, so concurrent runs never see half an entry.

Folder: `$ALSLINT_CACHE_DIR`, else `$XDG_CACHE_HOME/alslint`, else `~/.cache/alslint`.
"""

from __future__ import annotations

import contextlib
import hashlib
import inspect
import json
import os
import stat
import sys
import tempfile
from pathlib import Path

from .._version import __version__
from ..files import MAX_CACHE_ENTRY_BYTES, FileRefused, open_regular, read_regular
from .results import FileResult

CACHE_FORMAT = 2

#: A file-system fact: [size, mtime in ns] of a regular file, None when there is none.
Fact = list[int] | None


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
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def file_fact(path: str | Path) -> Fact:
    """What the file system says about `path` now (following links, as `os.path.isfile`)."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return [info.st_size, info.st_mtime_ns] if stat.S_ISREG(info.st_mode) else None


class Cache:
    def __init__(self, folder: Path, run_key: str):
        self.folder = folder
        self.run_key = run_key

    def _entry(self, content_hash: str, shown: str) -> Path:
        # A file name that is not UTF-8 keeps its own bytes in the key.
        text = f"{self.run_key}\n{content_hash}\n{shown}"
        key = hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()
        return self.folder / key[:2] / f"{key}.json"

    def get(self, content_hash: str, shown: str) -> FileResult | None:
        """The stored result, if its entry is intact and every file-system fact still holds."""
        try:
            # Only a regular file inside the cache folder is an entry; anything else is a miss.
            entry = self._entry(content_hash, shown)
            data = read_regular(entry, max_bytes=MAX_CACHE_ENTRY_BYTES, inside=self.folder)
            envelope = json.loads(data)
            payload = envelope["entry"]
            if hashlib.sha256(payload.encode("utf-8")).hexdigest() != envelope["sha256"]:
                return None
            content = json.loads(payload)
            if any(file_fact(path) != fact for path, fact in content["facts"].items()):
                return None
            return FileResult.model_validate(content["result"])
        except Exception:  # noqa: BLE001 - any damage to an entry only means a miss
            return None

    def put(
        self, content_hash: str, shown: str, result: FileResult, facts: dict[str, Fact]
    ) -> None:
        """Store `result` with the file-system `facts` it depends on."""
        entry = self._entry(content_hash, shown)
        payload = json.dumps({"facts": facts, "result": result.model_dump(mode="json")})
        checksum = hashlib.sha256(payload.encode("utf-8")).hexdigest()
        temp = None
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump({"sha256": checksum, "entry": payload}, out)
            os.replace(temp, entry)
            temp = None
        except OSError:
            pass  # a cache that cannot be written only makes the next run slower
        finally:
            if temp is not None:  # whatever ended the write, no half entry stays behind
                with contextlib.suppress(OSError):
                    os.unlink(temp)


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
