"""`alslint lint` (and a bare `alslint PATH`): lint sets and report what is still open."""

from __future__ import annotations

import os
import re

import click

from ..levels import STAGE_ORDER
from .exits import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, echo_error
from .progress import progress_reporter
from .trust import trusted_rules_dirs

#: Every --format name; kept here so that `--help` needs no formatter imports.
FORMAT_NAMES = ("text", "markdown", "html", "json", "sarif", "github", "junit", "gitlab")


def _split(values: tuple[str, ...]) -> list[str]:
    return [item.strip() for value in values for item in value.split(",") if item.strip()]


def _names_a_set(output: str) -> bool:
    """Whether `output` would name a Live set on some platform: Windows drops trailing dots
    and spaces and reads `name:stream` (`song.als::$DATA`) as the file `name`, and file
    systems may ignore case; so the last part of the path is compared as Windows would."""
    name = re.split(r"[\\/]", output)[-1].split(":", 1)[0].rstrip(". ")
    return name.casefold().endswith(".als")


#: The format an --output file's extension asks for when --format is not given.
_FORMAT_OF_SUFFIX = {
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".json": "json",
    ".sarif": "sarif",
    ".xml": "junit",
}


def _colour_from_environment() -> bool | None:
    """`NO_COLOR` (no-color.org) and `FORCE_COLOR`, when no --color/--no-color is given."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR", "0") not in ("", "0"):
        return True
    return None


def _write_output(text: str, output: str, human: bool) -> None:
    """Write the report to `output` atomically, or into it when it is a pipe or a device
    (which stay what they are); never over a Live set."""
    import stat
    from pathlib import Path

    from ..files import write_text_atomically

    target = Path(output)
    if _names_a_set(output):
        raise click.UsageError(f"--output {output}: refusing to write a report over a Live set")
    if target.is_dir():
        raise click.UsageError(f"--output {output}: is a folder")
    text = click.unstyle(text) if human else text
    # Whatever the report holds, it is written: what UTF-8 cannot carry becomes an escape.
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    try:
        mode = target.stat().st_mode
    except (OSError, ValueError):
        mode = None
    try:
        if mode is not None and not stat.S_ISREG(mode):
            with open(target, "w", encoding="utf-8", newline="") as out:
                out.write(text)
        else:
            write_text_atomically(target, text)
    except OSError as exc:
        raise click.UsageError(
            f"--output {output}: cannot be written ({exc.strerror or exc})"
        ) from None


@click.command()
@click.argument("paths", nargs=-1, required=True, type=str)
@click.option(
    "--before",
    "--stage",
    "stage",
    type=click.Choice(STAGE_ORDER),
    default=None,
    help="The stage you are about to start: runs the rules of every stage to finish before it "
    "[default: mixing, or `before` from config]. `release` runs all. `--stage` is an alias.",
)
@click.option(
    "--select",
    multiple=True,
    help="Rules to run (codes, code prefixes or names; comma-separated). Replaces the config's `select`.",
)
@click.option("--extend-select", multiple=True, help="Rules to run in addition.")
@click.option("--ignore", multiple=True, help="Rules not to run.")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default=None,
    help="Lowest severity that makes the exit code 1 [default: warning].",
)
@click.option(
    "--min-severity",
    type=click.Choice(["error", "warning", "info"]),
    default=None,
    help="Report only findings at or above this severity [default: info, all of them].",
)
@click.option(
    "--exit-zero",
    is_flag=True,
    help="Exit 0 even when there are findings (unreadable sets still exit 2).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(list(FORMAT_NAMES)),
    default=None,
    help="Report format [default: text, or from the --output file's extension].",
)
@click.option(
    "--output",
    "-o",
    type=str,
    default=None,
    help="Write the report to this file instead of standard output (`-`: standard output); "
    ".html, .md, .json, .sarif and .xml choose the format when --format is not given. A pipe "
    "or device is written into, never replaced.",
)
@click.option(
    "--config",
    "config_file",
    type=str,
    default=None,
    help="Use this alslint.toml or pyproject.toml instead of searching for one.",
)
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
@click.option(
    "--rules-dir",
    multiple=True,
    help="Load rules from the .py files in this folder (runs their code).",
)
@click.option(
    "--force-exclude",
    is_flag=True,
    help="Apply `exclude` (and Backup/) to files named on the command line too, as pre-commit needs.",
)
@click.option(
    "--color/--no-color",
    default=None,
    help="Colour the text report [default: when writing to a terminal; NO_COLOR and "
    "FORCE_COLOR are honoured].",
)
@click.option(
    "--max-set-mb",
    type=click.IntRange(1, 16384),
    default=None,
    help="Refuse sets whose XML decompresses to more than this [default: 512].",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, 256),
    default=None,
    help="Lint this many sets in parallel [default: number of cores].",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the result cache.")
@click.option(
    "--statistics",
    is_flag=True,
    help="Text report: count the findings per rule instead of listing them.",
)
@click.option(
    "--concise",
    is_flag=True,
    help="Text report: one line per finding, with its file (for long runs, grep, editors).",
)
@click.option(
    "--verbose",
    "-v",
    is_flag=True,
    help="Text report: list every finding; without it, 3+ of one rule on a track fold into one line.",
)
@click.option(
    "--generate-ignore",
    is_flag=True,
    help="Accept every current finding: write them to .alslint-ignore in this folder.",
)
# -- fixes (issue #15; commands/fixing.py) ---------------------------------------------------
@click.option("--fix", is_flag=True, help="Apply the safe fixes of the selected rules to the sets.")
@click.option(
    "--unsafe-fixes",
    is_flag=True,
    help="With --fix or --diff: also apply fixes that change how the song sounds.",
)
@click.option(
    "--diff",
    "fix_diff",
    is_flag=True,
    help="Print what --fix would change (as `alslint diff` describes it); write nothing.",
)
@click.option(
    "--collect",
    is_flag=True,
    help="Copy samples from outside each set's project into its Samples/Imported/ and point "
    "the set at them (Live's Collect All and Save).",
)
@click.option(
    "--search",
    "search_dirs",
    multiple=True,
    help="A folder to search for missing samples (repeatable; config `sample-search-paths`).",
)
# -- end of fixes ----------------------------------------------------------------------------
def lint(
    paths,
    stage,
    select,
    extend_select,
    ignore,
    fail_on,
    min_severity,
    exit_zero,
    output_format,
    output,
    config_file,
    isolated,
    rules_dir,
    force_exclude,
    color,
    max_set_mb,
    jobs,
    no_cache,
    generate_ignore,
    fix,
    unsafe_fixes,
    fix_diff,
    collect,
    search_dirs,
    statistics,
    concise,
    verbose,
):
    """Lint Live sets (files or folders) and report what is still open."""
    from pathlib import Path

    if output_format is None:
        suffix = Path(output).suffix.lower() if output else ""
        output_format = _FORMAT_OF_SUFFIX.get(suffix, "text")
    if color is None:
        color = _colour_from_environment()

    from ..formatters import HUMAN_FORMATS, render
    from ..levels import Severity
    from ..lint import baseline, engine, ignore_files, selection
    from ..lint.config import check_selectors, find_config_file, load_config, resolve_rules
    from ..lint.registry import configured_rules

    if isolated:
        config = load_config(None)
    else:
        if config_file:
            config = load_config(Path(config_file))
        else:
            config = load_config(find_config_file(Path.cwd()), found=True)
    settings = config.settings
    if max_set_mb is not None:
        settings.max_set_mb = max_set_mb
    stage = stage or config.before
    rules = configured_rules(config, trusted_rules_dirs(config), rules_dir)
    # Selectors typed on the command line are checked (and blamed) apart from the file's.
    for name, values in (("select", select), ("extend-select", extend_select), ("ignore", ignore)):
        check_selectors(_split(values), rules, f"command line: {name}")
    if select:
        settings.select = _split(select)
    settings.extend_select += _split(extend_select)
    settings.ignore += _split(ignore)
    job = engine.LintJob(config, resolve_rules(config, rules, stage), stage, force_exclude)
    if not job.settings:
        raise selection.nothing_to_run(stage, settings.select, settings.ignore)
    job.rules_available = len(resolve_rules(config, rules, "release"))
    job.with_outline = output_format == "html"
    # -- fixes (issue #15): where missing samples are searched for. What those folders hold is
    # no file-system fact the cache can check, so a run that searches is not cached.
    settings.sample_search_paths += [os.path.abspath(d) for d in search_dirs]
    job.search_paths = [config.root / d for d in settings.sample_search_paths]
    if not no_cache and not job.search_paths:
        from ..lint.cache import Cache, cache_dir, run_key

        config_key = f"{config.root}\n{settings.model_dump_json()}\n{stage}\n{job.with_outline}"
        job.cache = Cache(cache_dir(), run_key(job.settings, config_key, job.max_xml_bytes))
    ignore_file = Path(baseline.IGNORE_FILE)
    fixing = fix or fix_diff or collect
    # --generate-ignore writes the current folder's file, and fixes leave what it accepts:
    # a bad one fails before the run.
    entries = baseline.read(ignore_file) if (generate_ignore or fixing) and not isolated else []
    # -- fixes (issue #15; commands/fixing.py): applied before the lint reports what remains.
    fixes = None
    if fixing:
        from .fixing import LIVE_OVERWRITES, apply_fixes, diff_exit

        fixes = apply_fixes(
            list(paths),
            job,
            unsafe=unsafe_fixes,
            diff=fix_diff,
            fix=fix or (fix_diff and not collect),
            collect=collect,
            accepted=set(entries),
        )
        if collect:
            click.echo(fixes.collect_summary(diff=fix_diff), err=True)
        if fix_diff:
            if fix or not collect:
                click.echo(fixes.summary(diff=True), err=True)
            return diff_exit(fixes)
        if fixes.files or fixes.collected_files:
            click.echo(LIVE_OVERWRITES, err=True)
    # -- end of fixes
    result = engine.run(list(paths), job, jobs or os.cpu_count() or 1, progress_reporter())
    if not result.files and any(Path(p).is_dir() for p in paths):
        # A CI job pointed at the wrong folder must fail, not pass with "0 files".
        raise click.UsageError(f"no Live set (.als) found in {', '.join(paths)}")
    if generate_ignore:
        count = baseline.write(result, ignore_file)
        click.echo(f"alslint: wrote {count} accepted finding(s) to {ignore_file}", err=True)
        return EXIT_ERROR if result.has_unreadable else EXIT_OK
    if not isolated:
        ignore_files.apply(result, config)
    if min_severity:
        result.drop_below(Severity(min_severity))

    report = render(result, output_format, verbose, concise, statistics)
    human = output_format in HUMAN_FORMATS
    to_file = output not in (None, "", "-")  # `-o -` is standard output, as in most tools
    if to_file:
        _write_output(report, output, human)
    else:
        click.echo(report, nl=False, color=color if human else False)
    # Every unreadable set is also an error line on stderr, whatever the format and target.
    for file in result.files:
        if file.unreadable:
            echo_error(f"{file.path}: {file.violations[0].message}")

    if fixes is not None:  # (issue #15)
        remaining = sum(len(file.violations) for file in result.files)
        if fix:
            click.echo(fixes.summary(remaining), err=True)
        if fixes.refused:
            return EXIT_ERROR
    if result.has_unreadable:
        return EXIT_ERROR
    threshold = Severity(fail_on or settings.fail_on)
    if not exit_zero and result.worst_at_or_above(threshold):
        return EXIT_FINDINGS
    return EXIT_OK
