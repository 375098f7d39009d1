"""Configuration: `[tool.alslint]` in the nearest `pyproject.toml`, or `alslint.toml`.

Looked up from the current folder upwards; in one folder `alslint.toml` wins over
`pyproject.toml`, and a `pyproject.toml` without `[tool.alslint]` is passed over. Command-line
options override the file. Every mistake is a `ConfigError` naming the file and the key.
"""

from __future__ import annotations

import fnmatch
import functools
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..api import Rule, RuleOptions
from ..errors import ConfigError
from ..levels import STAGE_ORDER, Severity
from .selection import did_you_mean

SeverityOrOff = Literal["error", "warning", "info", "off"]
StageName = Literal["composition", "arrangement", "sound-design", "mixing", "mastering", "release"]


class FileConfig(BaseModel):
    """The keys of `[tool.alslint]` (kebab-case in the file)."""

    model_config = ConfigDict(extra="forbid")

    # `before` is the gate's name; `stage` is its older alias, kept for existing configs.
    before: StageName | None = None
    stage: StageName | None = None
    select: list[str] | None = None
    extend_select: list[str] = Field(default_factory=list, alias="extend-select")
    ignore: list[str] = Field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict, alias="per-file-ignores")
    severity: dict[str, SeverityOrOff] = Field(default_factory=dict)
    exclude: list[str] = Field(default_factory=list)
    rules_dirs: list[str] = Field(default_factory=list, alias="rules-dirs")
    fail_on: Literal["error", "warning", "info"] = Field("warning", alias="fail-on")
    # Cap on a set's decompressed XML: stops decompression bombs. Real sets stay below 71 MB.
    max_set_mb: int = Field(512, ge=1, le=16384, alias="max-set-mb")
    rules: dict[str, dict[str, object]] = Field(default_factory=dict)


@dataclass
class Config:
    settings: FileConfig = field(default_factory=FileConfig)
    source: Path | None = None  # the file it came from
    root: Path = field(default_factory=Path.cwd)  # folder relative paths are resolved against

    @property
    def before(self) -> str:
        """The configured gate (`before`, or its alias `stage`), default: before mixing."""
        return self.settings.before or self.settings.stage or "mixing"

    @property
    def label(self) -> str:
        return str(self.source) if self.source else "command line"


def find_config_file(start: Path) -> Path | None:
    for folder in [start, *start.parents]:
        dedicated = folder / "alslint.toml"
        if dedicated.is_file():
            return dedicated
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "alslint" in _read_toml(pyproject).get("tool", {}):
            return pyproject
    return None


def _read_toml(path: Path) -> dict:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML ({exc})") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def load_config(path: Path | None) -> Config:
    """Load `path` (an alslint.toml or a pyproject.toml); no path gives the defaults."""
    if path is None:
        return Config()
    if not path.is_file():
        raise ConfigError(f"{path}: config file not found")
    data = _read_toml(path)
    if path.name == "alslint.toml":
        table, table_name = data, ""
    else:
        table, table_name = data.get("tool", {}).get("alslint", {}), "[tool.alslint] "
    try:
        settings = FileConfig.model_validate(table)
    except ValidationError as exc:
        raise ConfigError(f"{path}: {table_name}{_first_error(exc)}") from None
    return Config(settings=settings, source=path, root=path.parent)


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    key = ".".join(str(part) for part in error["loc"])
    if error["type"] == "extra_forbidden":
        if key == "tool":
            return (
                "unknown key 'tool': alslint.toml holds the keys themselves, without [tool.alslint]"
            )
        return f"unknown key '{key}'"
    return f"'{key}': {error['msg']}"


# -- rule selection --------------------------------------------------------------------------


def _match_strength(selector: str, rule: type[Rule]) -> int:
    """How specifically `selector` names `rule`: 0 = not at all; exact names beat prefixes."""
    if selector in (rule.code, rule.name):
        return 1000
    if rule.code.startswith(selector):
        return len(selector) + 1
    return 0


def check_selectors(selectors: list[str], rules: list[type[Rule]], where: str) -> None:
    for selector in selectors:
        if not any(_match_strength(selector, rule) for rule in rules):
            hint = did_you_mean(selector, [r.name for r in rules], [r.code for r in rules])
            raise ConfigError(f"{where}: unknown rule or code prefix '{selector}'{hint}")


@dataclass
class RuleSetting:
    rule: type[Rule]
    severity: Severity
    options: RuleOptions


