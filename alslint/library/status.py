"""How far each set of a library is: its summary, the stage it has reached, what is open.

Every set is linted once with the rules of every stage (as `alslint --stage release` would,
through the result cache); the stage it has reached is then the furthest gate — arrangement,
sound-design, mixing, mastering, release — whose rules (those `alslint --stage GATE` runs)
found nothing at or above the failure threshold. A set that passes no gate is still in
composition. Missing samples are the findings of `missing-sample` (ALS304).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pydantic import BaseModel, computed_field

from ..errors import SetReadError
from ..levels import STAGE_ORDER, STAGES
from ..lint import engine
from ..lint.cache import content_hash
from ..lint.gates import GATES, Gates  # noqa: F401 - also imported from here
from ..lint.results import FileResult
from .parallel import parallel_map
from .projects import Project, discover, saved_at
from .summary import SetSummary, SummaryCache, read_summary

MISSING_SAMPLE = "ALS304"


class SetStatus(BaseModel):
    path: str  # as reports show it
    name: str
    saved: datetime
    summary: SetSummary | None = None
    error: str | None = None  # why the set could not be read
    stage: str | None = None  # the stage reached; None when unreadable
    open: dict[str, int]  # findings at or above the threshold, by the stage of their rule
    other: int = 0  # damaged parts, unknown versions, crashed rules (no stage)
    missing_samples: int = 0
    report: str | None = None  # the set's full report (HTML status only)


class ProjectStatus(BaseModel):
    name: str
    path: str
    sets: list[SetStatus]
    backups: int
    first_backup: datetime | None = None
    last_backup: datetime | None = None
    newest_backup: str | None = None

    @computed_field
    @property
    def missing_samples(self) -> int:
        return sum(s.missing_samples for s in self.sets)


@dataclass
class _Scan:
    job: engine.LintJob
    summaries: SummaryCache | None


def scan_one(path: Path, scan: _Scan) -> tuple[SetSummary | None, str | None, FileResult]:
    """(summary, read error, lint result) of one set, each from its cache when it has one."""
    digest = content_hash(path)
    job = scan.job
    shown = engine.display_path(path)
    result = job.cache.get(digest, shown) if job.cache and digest else None
    if result is None:
        facts: dict = {}
        result = engine.lint_file(path, job, facts)
        if job.cache is not None and digest is not None:
            job.cache.put(digest, shown, result, facts)
    if result.unreadable:
        return None, result.violations[0].message, result
    try:
        return read_summary(path, digest, scan.summaries, job.max_xml_bytes), None, result
    except SetReadError as exc:
        return None, exc.problem, result


def set_status(path: Path, scanned, gates: Gates) -> SetStatus:
    summary, error, result = scanned
    status = SetStatus(
        path=result.path,
        name=path.name,
        saved=saved_at(path),
        summary=summary,
        error=error,
        open={stage: 0 for stage in STAGES},
    )
    if error is not None:
        return status
    for violation in result.violations:
        if violation.code == MISSING_SAMPLE:
            status.missing_samples += 1
        if violation.severity.rank < gates.threshold.rank:
            continue
        if violation.stage is None:
            status.other += 1
        else:
            status.open[violation.stage] += 1
    status.stage = gates.reached(result.violations)
    return status


def project_status(project: Project, sets: list[SetStatus]) -> ProjectStatus:
    backups = project.backups
    return ProjectStatus(
        name=project.name,
        path=engine.display_path(project.root),
        sets=sets,
        backups=len(backups),
        first_backup=backups[0].saved if backups else None,
        last_backup=backups[-1].saved if backups else None,
        newest_backup=backups[-1].path.name if backups else None,
    )


def stage_rank(status: SetStatus) -> int:
    """Order of the stage reached (unreadable sets first)."""
    return -1 if status.stage is None else STAGE_ORDER.index(status.stage)


def library_status(
    paths: list[str], job: engine.LintJob, gates: Gates, jobs: int, progress, cached: bool, ignore
) -> tuple[list[ProjectStatus], list[FileResult]]:
    """The status of every project under `paths` and the lint result of each of its sets;
    `ignore(results)` drops accepted findings (the ignore file) before stages are decided."""
    projects = discover(paths, lambda path: engine.is_excluded(path, job.config))
    files = [path for project in projects for path in project.sets]
    summaries = SummaryCache() if cached else None
    scan = _Scan(job, summaries)
    scanned = parallel_map(lambda path: scan_one(path, scan), files, jobs, progress)
    results = [result for _, _, result in scanned]
    ignore(results)
    statuses = iter([set_status(path, s, gates) for path, s in zip(files, scanned)])
    return [project_status(p, [next(statuses) for _ in p.sets]) for p in projects], results


def sort_and_filter(
    projects: list[ProjectStatus],
    sort: str,
    reverse: bool,
    reached: set[str],
    since: datetime | None,
    name: str | None,
) -> list[ProjectStatus]:
    """Keep the sets that match every filter; sort sets, then projects by their first set."""

    def keep(project: ProjectStatus, s: SetStatus) -> bool:
        if reached and s.stage not in reached:
            return False
        if since is not None and s.saved.replace(tzinfo=None) < since:
            return False
        wanted = (name or "").casefold()
        return wanted in s.name.casefold() or wanted in project.name.casefold()

    def key(s: SetStatus):
        if sort == "stage":  # furthest first
            return (-stage_rank(s), s.name.casefold())
        if sort == "date":  # newest first
            return (-s.saved.timestamp(), s.name.casefold())
        return (s.name.casefold(),)

    kept = []
    for project in projects:
        sets = sorted((s for s in project.sets if keep(project, s)), key=key, reverse=reverse)
        if sets or (not project.sets and not (reached or since or name)):
            kept.append(project.model_copy(update={"sets": sets}))
    if sort == "name":
        kept.sort(key=lambda p: (p.name.casefold(), p.path), reverse=reverse)
    else:
        kept.sort(key=lambda p: key(p.sets[0]) if p.sets else (1e18,), reverse=reverse)
    return kept
