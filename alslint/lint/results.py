"""The result model of a lint run: one serialisation every output format consumes."""

from __future__ import annotations

import hashlib

from pydantic import BaseModel, ConfigDict, Field

from .._version import __version__
from ..findings import Location
from ..levels import STAGES, Severity
from .selection import checked_line

#: Reserved codes for problems of the run itself, not of a rule.
UNREADABLE = ("ALS000", "unreadable-set")
DAMAGED = ("ALS001", "damaged-set")
INTERNAL_ERROR = ("ALS002", "internal-error")
UNKNOWN_VERSION = ("ALS003", "unknown-live-version")
STALE_IGNORE = ("ALS004", "stale-ignore")

#: (severity, summary) of each reserved code, for reports that list rules (HTML, SARIF).
RESERVED = {
    UNREADABLE[0]: (Severity.ERROR, "The set could not be read at all, so no rule checked it."),
    DAMAGED[0]: (
        Severity.WARNING,
        "Part of the set is damaged and was skipped; the rest was checked.",
    ),
    INTERNAL_ERROR[0]: (
        Severity.ERROR,
        "A rule crashed on this set; the other rules' findings are still reported.",
    ),
    UNKNOWN_VERSION[0]: (
        Severity.WARNING,
        "The set was saved by a Live version newer than alslint knows; it was checked best-effort.",
    ),
    STALE_IGNORE[0]: (
        Severity.INFO,
        "An entry of the ignore file no longer matches any finding: remove it.",
    ),
}


def reserved(kind: tuple[str, str], file: str, message: str) -> Violation:
    """A finding about the run itself (ALS000–ALS004), with its fixed severity."""
    severity, _ = RESERVED[kind[0]]
    return Violation(
        code=kind[0], name=kind[1], severity=severity, stage=None, message=message, file=file
    )


def count_by_severity(violations) -> dict[str, int]:
    counts = {severity.value: 0 for severity in Severity}
    for violation in violations:
        counts[violation.severity.value] += 1
    return counts


class Violation(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: str
    name: str
    severity: Severity
    stage: str | None  # None for the reserved codes
    message: str
    file: str
    location: Location = Field(default_factory=Location)

    @property
    def fingerprint(self) -> str:
        """Stable across re-saves: rule, file and logical location; no ids or offsets."""
        # The track's position tells apart tracks that share a name.
        track = "" if self.location.track_index is None else str(self.location.track_index)
        key = "\x1f".join((self.code, self.file, track, str(self.location)))
        # A file name that is not UTF-8 keeps its own bytes.
        return hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:32]


class RuleInfo(BaseModel):
    """Rule metadata as reports show it."""

    code: str
    name: str
    summary: str
    stage: str
    severity: Severity
    doc: str = ""


class Block(BaseModel):
    """An arrangement clip as the HTML report draws it."""

    start: float  # beats
    end: float
    name: str
    color: int | None = None  # Live's colour index
    disabled: bool = False


class Lane(BaseModel):
    """A track as the HTML report draws it: one lane of clip blocks."""

    index: int  # Track.index, as in Location.track_index
    name: str
    type: str
    group: str | None = None
    color: int | None = None
    on: bool = True
    blocks: list[Block] = Field(default_factory=list)


class Marker(BaseModel):
    time: float  # beats
    name: str


class GridLine(BaseModel):
    bar: int
    time: float  # beats


class Outline(BaseModel):
    """The arrangement at a glance, for reports that draw it (only the HTML report asks)."""

    length: float  # beats, to the end of the last clip (at least one bar)
    color_palette: str  # "live9" (Live 8–9), "live10" (ColorIndex) or "live11" (Color, 11+)
    lanes: list[Lane] = Field(default_factory=list)
    locators: list[Marker] = Field(default_factory=list)
    grid: list[GridLine] = Field(default_factory=list)  # every bar start, following signatures


class FileResult(BaseModel):
    path: str
    violations: list[Violation] = Field(default_factory=list)
    unreadable: bool = False  # the set could not be read at all (exit code 2)
    outline: Outline | None = None  # only when the report draws the arrangement


class RunResult(BaseModel):
    alslint_version: str = __version__
    stage: str  # the gate: the stage about to start (`--before`)
    rules: list[RuleInfo] = Field(default_factory=list)
    files: list[FileResult] = Field(default_factory=list)
    #: How many rules `--before release` would run: the reports say what the gate left out.
    rules_available: int = 0

    def checked_line(self) -> str:
        """The reports' opening line: the rules and stages checked, and the gate."""
        return checked_line(self.stage, [rule.stage for rule in self.rules], self.rules_available)

    def stages_checked(self) -> list[str]:
        """The stages whose rules ran, in production order."""
        return [stage for stage in STAGES if any(rule.stage == stage for rule in self.rules)]

    def violations(self) -> list[Violation]:
        return [v for f in self.files for v in f.violations]

    def counts(self) -> dict[str, int]:
        return count_by_severity(self.violations())

    def reported_rules(self) -> list[RuleInfo]:
        """Every rule that ran, then (sorted by code) the reserved codes that have findings."""
        rules = list({rule.code: rule for rule in self.rules}.values())
        known = {rule.code for rule in rules}
        extra: dict[str, RuleInfo] = {}
        for v in self.violations():
            if v.code not in known and v.code not in extra:
                severity, summary = RESERVED.get(v.code, (v.severity, v.name))
                extra[v.code] = RuleInfo(
                    code=v.code,
                    name=v.name,
                    summary=summary,
                    stage=v.stage or "",
                    severity=severity,
                )
        return rules + [extra[code] for code in sorted(extra)]

    @property
    def has_unreadable(self) -> bool:
        return any(f.unreadable for f in self.files)

    def drop_below(self, floor: Severity) -> None:
        """Leave out findings below `floor` (an unreadable set's error is never below it)."""
        for file in self.files:
            file.violations = [v for v in file.violations if v.severity.rank >= floor.rank]

    def worst_at_or_above(self, threshold: Severity) -> bool:
        return any(v.severity.rank >= threshold.rank for v in self.violations())

    def summary_line(self) -> str:
        counts = self.counts()
        total = sum(counts.values())
        files = len(self.files)
        file_word = "file" if files == 1 else "files"
        if total == 0:
            return f"No problems found in {files} {file_word}."
        parts = [
            f"{n} {sev}{'s' if n != 1 and sev != 'info' else ''}" for sev, n in counts.items() if n
        ]
        word = "problem" if total == 1 else "problems"
        return f"Found {total} {word} ({', '.join(parts)}) in {files} {file_word}."
