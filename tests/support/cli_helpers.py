"""Running the command line in-process, for the CLI-level tests."""

from __future__ import annotations

from alslint.cli import run


def cli(capsys, *argv: str) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of `alslint ARGV...` run in this process."""
    code = run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def before_mixing(rules: int = 22, available: int = 31) -> str:
    """The text report's opening line at the default gate (before mixing)."""
    return (
        f"Checked {rules} rules of 3 stages (composition, arrangement, sound design) — "
        f"before mixing; --before release runs all {available}"
    )


#: The text report's opening line for the default gate with the built-in rules.
DEFAULT_CHECKED = before_mixing()


def text_report(
    files: list[tuple[str, list[str]]], summary: str, checked: str = DEFAULT_CHECKED
) -> str:
    """The text report: the checked line, then per file its path, its finding lines (or
    "no problems") and a blank line, then the summary."""
    out = checked + "\n\n"
    for path, lines in files:
        out += path + "\n" + "".join(line + "\n" for line in (lines or ["  no problems"])) + "\n"
    return out + summary + "\n"
