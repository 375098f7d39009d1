"""Running the command line in-process, for the CLI-level tests."""

from __future__ import annotations

from alslint.cli import run


def cli(capsys, *argv: str) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of `alslint ARGV...` run in this process."""
    code = run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def text_report(files: list[tuple[str, list[str]]], summary: str) -> str:
    """The text report: per file its path, its finding lines (or "no problems"), a blank line."""
    out = ""
    for path, lines in files:
        out += path + "\n" + "".join(line + "\n" for line in (lines or ["  no problems"])) + "\n"
    return out + summary + "\n"
