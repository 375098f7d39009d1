"""`alslint inspect`: an overview of one set."""

from __future__ import annotations

import click

from .options import DOCUMENTED_JSON, text_or_json


@click.command()
@click.argument("path", type=click.Path(dir_okay=True, path_type=str))
@text_or_json(DOCUMENTED_JSON)
def inspect(path: str, output_format: str):
    """Print an overview of one set: version, tempo, tracks, clips, locators, automation."""
    from ..als.build import load
    from ..inspect.overview import overview
    from ..inspect.render import to_json, to_text

    summary = overview(load(path))
    click.echo(to_json(summary) if output_format == "json" else to_text(summary), nl=False)
