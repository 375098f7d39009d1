"""`alslint mcp`: a Model Context Protocol server that lets AI assistants read, lint and diff
Live sets without Live running.

`tools` holds the tools as plain functions returning JSON-ready dicts; `server` wraps them for
the `mcp` SDK (the optional `mcp` extra); `paths` keeps every file access inside the folders
the server was started with; `command` is the click command.
"""
