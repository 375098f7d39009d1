"""Find rules: the `alslint.rules` entry-point group, and local rule folders.

Built-in rules are registered through the entry-point group exactly as a third-party package
registers its own. An entry point names a `Rule` subclass (or a module or list holding several).
A local rule folder is imported file by file; this runs the code in it, so it is only done
when the user names the folder (`--rules-dir` or the `rules-dirs` config key).
"""

from __future__ import annotations

import hashlib
import importlib.util
import inspect
import sys
import types
from importlib.metadata import entry_points
from pathlib import Path

from ..api import Rule
from ..errors import ConfigError

ENTRY_POINT_GROUP = "alslint.rules"


def _rules_in(obj, origin: str) -> list[type[Rule]]:
    if inspect.isclass(obj) and issubclass(obj, Rule) and obj is not Rule:
        return [obj]
    if isinstance(obj, types.ModuleType):
        return [
            value
            for value in vars(obj).values()
            if inspect.isclass(value)
            and issubclass(value, Rule)
            and value is not Rule
            and value.__module__ == obj.__name__
        ]
    if isinstance(obj, (list, tuple)):
        return [rule for item in obj for rule in _rules_in(item, origin)]
    raise ConfigError(f"{origin}: does not name an alslint rule (a subclass of alslint.api.Rule)")


def entry_point_rules() -> list[tuple[type[Rule], str]]:
    found = []
    for entry_point in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda ep: ep.name):
        origin = f"entry point {entry_point.name!r} ({entry_point.value})"
        try:
            obj = entry_point.load()
        except Exception as exc:  # a broken plugin must not stop the others from being named
            raise ConfigError(f"{origin}: cannot be loaded ({type(exc).__name__}: {exc})") from None
        found.extend((rule, origin) for rule in _rules_in(obj, origin))
    return found


def folder_rules(folder: Path, named_in: str) -> list[tuple[type[Rule], str]]:
    if not folder.is_dir():
        raise ConfigError(f"{named_in}: rules folder {folder} does not exist")
    found = []
    for file in sorted(folder.glob("*.py")):
        if file.name.startswith("_"):
            continue
        digest = hashlib.sha1(str(file.resolve()).encode()).hexdigest()[:12]
        module_name = f"alslint_local_rules_{digest}_{file.stem}"
        spec = importlib.util.spec_from_file_location(module_name, file)
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module
        try:
            spec.loader.exec_module(module)
        except Exception as exc:
            del sys.modules[module_name]
            raise ConfigError(f"{file}: cannot be imported ({type(exc).__name__}: {exc})") from None
        found.extend((rule, str(file)) for rule in _rules_in(module, str(file)))
    return found


def collect_rules(rule_dirs: list[tuple[Path, str]] = ()) -> list[type[Rule]]:
    """All rules, sorted by code. Invalid metadata and duplicate codes or names fail loudly.

    `rule_dirs` are (folder, where it was named) pairs; a folder named twice loads once.
    """
    candidates = entry_point_rules()
    seen: set[Path] = set()
    for folder, named_in in rule_dirs:
        if folder.resolve() in seen:
            continue
        seen.add(folder.resolve())
        candidates.extend(folder_rules(folder, named_in))
    by_code: dict[str, tuple[type[Rule], str]] = {}
    by_name: dict[str, tuple[type[Rule], str]] = {}
    for rule, origin in candidates:
        problems = rule.metadata_problems()
        if problems:
            raise ConfigError(f"{origin}: rule {rule.__name__} is invalid: {'; '.join(problems)}")
        for index, key in ((by_code, rule.code), (by_name, rule.name)):
            if key in index and index[key][0] is not rule:
                other, other_origin = index[key]
                raise ConfigError(
                    f"duplicate rule {'code' if index is by_code else 'name'} {key}: "
                    f"{rule.__name__} from {origin} and {other.__name__} from {other_origin}"
                )
            index[key] = (rule, origin)
    return sorted((rule for rule, _ in by_code.values()), key=lambda rule: rule.code)


def configured_rules(
    config, config_dirs: list[str], rules_dirs: tuple[str, ...] = ()
) -> list[type[Rule]]:
    """The rules a command sees with `config` (a `config.Config`): the installed ones, the
    config's rule folders it may run (`config_dirs`: its `rules-dirs` once trusted, relative
    to its file) and the command line's `--rules-dir`. `lint`, `rules`, `rule` and `status`
    all load through here, so they always agree."""
    folders = [(config.root / folder, config.label) for folder in config_dirs]
    folders += [(Path(folder), "--rules-dir") for folder in rules_dirs]
    return collect_rules(folders)
