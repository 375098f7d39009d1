"""The wing that serves Live sets to AI assistants (MCP), without Live running.

`tools` holds the tools as plain functions returning JSON-ready dicts; `paths` keeps every
file access inside the folders the server was started with.
"""
