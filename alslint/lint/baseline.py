"""The ignore file (`.alslint-ignore`): accepted findings, kept out of band.

Live writes the set, so a finding cannot be silenced inside it. `alslint --generate-ignore
PATH...` writes every current finding to `.alslint-ignore` in the current folder, one per
line: the set's path, the rule code and the finding's logical location, separated by tabs.
Later runs drop findings listed there; an entry that no longer matches any finding of a set
that was linted is reported (ALS004 stale-ignore), so the file does not rot.
"""

from __future__ import annotations

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


def _field(text: str) -> str:
    """Tabs and line breaks would break the line format; names rarely hold them."""
    return " ".join(text.split("\n")).replace("\t", " ").replace("\r", " ")


def _key(violation: Violation) -> Entry:
    return _field(violation.file), violation.code, _field(str(violation.location))


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
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read ({exc})") from None
    entries = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 3:
            raise ConfigError(
                f"{path}:{number}: expected 'set path<TAB>rule code<TAB>where', got {line!r}"
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


def write(result: RunResult, path: Path, previous: list[Entry]) -> int:
    """Write every current finding (and the entries of sets not linted now); return the count."""
    linted = {file.path for file in result.files}
    entries = {entry for entry in previous if entry[0] not in linted}
    entries |= {
        _key(v) for v in result.violations() if v.code not in (UNREADABLE[0], STALE_IGNORE[0])
    }
    lines = ["\t".join(entry) for entry in sorted(entries)]
    try:
        write_text_atomically(path, HEADER + "".join(line + "\n" for line in lines))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be written ({exc.strerror or exc})") from None
    return len(lines)
