"""The errors alslint raises for input a user can get wrong.

Every one of them carries a one-line message meant for the terminal; the CLI prints it and
exits with code 2. Anything else escaping is a bug.
"""

from __future__ import annotations


class AlslintError(Exception):
    """Base of every error alslint reports to the user as a one-line message."""


class SetReadError(AlslintError):
    """A file could not be read as a Live set (missing, not a set, damaged, hostile)."""

    def __init__(self, path: str, problem: str):
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class ConfigError(AlslintError):
    """A configuration file or option is invalid."""
