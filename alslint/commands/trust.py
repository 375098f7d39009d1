"""`alslint trust`: let a config's rule folders run (see `alslint.lint.trust`)."""

from __future__ import annotations

import click

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
            click.echo(f"{path}\t{digest}")
        return EXIT_OK
    path = Path(config) if config else find_config_file(Path.cwd())
    if path is None:
        raise click.UsageError("no alslint.toml or pyproject.toml with [tool.alslint] found here")
    if remove:
        if not store.remove(path):
            click.echo(f"alslint: {path} was not trusted", err=True)
            return EXIT_ERROR
        click.echo(f"alslint: no longer trusting {path}", err=True)
        return EXIT_OK
    folders = load_config(path, found=config is None).settings.rules_dirs  # a valid config only
    recorded = store.trust(path)
    named = ", ".join(folders) if folders else "none"
    click.echo(f"alslint: trusted {recorded} (rule folders: {named})", err=True)
    return EXIT_OK
