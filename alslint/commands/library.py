"""The library's click commands: `status`, `plugins`, `locators`, `find`.

Each command only parses its options and hands the work to the module of its concern.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from ..errors import AlslintError
from ..levels import STAGE_ORDER
from ..library.locators import FORMATS as LOCATOR_FORMATS
from .progress import progress_reporter
from .trust import trusted_rules_dirs


@click.command()
@click.argument("path", type=str)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(LOCATOR_FORMATS),
    default="csv",
    show_default=True,
    help="csv or json (name, bar.beat.sixteenth, beats, seconds), a CUE sheet, or the "
    "`0:00 Intro` chapter list video platforms read.",
)
def locators(path: str, output_format: str):
    """Export the locators of one set with the seconds at which Live plays them."""
    from ..als.build import load
    from ..library.locators import locator_rows, render

    click.echo(render(locator_rows(load(path)), output_format, path), nl=False)


def _config(config_file: str | None, isolated: bool):
    from ..lint.config import find_config_file, load_config

    if isolated:
        return load_config(None)
    return load_config(Path(config_file) if config_file else find_config_file(Path.cwd()))


def _write(text: str, output: str | None) -> None:
    from ..files import write_text_atomically

    if output is None:
        click.echo(text, nl=False)
        return
    target = Path(output)
    if target.suffix.lower() == ".als":
        raise AlslintError(f"--output {output}: refusing to write a report over a Live set")
    try:
        write_text_atomically(target, text)
    except OSError as exc:
        raise AlslintError(
            f"--output {output}: cannot be written ({exc.strerror or exc})"
        ) from None


_config_options = [
    click.option("--config", "config_file", default=None, help="Use this configuration file."),
    click.option("--isolated", is_flag=True, help="Ignore all configuration files."),
]


def _with(options):
    def decorate(function):
        for option in reversed(options):
            function = option(function)
        return function

    return decorate


@click.command()
@click.argument("paths", nargs=-1, required=True, type=str)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "html"]),
    default="text",
    show_default=True,
    help="html needs --output: it writes each set's full report beside the page.",
)
@click.option("--output", "-o", default=None, help="Write to this file instead of standard output.")
@click.option(
    "--sort",
    type=click.Choice(["name", "stage", "date"]),
    default="name",
    show_default=True,
    help="name A–Z; stage: furthest first; date: newest first (projects follow their first set).",
)
@click.option("--reverse", is_flag=True, help="Reverse the order.")
@click.option(
    "--reached",
    multiple=True,
    type=click.Choice(STAGE_ORDER),
    help="Only sets that have reached this stage (repeatable).",
)
@click.option(
    "--since", type=click.DateTime(["%Y-%m-%d"]), help="Only sets saved on or after this day."
)
@click.option(
    "--name", "name_filter", default=None, help="Only sets or projects whose name contains this."
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default=None,
    help="Lowest severity that keeps a set from passing a gate [default: warning].",
)
@_with(_config_options)
@click.option(
    "--jobs", "-j", type=click.IntRange(1, 256), default=None, help="Sets read in parallel."
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the caches.")
def status(
    paths,
    output_format,
    output,
    sort,
    reverse,
    reached,
    since,
    name_filter,
    fail_on,
    config_file,
    isolated,
    jobs,
    no_cache,
):
    """Every set under PATHS by Live project: how far each song is and what it still needs."""
    from ..levels import Severity
    from ..library.render import to_html, to_json, to_text
    from ..library.status import GATES, Gates, library_status, sort_and_filter
    from ..lint import baseline, engine
    from ..lint.cache import Cache, cache_dir, run_key
    from ..lint.config import resolve_rules
    from ..lint.registry import configured_rules
    from ..lint.results import RunResult

    if output_format == "html" and output is None:
        raise AlslintError("--format html needs --output FILE (the sets' reports go beside it)")
    config = _config(config_file, isolated)
    settings = config.settings
    rules = configured_rules(config, trusted_rules_dirs(config))
    gates = Gates(
        {gate: {s.rule.code for s in resolve_rules(config, rules, gate)} for gate in GATES},
        Severity(fail_on or settings.fail_on),
    )
    # One lint with every gate's rules: the same run, and cache entries, as `--stage release`.
    job = engine.LintJob(config, resolve_rules(config, rules, "release"), "release")
    job.with_outline = output_format == "html"
    if not no_cache:
        config_key = f"{config.root}\n{settings.model_dump_json()}\nrelease\n{job.with_outline}"
        job.cache = Cache(cache_dir(), run_key(job.settings, config_key, job.max_xml_bytes))
    ignore_file = Path(baseline.IGNORE_FILE)
    entries = [] if isolated else baseline.read(ignore_file)

    def ignore(results):
        baseline.apply(RunResult(stage="release", files=results), entries, ignore_file)

    projects, results = library_status(
        list(paths),
        job,
        gates,
        jobs or os.cpu_count() or 1,
        progress_reporter(min_total=1),
        not no_cache,
        ignore,
    )
    projects = sort_and_filter(projects, sort, reverse, set(reached), since, name_filter)
    threshold = gates.threshold.value
    if output_format == "html":
        _write_reports(projects, results, job, Path(output))
        _write(to_html(projects, threshold), output)
    else:
        _write((to_json if output_format == "json" else to_text)(projects, threshold), output)


def _write_reports(projects, results, job, output: Path) -> None:
    """Each set's full HTML report in `<page>_reports/`, linked from the page."""
    from ..formatters import render
    from ..lint import engine
    from ..lint.results import RunResult

    folder = output.with_name(output.stem + "_reports")
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise AlslintError(f"{folder}: cannot be created ({exc.strerror or exc})") from None
    by_path = {result.path: result for result in results}
    rules = engine.run([], job).rules  # the rules' descriptions, as a lint run lists them
    number = 0
    for project in projects:
        for status in project.sets:
            number += 1
            name = f"{number:04d}.html"
            run = RunResult(stage="release", rules=rules, files=[by_path[status.path]])
            _write(render(run, "html"), str(folder / name))
            status.report = f"{folder.name}/{name}"


