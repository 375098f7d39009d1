"""`alslint textconv` and `alslint diff`: Live sets in git."""

from __future__ import annotations

import click

from ..safetext import shown
from .exits import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, echo_error
from .options import DOCUMENTED_JSON, text_or_json


def _write(text: str) -> None:
    """Write UTF-8 whatever the locale git runs us in."""
    click.echo(text.encode("utf-8", errors="backslashreplace"), nl=False)


@click.command()
@click.argument("path", type=str)
def textconv(path: str) -> int:
    """Print a set as stable, line-oriented text for `git diff` (a git textconv filter).

    Never fails: a set that cannot be read prints one line saying why, and exits 0, so that
    git shows that line as the file's content.
    """
    try:
        from ..als.build import load
        from ..gitdiff.textconv import render

        text = render(load(path))
    except Exception as exc:  # noqa: BLE001 - git must get text, never a traceback
        reason = getattr(exc, "problem", None) or str(exc) or type(exc).__name__
        text = f"alslint: cannot read this set: {shown(' '.join(str(reason).split()))}\n"
    _write(text)
    return EXIT_OK


@click.command()
@click.argument("old", type=str)
@click.argument("new", type=str)
@text_or_json(DOCUMENTED_JSON)
def diff(old: str, new: str, output_format: str) -> int:
    """Show what changed musically from OLD to NEW: tracks, clips, devices, mixer, automation.

    Exit code 0: no difference; 1: differences; 2: a set could not be read.
    """
    from ..als.build import load
    from ..errors import SetReadError
    from ..gitdiff.compare import diff_sets
    from ..gitdiff.render import to_json, to_text

    sets = []
    for path in (old, new):
        try:
            sets.append(load(path))
        except SetReadError as exc:
            echo_error(f"{path}: {exc.problem}")
            return EXIT_ERROR
    result = diff_sets(*sets)
    _write(to_json(result) if output_format == "json" else to_text(result))
    return EXIT_FINDINGS if result.different else EXIT_OK
