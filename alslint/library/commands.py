"""The library's click commands: `status`, `plugins`, `locators`, `find`.

Each command only parses its options and hands the work to the module of its concern.
"""

from __future__ import annotations

import click

from .locators import FORMATS as LOCATOR_FORMATS


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
    from ..parser import load
    from .locators import locator_rows, render

    click.echo(render(locator_rows(load(path)), output_format, path), nl=False)


#: Registered by `alslint.cli`.
LIBRARY_COMMANDS = [locators]
