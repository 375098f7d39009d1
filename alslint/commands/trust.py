"""`alslint trust`: let a config's rule folders run (see `alslint.lint.trust`)."""

from __future__ import annotations

import click

from ..lint.trust import is_trusted
from ..safetext import shown
from .exits import EXIT_ERROR, EXIT_OK


@click.command()
@click.argument("config", required=False, type=str)
@click.option("--list", "list_them", is_flag=True, help="List the trusted configs.")
@click.option("--remove", is_flag=True, help="Stop trusting CONFIG.")
def trust(config: str | None, list_them: bool, remove: bool) -> int:
    """Trust CONFIG (an alslint.toml or pyproject.toml; default: the one found from here):
    the rule folders it names in `rules-dirs` may run. Trusting records the file's path and
    hash; a changed file needs trusting again.
    """
    from pathlib import Path

    from ..lint import trust as store
    from ..lint.config import find_config_file, load_config

    if list_them:
        if config or remove:
            raise click.UsageError("--list takes no CONFIG and no --remove")
        for path, digest in store.trusted().items():
            click.echo(f"{shown(path)}\t{digest}")
        return EXIT_OK
    path = Path(config) if config else find_config_file(Path.cwd())
    if path is None:
        raise click.UsageError("no alslint.toml or pyproject.toml with [tool.alslint] found here")
    if remove:
        if not store.remove(path):
            click.echo(f"alslint: {shown(path)} was not trusted", err=True)
            return EXIT_ERROR
        click.echo(f"alslint: no longer trusting {shown(path)}", err=True)
        return EXIT_OK
    folders = load_config(path, found=config is None).settings.rules_dirs  # a valid config only
    recorded = store.trust(path)
    named = shown(", ".join(folders)) if folders else "none"
    click.echo(f"alslint: trusted {shown(recorded)} (rule folders: {named})", err=True)
    return EXIT_OK


def trusted_rules_dirs(config) -> list[str]:
    """The config's rule folders, if the user trusted this config (they run code); else none,
    and a warning that says how to trust them."""
    folders = config.settings.rules_dirs
    if not folders or config.source is None or is_trusted(config.source):
        return folders
    source = shown(str(config.source))
    click.echo(
        f"alslint: warning: skipped rule folders of {source} (not trusted): "
        f"{shown(', '.join(folders))}; run 'alslint trust {source}' to trust them",
        err=True,
    )
    config.rules_skipped = True
    return []
