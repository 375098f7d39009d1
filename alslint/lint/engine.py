"""Run rules over sets: find the files, load each set, run every rule in isolation."""

from __future__ import annotations

import gc
import multiprocessing
import traceback
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..als.build import load
from ..api import Context
from ..errors import SetReadError
from ..findings import Finding, Location
from .cache import Cache, Fact, content_hash, file_fact
from .config import Config, RuleSetting, ignored_for_file, path_matches
from .discovery import sets_below
from .outline import outline
from .results import (
    DAMAGED,
    INTERNAL_ERROR,
    UNKNOWN_VERSION,
    UNREADABLE,
    FileResult,
    RuleInfo,
    RunResult,
    Violation,
    reserved,
)

#: Newest Live major version whose sets alslint was built and tested against.
NEWEST_KNOWN_LIVE = 12

#: Live keeps automatic backups in `Backup/` folders inside a project: never lint those.
DEFAULT_EXCLUDES = ["Backup/"]


@dataclass
class LintJob:
    config: Config
    settings: list[RuleSetting]
    stage: str
    force_exclude: bool = False
    cache: Cache | None = None
    with_outline: bool = False  # the report draws the arrangement (HTML)
    #: Answers the rules' file look-ups (default: the file system); the MCP server passes one
    #: that looks only inside its folders.
    file_exists: Callable[[Path], bool] | None = None
    #: Folders the rules may search for moved files (`--search`, config `sample-search-paths`).
    search_paths: list[Path] = field(default_factory=list)
    #: How many rules `--before release` would run, for the reports' opening line.
    rules_available: int = 0

    @property
    def max_xml_bytes(self) -> int:
        return self.config.settings.max_set_mb * 1024 * 1024


