"""Trust before code: which configs may load the rule folders they name.

A config's `rules-dirs` are Python that alslint imports. A repository a producer clones — or
any folder above it — can hold such a config, so its rule folders load only after the user
has trusted that config with `alslint trust`: its resolved path and the sha256 of its bytes
are recorded in `trusted.json` in the user's data folder. A changed config needs trusting
again. Rule folders named with `--rules-dir` are the user's own choice and always load;
plugins installed as packages are trusted as installed software.

Data folder: `$ALSLINT_DATA_DIR`, else `$XDG_DATA_HOME/alslint`, else the platform's
(`~/Library/Application Support/alslint` on macOS, `%APPDATA%\\alslint` on Windows,
`~/.local/share/alslint` elsewhere).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

from ..errors import ConfigError
from ..files import MAX_CONFIG_BYTES, FileRefused, read_regular, write_text_atomically

TRUST_FILE = "trusted.json"
_MAX_TRUST_BYTES = 4 << 20


def data_dir() -> Path:
    if os.environ.get("ALSLINT_DATA_DIR"):
        return Path(os.environ["ALSLINT_DATA_DIR"])
    if os.environ.get("XDG_DATA_HOME"):
        return Path(os.environ["XDG_DATA_HOME"]) / "alslint"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "alslint"
    if sys.platform == "win32" and os.environ.get("APPDATA"):
        return Path(os.environ["APPDATA"]) / "alslint"
    return Path.home() / ".local" / "share" / "alslint"


def _store() -> Path:
    return data_dir() / TRUST_FILE


def config_digest(config: Path) -> str:
    """sha256 of the config's bytes (read as configs are: a regular file of bounded size)."""
    try:
        return hashlib.sha256(read_regular(config, max_bytes=MAX_CONFIG_BYTES)).hexdigest()
    except FileRefused as exc:
        raise ConfigError(f"{config}: {exc.problem}") from None
    except OSError as exc:
        raise ConfigError(f"{config}: cannot be read ({exc.strerror or exc})") from None


def _key(config: Path) -> str:
    return os.path.realpath(config)


def trusted() -> dict[str, str]:
    """{resolved config path: sha256} of every trusted config."""
    store = _store()
    try:
        data = json.loads(read_regular(store, max_bytes=_MAX_TRUST_BYTES))
    except FileNotFoundError:
        return {}
    except FileRefused as exc:
        raise ConfigError(f"{store}: {exc.problem}") from None
    except (OSError, ValueError) as exc:
        raise ConfigError(f"{store}: cannot be read ({exc})") from None
    configs = data.get("configs") if isinstance(data, dict) else None
    if not isinstance(configs, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in configs.items()
    ):
        raise ConfigError(f"{store}: not an alslint trust file (remove it and trust again)")
    return configs


def is_trusted(config: Path) -> bool:
    return trusted().get(_key(config)) == config_digest(config)


def _save(configs: dict[str, str]) -> None:
    store = _store()
    text = json.dumps({"version": 1, "configs": dict(sorted(configs.items()))}, indent=2) + "\n"
    try:
        store.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomically(store, text)
    except OSError as exc:
        raise ConfigError(f"{store}: cannot be written ({exc.strerror or exc})") from None


def trust(config: Path) -> str:
    """Trust `config` as it is now; return the path recorded."""
    configs = trusted()
    key = _key(config)
    configs[key] = config_digest(config)
    _save(configs)
    return key


def remove(config: Path) -> bool:
    """Stop trusting `config`; False when it was not trusted."""
    configs = trusted()
    key = _key(config)
    if key not in configs and str(config) not in configs:
        return False
    configs.pop(key, None)
    configs.pop(str(config), None)
    _save(configs)
    return True
