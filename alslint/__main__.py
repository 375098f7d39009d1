"""`python -m alslint` runs the command line, exactly as `alslint` does."""

from .cli import main

main()
