"""`alslint mcp`: start the MCP server on standard input/output."""

from __future__ import annotations

import os

import click

#: Printed (after `alslint: error:`) when the `mcp` SDK is not installed.
MISSING_EXTRA = (
    'the MCP server needs the mcp extra: pip install "alslint[mcp]" (or pipx inject alslint mcp)'
)


@click.command()
@click.option(
    "--root",
    "roots",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=str),
    help="A folder the server may read sets from (repeatable) [default: the current folder]. "
    "Relative paths from the client are read against the first.",
)
def mcp(roots: tuple[str, ...]) -> None:
    """Serve sets to AI assistants: a Model Context Protocol server over stdio."""
    try:
        from ..mcp.server import build_server
    except ImportError as exc:
        if exc.name is None or not exc.name.startswith("mcp"):
            raise
        raise click.UsageError(MISSING_EXTRA) from None
    from ..mcp.paths import Roots

    allowed = Roots(list(roots) or [os.getcwd()])
    # Paths in results are shown relative to the first folder, as the CLI shows them relative
    # to where it runs; a client's relative paths resolve there too.
    os.chdir(allowed.folders[0])
    build_server(allowed).run("stdio")
