"""alslint: inspect and lint Ableton Live sets.

Public API: `load(path)` returns the typed model of a set; `alslint.api` is what rule authors
import. The heavy parts (pydantic models, lxml) are imported on first use, so that
`alslint --version` and `--help` start as fast as Python itself.
"""

from ._version import __version__
from .errors import AlslintError, ConfigError, SetReadError

__all__ = ["AlslintError", "ConfigError", "LiveSet", "SetReadError", "__version__", "load"]


def __getattr__(name: str):
    if name == "load":
        from .als.build import load

        return load
    if name == "LiveSet":
        from .model import LiveSet

        return LiveSet
    raise AttributeError(f"module 'alslint' has no attribute {name!r}")
