"""The `alslint` command line: assembles the commands of `alslint.commands` into one group.

Exit codes (a public contract, see README "Exit codes"):
  0  nothing at or above the failure threshold (or no difference, for `diff`)
  1  findings at or above the threshold (or differences)
  2  usage, configuration or unreadable-input error
"""

from __future__ import annotations

import os
import sys

import click

from ._version import __version__
from .commands.exits import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, echo_error
from .commands.gitdiff import diff, textconv
from .commands.inspect import inspect
from .commands.library import LIBRARY_COMMANDS
from .commands.lint import FORMAT_NAMES, lint
from .commands.mcp import mcp
from .commands.rules import list_rules, show_rule
from .commands.trust import trust
from .errors import AlslintError

__all__ = ["EXIT_ERROR", "EXIT_FINDINGS", "EXIT_OK", "FORMAT_NAMES", "cli", "main", "run"]


class _DefaultToLint(click.Group):
    """`alslint song.als` means `alslint lint song.als`: a bare path runs the linter.

    Options may come before the command, as git users type them: `alslint --rules-dir x rules`
    is `alslint rules --rules-dir x`, not a lint of a file called `rules`.
    """

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = self._command_first(args)
            if args[0] not in self.commands:
                args = ["lint", *args]
        return super().parse_args(ctx, args)

    def _command_first(self, args: list[str]) -> list[str]:
        """Move a command named after leading options to the front; other args stay as given."""
        takes_value = {
            name: not param.is_flag
            for param in self.commands["lint"].params
            if isinstance(param, click.Option)
            for name in (*param.opts, *param.secondary_opts)
        }
        i = 0
        while i < len(args):
            token = args[i]
            if token == "--" or not token.startswith("-"):
                break
            i += 2 if "=" not in token and takes_value.get(token, False) else 1
        if i < len(args) and args[i] in self.commands:
            return [args[i], *args[:i], *args[i + 1 :]]
        return args


@click.group(cls=_DefaultToLint, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="alslint", message="%(prog)s %(version)s")
def cli():
    """Inspect and lint Ableton Live sets.

    `alslint PATH...` lints sets (same as `alslint lint PATH...`).
    """


for command in (
    inspect,
    lint,
    list_rules,
    show_rule,
    textconv,
    diff,
    trust,
    mcp,
    *LIBRARY_COMMANDS,
):
    cli.add_command(command)


def run(argv: list[str] | None = None) -> int:
    """Run the command line with `argv` and return the exit code (never raises)."""
    try:
        result = cli.main(args=argv, prog_name="alslint", standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as exc:
        click.echo(exc.ctx.get_help())
        return EXIT_ERROR
    except click.UsageError as exc:
        echo_error(exc.format_message())
        return EXIT_ERROR
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.Abort:
        click.echo("alslint: aborted", err=True)
        return EXIT_ERROR
    except AlslintError as exc:
        echo_error(str(exc))
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_ERROR
    except Exception as exc:  # a bug in alslint: still one line, never a traceback
        if os.environ.get("ALSLINT_DEBUG"):
            raise
        echo_error(
            f"{type(exc).__name__}: {exc} "
            "(please report it; set ALSLINT_DEBUG=1 for the traceback)",
            label="internal error",
        )
        return EXIT_ERROR
    return result if isinstance(result, int) else EXIT_OK


def main() -> None:
    # No output encoding ends a run: what a narrow stdout (cp1252 on Windows, redirected)
    # cannot carry is written as a backslash escape.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    sys.exit(run())
