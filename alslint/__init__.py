"""alslint: inspect and lint Ableton Live sets.

Public API: `load(path)` returns the typed model of a set; `alslint.api` is what rule authors
import.
"""

from .errors import AlslintError, ConfigError, SetReadError
from .model import LiveSet
from .parser import load

__version__ = "0.1.0"

__all__ = ["AlslintError", "ConfigError", "LiveSet", "SetReadError", "__version__", "load"]