def display_path(path: Path) -> str:
    """The path as reports show it: relative to the current folder when inside it, else as given."""
    if path.is_absolute():
        try:
            return path.relative_to(Path.cwd()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def _relative_to_root(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def is_excluded(path: Path, config: Config) -> bool:
    relative = _relative_to_root(path, config.root)
    patterns = DEFAULT_EXCLUDES + config.settings.exclude
    return any(path_matches(relative, pattern) for pattern in patterns)


def discover(paths: list[str], job: LintJob) -> list[Path]:
    """Expand folders to the `.als` files below them (sorted; see `discovery`); keep files as
    given."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(sets_below(path, lambda p: is_excluded(p, job.config)))
        elif job.force_exclude and is_excluded(path, job.config):
            continue
        else:
            found.append(path)
    return found


@contextmanager
def _no_cycle_collection():
    """A large set's model is a million new objects: the cycle collector's passes over them
    while the set is built and checked cost up to 10% of a lint. It runs again afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def lint_file(path: Path, job: LintJob, facts: dict[str, Fact] | None = None) -> FileResult:
    """Lint one set; `facts` (when given) receives what rules asked of the file system."""
    with _no_cycle_collection():
        return _lint_file(path, job, {} if facts is None else facts)


def _recorder(facts: dict[str, Fact]):
    """`Context.file_exists` that remembers each answer, for the cache to check later."""

    def file_exists(path: Path) -> bool:
        fact = facts[str(path)] = file_fact(path)
        return fact is not None

    return file_exists


def _lint_file(path: Path, job: LintJob, facts: dict[str, Fact]) -> FileResult:
    shown = display_path(path)
    result = FileResult(path=shown)
    try:
        live_set = load(path, max_xml_bytes=job.max_xml_bytes)
    except SetReadError as exc:
        result.unreadable = True
        result.violations.append(reserved(UNREADABLE, shown, exc.problem))
        return result
    result.violations.extend(_load_problems(live_set, shown))
    if job.with_outline:
        result.outline = outline(live_set)
    # A job's own look-up (the MCP server's folder guard) runs without the cache, so only the
    # default look-up needs recording for it.
    file_exists = job.file_exists or _recorder(facts)
    context = Context(live_set, path, file_exists, job.search_paths)
    relative = _relative_to_root(path, job.config.root)
    for setting in job.settings:
        rule = setting.rule
        if ignored_for_file(job.config, relative, rule):
            continue
        try:
            violations = [
                _violation(rule, setting, finding, shown)
                for finding in rule().check(live_set, setting.options, context)
            ]
        except Exception as exc:  # one broken rule must not hide the others' findings
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            where = f"{Path(frame.filename).name}:{frame.lineno}"
            message = (
                f"rule {rule.code} ({rule.name}) crashed: {type(exc).__name__}: {exc} (at {where})"
            )
            result.violations.append(reserved(INTERNAL_ERROR, shown, message))
            continue
        result.violations.extend(violations)
    result.violations.sort(key=_order)
    return result


def fixable_findings(
    live_set, path: Path, job: LintJob, unsafe: bool
) -> list[tuple[type, Finding]]:
    """(rule, finding) of each finding of the selected rules that carries a fix to apply: the
    fixes of rules whose `fix_safety` is "safe", and the unsafe ones when `unsafe` is true."""
    context = Context(live_set, path, job.file_exists, job.search_paths)
    relative = _relative_to_root(path, job.config.root)
    found = []
    for setting in job.settings:
        rule = setting.rule
        if ignored_for_file(job.config, relative, rule):
            continue
        if rule.fix_safety != "safe" and not unsafe:
            continue
        try:
            findings = list(rule().check(live_set, setting.options, context))
        except Exception:  # noqa: BLE001 - the lint of the same set reports it (ALS002)
            continue
        found += [(rule, f) for f in findings if isinstance(f, Finding) and f.fix is not None]
    return found


def _violation(rule, setting: RuleSetting, finding, shown: str) -> Violation:
    if not isinstance(finding, Finding):
        raise TypeError(f"check() yielded {type(finding).__name__}, not an alslint.api.Finding")
    return Violation(
        code=rule.code,
        name=rule.name,
        severity=setting.severity,
        stage=rule.stage.value,
        message=finding.message,
        file=shown,
        location=finding.location,
    )


def _load_problems(live_set, shown: str) -> list[Violation]:
    """Findings about the set itself: damaged parts that were skipped, unknown versions."""
    problems = [reserved(DAMAGED, shown, f"Damaged set: {note}") for note in live_set.damage]
    major = live_set.live_major
    if major is None or major > NEWEST_KNOWN_LIVE:
        creator = live_set.creator or "an unknown Live version"
        message = f"Saved by {creator}, newer than alslint knows (Live 8–{NEWEST_KNOWN_LIVE}): checked best-effort"
        problems.append(reserved(UNKNOWN_VERSION, shown, message))
    return problems


def _order(violation: Violation):
    loc: Location = violation.location
    return (
        loc.track_index if loc.track_index is not None else -1,
        loc.start if loc.start is not None else -1.0,
        violation.code,
        violation.message,
    )


def _lint_cached(path: Path, job: LintJob) -> FileResult:
    if job.cache is None:
        return lint_file(path, job)
    shown = display_path(path)
    digest = content_hash(path)
    if digest is not None:
        cached = job.cache.get(digest, shown)
        if cached is not None:
            return cached
    facts: dict[str, Fact] = {}
    result = lint_file(path, job, facts)
    if digest is not None:
        job.cache.put(digest, shown, result, facts)
    return result


#: The job of the current run, inherited by forked worker processes (never pickled: rules
#: loaded from a local folder live in modules a fresh process could not import).
_WORKER_JOB: LintJob | None = None


def _worker(path: Path) -> FileResult:
    return _lint_cached(path, _WORKER_JOB)


def _lint_all(files: list[Path], job: LintJob, jobs: int, progress) -> list[FileResult]:
    global _WORKER_JOB
    if jobs <= 1 or len(files) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        results = []
        for done, path in enumerate(files, start=1):
            results.append(_lint_cached(path, job))
            progress(done, len(files), path)
        return results
    _WORKER_JOB = job
    try:
        context = multiprocessing.get_context("fork")
        with context.Pool(min(jobs, len(files))) as pool:
            # Biggest files first keeps both cores busy until the end; order is restored below.
            order = sorted(range(len(files)), key=lambda i: -_size(files[i]))
            by_index = {}
            for done, (index, result) in enumerate(
                pool.imap_unordered(_indexed_worker, [(i, files[i]) for i in order]), start=1
            ):
                by_index[index] = result
                progress(done, len(files), files[index])
        return [by_index[i] for i in range(len(files))]
    finally:
        _WORKER_JOB = None


def _indexed_worker(item: tuple[int, Path]) -> tuple[int, FileResult]:
    index, path = item
    return index, _worker(path)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _no_progress(done: int, total: int, path: Path) -> None:
    pass


def run(paths: list[str], job: LintJob, jobs: int = 1, progress=_no_progress) -> RunResult:
    files = discover(paths, job)
    result = RunResult(
        stage=job.stage,
        rules=[
            RuleInfo(
                code=s.rule.code,
                name=s.rule.name,
                summary=s.rule.summary,
                stage=s.rule.stage.value,
                severity=s.severity,
                doc=s.rule.doc(),
            )
            for s in job.settings
        ],
        rules_available=max(job.rules_available, len(job.settings)),
    )
    result.files = _lint_all(files, job, jobs, progress)
    return result