def resolve_rules(config: Config, rules: list[type[Rule]], stage: str) -> list[RuleSetting]:
    """The rules to run, with their severity and validated options.

    A rule runs when it is selected more specifically than it is ignored, and belongs to a
    stage before `stage`. A rule named, or matched by a code prefix with a digit (`ALS4`), in
    `select`/`extend-select` runs whatever its stage: an explicit selection wins over the gate.
    """
    s = config.settings
    where = config.label
    select = s.select if s.select is not None else [""]  # "" prefixes every code: all rules
    if s.select is not None:
        check_selectors(select, rules, f"{where}: select")
    check_selectors(s.extend_select, rules, f"{where}: extend-select")
    check_selectors(s.ignore, rules, f"{where}: ignore")
    check_selectors(list(s.severity), rules, f"{where}: severity")
    for pattern, selectors in s.per_file_ignores.items():
        check_selectors(selectors, rules, f"{where}: per-file-ignores '{pattern}'")
    known = {key for rule in rules for key in (rule.code, rule.name)}
    for key in s.rules:
        if key not in known:
            hint = did_you_mean(key, [r.name for r in rules], [r.code for r in rules])
            raise ConfigError(f"{where}: [rules.{key}]: unknown rule '{key}'{hint}")
    # Options are checked for every rule, also those this run leaves out.
    options = {rule.code: _options_for(rule, s.rules, where) for rule in rules}

    stage_limit = STAGE_ORDER.index(stage)
    settings = []
    for rule in rules:
        chosen = max((_match_strength(sel, rule) for sel in [*select, *s.extend_select]), default=0)
        ignored = max((_match_strength(sel, rule) for sel in s.ignore), default=0)
        if chosen == 0 or ignored >= chosen:
            continue
        in_stage = STAGE_ORDER.index(rule.stage.value) < stage_limit
        explicit = any(_is_explicit(sel, rule) for sel in [*select, *s.extend_select])
        if not in_stage and not explicit:
            continue
        severity = _severity_for(rule, s.severity)
        if severity is None:
            continue
        settings.append(RuleSetting(rule, severity, options[rule.code]))
    return settings


def _is_explicit(selector: str, rule: type[Rule]) -> bool:
    """A name, a code or a prefix with a digit (`ALS4`) chooses rules; `ALS` alone means all."""
    return _match_strength(selector, rule) > 0 and (
        selector in (rule.code, rule.name) or any(c.isdigit() for c in selector)
    )


def _severity_for(rule: type[Rule], overrides: dict[str, str]) -> Severity | None:
    best, value = 0, None
    for selector, level in overrides.items():
        strength = _match_strength(selector, rule)
        if strength > best:
            best, value = strength, level
    if value is None:
        return rule.default_severity
    return None if value == "off" else Severity(value)


def _options_for(rule: type[Rule], tables: dict[str, dict], where: str) -> RuleOptions:
    table = tables.get(rule.name, tables.get(rule.code, {}))
    try:
        return rule.Options.model_validate(table)
    except ValidationError as exc:
        error = exc.errors()[0]
        option = ".".join(str(part) for part in error["loc"]) or "(table)"
        if error["type"] == "extra_forbidden":
            problem = f"unknown option '{option}'"
        else:
            problem = f"option '{option}': {error['msg']}"
        raise ConfigError(f"{where}: [rules.{rule.name}] {problem}") from None


def ignored_for_file(config: Config, relative_path: str, rule: type[Rule]) -> bool:
    """True when `per-file-ignores` switches `rule` off for this file."""
    for pattern, selectors in config.settings.per_file_ignores.items():
        if path_matches(relative_path, pattern) and any(
            _match_strength(sel, rule) for sel in selectors
        ):
            return True
    return False


def path_matches(relative_path: str, pattern: str) -> bool:
    """Glob match on a '/'-separated relative path.

    A pattern without a '/' (other than a trailing one) matches a file or folder name at any
    level (`Backup/`, `*.als`); otherwise it matches from the root, `*` within one folder
    name and `**/` across zero or more folders.
    """
    if "/" not in pattern.rstrip("/"):
        name = pattern.rstrip("/")
        return any(fnmatch.fnmatchcase(part, name) for part in PurePosixPath(relative_path).parts)
    return _glob_regex(pattern.rstrip("/")).match(relative_path) is not None


@functools.lru_cache(maxsize=256)
def _glob_regex(pattern: str) -> re.Pattern:
    parts, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            parts.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            parts.append(".*")
            i += 2
        elif pattern[i] == "*":
            parts.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            parts.append("[^/]")
            i += 1
        else:
            parts.append(re.escape(pattern[i]))
            i += 1
    # A folder pattern also matches everything inside the folder.
    return re.compile("".join(parts) + "(?:/.*)?$")
