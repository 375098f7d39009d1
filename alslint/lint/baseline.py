"""The ignore file (`.alslint-ignore`): accepted findings, kept out of band.

Live writes the set, so a finding cannot be silenced inside it. `alslint --generate-ignore
PATH...` writes every current finding to `.alslint-ignore` in the current folder, one per
line: the set's path, the rule code and the finding's logical location, separated by tabs.
Later runs drop findings listed there; an entry that no longer matches any finding of a set
that was linted is reported (ALS004 stale-ignore), so the file does not rot.

Runs that write the file at once (one per set, say, in parallel CI steps) take turns: a run
holds `.alslint-ignore.lock` (created exclusively beside the file, removed after) while it
reads the file again, merges its findings in and writes it, so no run's entries are lost.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

from ..errors import ConfigError
from ..files import MAX_IGNORE_BYTES, FileRefused, read_regular, write_text_atomically
from .results import STALE_IGNORE, UNREADABLE, RunResult, Violation, reserved

IGNORE_FILE = ".alslint-ignore"
HEADER = (
    "# alslint ignore file: findings accepted on purpose, one per line:\n"
    "# set path<TAB>rule code<TAB>where. Written by `alslint --generate-ignore`; edit freely.\n"
)

Entry = tuple[str, str, str]

#: How long a run waits for another's lock, and the age after which a lock is taken to be
#: left by a run that was killed (writing the file takes milliseconds).
LOCK_WAIT = 30.0
LOCK_STALE = 60.0


def _field(text: str) -> str:
    """Tabs and line breaks would break the line format; names rarely hold them."""
    return " ".join(text.split("\n")).replace("\t", " ").replace("\r", " ")


def _key(violation: Violation) -> Entry:
    return entry(violation.file, violation.code, violation.location)


def entry(file: str, code: str, location) -> Entry:
    """The ignore-file line of a finding: set path (as reports show it), code and where."""
    return _field(file), code, _field(str(location))


def read(path: Path) -> list[Entry]:
    """The entries of an ignore file; a missing file has none."""
    try:
        # Only a regular file in the folder it is found in: git stores symlinks.
        text = read_regular(path, max_bytes=MAX_IGNORE_BYTES, inside=path.absolute().parent)
        text = text.decode("utf-8")
    except FileNotFoundError:
        return []
    except FileRefused as exc:
        raise ConfigError(f"{path}: {exc.problem}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    entries = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 3:
            # Never the line itself: the file may be a link to anything (a CI log is public).
            raise ConfigError(
                f"{path}:{number}: expected 3 tab-separated fields "
                f"(set path<TAB>rule code<TAB>where), found {len(fields)}"
            )
        entries.append((fields[0], fields[1], fields[2]))
    return entries


def apply(result: RunResult, entries: list[Entry], ignore_file: Path) -> None:
    """Drop the findings listed in `entries`; report entries that match nothing."""
    wanted = set(entries)
    used: set[Entry] = set()
    for file in result.files:
        kept = []
        for violation in file.violations:
            key = _key(violation)
            if key in wanted:
                used.add(key)
            else:
                kept.append(violation)
        file.violations = kept
    linted = {file.path for file in result.files if not file.unreadable}
    for file in result.files:
        for entry in entries:
            if entry[0] == file.path and file.path in linted and entry not in used:
                message = (
                    f"{ignore_file} lists {entry[1]} at {entry[2]}, which is no longer found: "
                    "remove that line"
                )
                file.violations.append(reserved(STALE_IGNORE, file.path, message))


@contextlib.contextmanager
def _locked(path: Path):
    """Hold the lock file beside `path` (see the module) for the block."""
    lock = path.with_name(path.name + ".lock")
    deadline = time.monotonic() + LOCK_WAIT
    while True:
        try:
            os.close(os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
            break
        except FileExistsError:
            with contextlib.suppress(OSError):
                if time.time() - lock.stat().st_mtime > LOCK_STALE:
                    lock.unlink()
                    continue
            if time.monotonic() > deadline:
                raise ConfigError(
                    f"{lock}: another run has held it for {LOCK_WAIT:.0f} s "
                    "(delete it if no alslint is running)"
                ) from None
            time.sleep(0.02)
        except OSError as exc:
            raise ConfigError(f"{lock}: cannot be created ({exc.strerror or exc})") from None
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            lock.unlink()


def write(result: RunResult, path: Path) -> int:
    """Write every current finding, merged under the lock with the entries the file holds
    now for sets not linted in this run; return the count."""
    linted = {file.path for file in result.files}
    current = {
        _key(v) for v in result.violations() if v.code not in (UNREADABLE[0], STALE_IGNORE[0])
    }
    with _locked(path):
        entries = {entry for entry in read(path) if entry[0] not in linted} | current
        lines = ["\t".join(entry) for entry in sorted(entries)]
        try:
            write_text_atomically(path, HEADER + "".join(line + "\n" for line in lines))
        except OSError as exc:
            raise ConfigError(f"{path}: cannot be written ({exc.strerror or exc})") from None
    return len(lines)
