"""The command line's commands, one plain click command per module; `alslint.cli` assembles
them."""
