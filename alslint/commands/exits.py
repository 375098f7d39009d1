"""The exit codes, a public contract (see README "Exit codes"), and the one error line."""

from __future__ import annotations

import click

from ..safetext import shown

#: Nothing at or above the failure threshold; for `diff`: no difference.
EXIT_OK = 0
#: Findings at or above the threshold; for `diff`: differences.
EXIT_FINDINGS = 1
#: A usage, configuration or unreadable-input error.
EXIT_ERROR = 2


def echo_error(message: str, label: str = "error") -> None:
    """`alslint: error: …` on stderr, the message shown safely: it may quote a file name,
    a config value or a set's words, and CI logs read stderr too."""
    click.echo(f"alslint: {label}: {shown(message)}", err=True)
