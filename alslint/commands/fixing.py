"""`alslint --fix` / `--diff` / `--collect`: the fixes the selected rules' findings carry, and
the collected samples, applied to each set (or shown as `alslint diff` would describe them),
before the lint reports what remains."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import click

from ..fix.apply import choose_edits, refusal
from .exits import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK

LIVE_OVERWRITES = (
    "alslint: note: a set that is open in Live is overwritten when Live saves it: close it "
    "there without saving, and open it again to see the fixes"
)


@dataclass
class FixOutcome:
    """What a `--fix` or `--diff` run did to all its sets."""

    fixed: Counter = field(default_factory=Counter)  # rule name → findings fixed
    files: int = 0  # sets written (or, with --diff, that would be)
    refused: int = 0  # sets not written: refused or failed
    collected: int = 0  # samples copied into a project (--collect)
    collected_files: int = 0  # sets pointed at collected samples

    @property
    def count(self) -> int:
        return sum(self.fixed.values())

    def summary(self, remaining: int | None = None, diff: bool = False) -> str:
        by_rule = ", ".join(f"{n} {name}" for name, n in sorted(self.fixed.items()))
        verb = "Would fix" if diff else "Fixed"
        line = f"{verb} {self.count} finding{'s' if self.count != 1 else ''}"
        if by_rule:
            line += f" ({by_rule})"
        line += f" in {self.files} file{'s' if self.files != 1 else ''}"
        if remaining is not None:
            line += f"; {remaining} remaining"
        return line + "."

    def collect_summary(self, diff: bool = False) -> str:
        verb = "Would collect" if diff else "Collected"
        samples = f"{self.collected} sample{'s' if self.collected != 1 else ''}"
        files = f"{self.collected_files} file{'s' if self.collected_files != 1 else ''}"
        return f"{verb} {samples} into Samples/Imported/ in {files}."


def apply_fixes(
    paths: list[str],
    job,
    unsafe: bool,
    diff: bool,
    fix: bool = True,
    collect: bool = False,
    accepted=(),
) -> FixOutcome:
    """Fix (`fix`) and collect the samples of (`collect`) every set below `paths`; with
    `diff`, describe what that would change instead. Findings `accepted` in the ignore file
    are left as they are."""
    from ..als.build import load_xml
    from ..errors import SetReadError
    from ..fix import collect as collecting
    from ..fix.writer import FixError, Snapshot, apply_edits, write_fixed
    from ..lint import baseline, engine

    outcome = FixOutcome()
    for path in engine.discover(paths, job):
        shown = engine.display_path(path)
        try:
            snapshot = Snapshot.read(path, job.max_xml_bytes)
            live_set = load_xml(str(path), snapshot.xml)
        except (OSError, SetReadError):
            continue  # the lint that follows reports it (ALS000)
        problem = refusal(live_set, engine.NEWEST_KNOWN_LIVE)
        if problem:
            _error(shown, problem)
            outcome.refused += 1
            continue
        fixable = engine.fixable_findings(live_set, path, job, unsafe) if fix else []
        fixable = [
            (rule, finding)
            for rule, finding in fixable
            if baseline.entry(shown, rule.code, finding.location) not in accepted
        ]
        edits, fixed = choose_edits(fixable)
        collection = collecting.plan(live_set, path) if collect else collecting.Collection()
        for problem in collection.refused:
            click.echo(f"alslint: note: {shown}: not collected: {problem}", err=True)
        # A clip whose reference a fix already rewrites is collected on the next run.
        taken = {(e.track, e.clip) for e in edits}
        edits += [e for e in collection.edits if (e.track, e.clip) not in taken]
        if not edits:
            continue
        try:
            new_xml = apply_edits(snapshot.xml, edits)
            if diff:
                _print_diff(shown, live_set, load_xml(str(path), new_xml))
            else:
                collecting.copy_samples(collection.copies)
                write_fixed(snapshot, new_xml, edits)
        except (FixError, SetReadError, OSError) as exc:
            _error(shown, f"not fixed: {exc}")
            outcome.refused += 1
            continue
        if fixed:
            outcome.fixed += fixed
            outcome.files += 1
        if collection.copies:
            outcome.collected += len(collection.copies)
            outcome.collected_files += 1
    return outcome


def _error(shown: str, message: str) -> None:
    click.echo(f"alslint: error: {shown}: {message}", err=True)


def _print_diff(shown: str, old, new) -> None:
    from ..gitdiff.compare import diff_sets
    from ..gitdiff.render import to_text

    text = to_text(diff_sets(old, new))
    # The first line of `alslint diff` names both files; here both are this set.
    body = text.split("\n", 1)[1] if "\n" in text else text
    click.echo(f"{shown} (fixed)\n{body}", nl=not body.endswith("\n"))


def diff_exit(outcome: FixOutcome) -> int:
    """`--diff` exits 1 when fixes would change a set (as ruff does), 2 when a set was refused."""
    if outcome.refused:
        return EXIT_ERROR
    return EXIT_FINDINGS if outcome.files or outcome.collected_files else EXIT_OK
