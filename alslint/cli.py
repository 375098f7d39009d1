"""The `alslint` command line.

Exit codes (a public contract, see README "Exit codes"):
  0  nothing at or above the failure threshold (or no difference, for `diff`)
  1  findings at or above the threshold (or differences)
  2  usage, configuration or unreadable-input error
"""

from __future__ import annotations

import sys

import click

from . import __version__
from .errors import AlslintError

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


class _DefaultToLint(click.Group):
    """`alslint song.als` means `alslint lint song.als`: a bare path runs the linter."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["lint", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_DefaultToLint, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="alslint", message="%(prog)s %(version)s")
def cli():
    """Inspect and lint Ableton Live sets.

    `alslint PATH...` lints sets (same as `alslint lint PATH...`).
    """


@cli.command()
@click.argument("path", type=click.Path(dir_okay=True, path_type=str))
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text",
    show_default=True, help="text for people, json for tools (documented keys).",
)  # fmt: skip
def inspect(path: str, output_format: str):
    """Print an overview of one set: version, tempo, tracks, clips, locators, automation."""
    from .inspect_report import to_json, to_text
    from .overview import overview
    from .parser import load

    summary = overview(load(path))
    click.echo(to_json(summary) if output_format == "json" else to_text(summary), nl=False)


def run(argv: list[str] | None = None) -> int:
    """Run the command line with `argv` and return the exit code (never raises)."""
    try:
        result = cli.main(args=argv, prog_name="alslint", standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as exc:
        click.echo(exc.ctx.get_help())
        return EXIT_ERROR
    except click.UsageError as exc:
        click.echo(f"alslint: error: {exc.format_message()}", err=True)
        return EXIT_ERROR
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.Abort:
        click.echo("alslint: aborted", err=True)
        return EXIT_ERROR
    except AlslintError as exc:
        click.echo(f"alslint: error: {exc}", err=True)
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_ERROR
    return result if isinstance(result, int) else EXIT_OK


def main() -> None:
    sys.exit(run())
