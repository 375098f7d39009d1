"""`alslint inspect`: an overview of one set, or of several sets one after another."""

from __future__ import annotations

import click

from .exits import EXIT_ERROR, EXIT_OK
from .options import DOCUMENTED_JSON, text_or_json


def _sets(paths: tuple[str, ...]):
    """The sets named, folders expanded as `lint` expands them (Backup/ and hidden skipped)."""
    from pathlib import Path

    from ..lint.config import path_matches
    from ..lint.discovery import sets_below
    from ..lint.engine import DEFAULT_EXCLUDES

    found = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():

            def excluded(p: Path, root: Path = path) -> bool:
                relative = p.relative_to(root).as_posix()
                return any(path_matches(relative, pattern) for pattern in DEFAULT_EXCLUDES)

            found.extend(sets_below(path, excluded))
        else:
            found.append(path)
    return found


@click.command()
@click.argument("paths", nargs=-1, required=True, type=str)
@text_or_json(DOCUMENTED_JSON + " Several sets or a folder: a list of them.")
def inspect(paths: tuple[str, ...], output_format: str):
    """Print an overview of sets: version, tempo, tracks, clips, locators, automation.

    Several sets (or folders of sets) are shown one after another; in JSON, as a list.
    """
    import json
    from pathlib import Path

    from ..als.build import load
    from ..errors import SetReadError
    from ..inspect.overview import overview
    from ..inspect.render import to_json, to_text

    if len(paths) == 1 and not Path(paths[0]).is_dir():  # one set named: one object, as ever
        summary = overview(load(paths[0]))
        click.echo(to_json(summary) if output_format == "json" else to_text(summary), nl=False)
        return EXIT_OK
    sets = _sets(paths)
    if not sets:
        raise click.UsageError(f"no Live set (.als) found in {', '.join(paths)}")
    summaries, failed = [], False
    for path in sets:
        try:
            summaries.append(overview(load(path)))
        except SetReadError as exc:
            click.echo(f"alslint: error: {exc}", err=True)
            failed = True
    if output_format == "json":
        click.echo(json.dumps(summaries, indent=2, ensure_ascii=False))
    else:
        click.echo("\n".join(to_text(summary) for summary in summaries), nl=False)
    return EXIT_ERROR if failed else EXIT_OK