def _summaries(paths, jobs, no_cache, config):
    """(shown path, summary) of every readable set; unreadable ones reported on stderr."""
    from ..library.summary import read_summaries
    from ..lint import engine

    found = read_summaries(
        list(paths),
        jobs or os.cpu_count() or 1,
        progress_reporter(min_total=1),
        not no_cache,
        config.settings.max_set_mb * 1024 * 1024,
        lambda path: engine.is_excluded(path, config),
    )
    readable = []
    for path, summary, error in found:
        shown = engine.display_path(path)
        if summary is None:
            click.echo(f"alslint: error: {shown}: {error}", err=True)
        else:
            readable.append((shown, summary))
    return readable, len(readable) < len(found)


_read_options = [
    *_config_options,
    click.option(
        "--jobs", "-j", type=click.IntRange(1, 256), default=None, help="Sets read in parallel."
    ),
    click.option("--no-cache", is_flag=True, help="Neither read nor write the cache."),
    click.option(
        "--format",
        "output_format",
        type=click.Choice(["text", "json"]),
        default="text",
        show_default=True,
    ),
]


@click.command()
@click.argument("paths", nargs=-1, required=True, type=str)
@click.option(
    "--installed",
    is_flag=True,
    help="Check each plugin against those installed: Live's standard folders on this machine, "
    "--plugin-folder and --plugin-list. Exit 1 when one is missing.",
)
@click.option(
    "--plugin-list",
    default=None,
    help="A file naming installed plugins, one a line (another machine's, or CI's). Implies --installed.",
)
@click.option(
    "--plugin-folder", multiple=True, help="Another folder holding plugins. Implies --installed."
)
@click.option(
    "--no-standard-folders",
    is_flag=True,
    help="Check only against --plugin-list and --plugin-folder, not this machine's plugin folders.",
)
@_with(_read_options)
def plugins(
    paths,
    installed,
    plugin_list,
    plugin_folder,
    no_standard_folders,
    config_file,
    isolated,
    jobs,
    no_cache,
    output_format,
):
    """Every plugin (VST2, VST3, AU) the sets under PATHS use, with the sets using it."""
    from ..installed_plugins import installed_plugins
    from ..library.plugins import plugin_rows, to_json, to_text

    inventory = None
    if installed or plugin_list or plugin_folder:
        try:
            inventory = installed_plugins(
                tuple(plugin_folder), plugin_list, not no_standard_folders
            )
        except OSError as exc:
            raise AlslintError(
                f"--plugin-list {plugin_list}: cannot be read ({exc.strerror or exc})"
            ) from None
        if inventory is None:
            raise AlslintError(
                "cannot decide which plugins are installed: no plugin folder exists on this "
                "machine; give --plugin-list FILE or --plugin-folder DIR"
            )
    summaries, unreadable = _summaries(paths, jobs, no_cache, _config(config_file, isolated))
    rows = plugin_rows(summaries, inventory)
    if output_format == "json":
        click.echo(to_json(rows, inventory), nl=False)
    else:
        click.echo(to_text(rows, inventory, len(summaries)), nl=False)
    if unreadable:
        return 2
    return 1 if inventory is not None and not all(row.installed for row in rows) else 0


@click.command()
@click.argument("paths", nargs=-1, required=True, type=str)
@click.option("--plugin", multiple=True, help="Uses this plugin (name as you know it; repeatable).")
@click.option(
    "--device", multiple=True, help="Has a device whose name contains this (or matches a glob)."
)
@click.option(
    "--sample",
    multiple=True,
    help="Plays a sample whose file name contains this (or matches a glob).",
)
@click.option(
    "--tempo",
    default=None,
    help="Tempo, or a range such as 120-128 (an automated tempo overlaps it).",
)
@click.option("--key", default=None, help='Key as Live names it, e.g. "A minor".')
@click.option(
    "--min-tracks",
    type=click.IntRange(0),
    default=None,
    help="At least this many audio and MIDI tracks.",
)
@_with(_read_options)
def find(
    paths,
    plugin,
    device,
    sample,
    tempo,
    key,
    min_tracks,
    config_file,
    isolated,
    jobs,
    no_cache,
    output_format,
):
    """List the sets under PATHS that match every condition given. Exit 1 when none does."""
    from ..library.find import Query, matches, parse_tempo, to_json
    from ..safetext import shown

    query = Query(
        list(plugin),
        list(device),
        list(sample),
        parse_tempo(tempo) if tempo else None,
        key,
        min_tracks,
    )
    summaries, unreadable = _summaries(paths, jobs, no_cache, _config(config_file, isolated))
    found = [(path, summary) for path, summary in summaries if matches(summary, query)]
    if output_format == "json":
        click.echo(to_json(found), nl=False)
    else:
        click.echo("".join(shown(path) + "\n" for path, _ in found), nl=False)
    if unreadable:
        return 2
    return 0 if found else 1


#: Registered by `alslint.cli`.
LIBRARY_COMMANDS = [locators, status, plugins, find]
