"""Configuration: `[tool.alslint]` in the nearest `pyproject.toml`, or `alslint.toml`.

Looked up from the current folder upwards; in one folder `alslint.toml` wins over
`pyproject.toml`, and a `pyproject.toml` without `[tool.alslint]` is passed over. Command-line
options override the file. Every mistake is a `ConfigError` naming the file and the key.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..api import Rule, RuleOptions
from ..errors import ConfigError
from ..files import MAX_CONFIG_BYTES, FileRefused, read_regular
from ..levels import STAGE_ORDER, Severity
from .selection import did_you_mean

SeverityOrOff = Literal["error", "warning", "info", "off"]
#: Longest pattern `exclude` and `per-file-ignores` accept.
MAX_PATTERN = 1024

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
    #: Folders `--fix` searches for samples that moved (relative to this file).
    sample_search_paths: list[str] = Field(default_factory=list, alias="sample-search-paths")

    @field_validator("exclude")
    @classmethod
    def _short_patterns(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            _check_pattern(pattern)
        return patterns

    @field_validator("per_file_ignores")
    @classmethod
    def _short_keys(cls, table: dict[str, list[str]]) -> dict[str, list[str]]:
        for pattern in table:
            _check_pattern(pattern)
        return table


def _check_pattern(pattern: str) -> None:
    if len(pattern) > MAX_PATTERN:
        raise ValueError(f"a pattern longer than {MAX_PATTERN} characters")


@dataclass
class Config:
    settings: FileConfig = field(default_factory=FileConfig)
    source: Path | None = None  # the file it came from
    root: Path = field(default_factory=Path.cwd)  # folder relative paths are resolved against
    # Its rule folders were not loaded (not trusted): the rules they hold are unknown here,
    # so selectors and option tables naming unknown rules are passed over, not errors.
    rules_skipped: bool = False

    @property
    def before(self) -> str:
        """The configured gate (`before`, or its alias `stage`), default: before mixing."""
        return self.settings.before or self.settings.stage or "mixing"

    @property
    def label(self) -> str:
        return str(self.source) if self.source else "command line"


def find_config_file(start: Path) -> Path | None:
    # Anything standing under a config's name is read (and a pipe or device refused), so that
    # a hostile stand-in is an error rather than silently passed over.
    for folder in [start, *start.parents]:
        dedicated = folder / "alslint.toml"
        if dedicated.exists():
            return dedicated
        pyproject = folder / "pyproject.toml"
        if pyproject.exists() and "alslint" in _tool_table(pyproject, _read_toml(pyproject)):
            return pyproject
    return None


def _read_toml(path: Path, *, found: bool = True) -> dict:
    """The TOML document at `path`; a config that was found (not named on the command line)
    must resolve inside its own folder."""
    try:
        data = read_regular(
            path, max_bytes=MAX_CONFIG_BYTES, inside=path.absolute().parent if found else None
        )
        return tomllib.loads(data.decode("utf-8"))
    except FileRefused as exc:
        raise ConfigError(f"{path}: {exc.problem}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: invalid TOML (not UTF-8 text)") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML ({exc})") from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML (nested too deeply)") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def _tool_table(path: Path, data: dict) -> dict:
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(f"{path}: 'tool' must be a table")
    return tool


def load_config(path: Path | None, *, found: bool = False) -> Config:
    """Load `path` (an alslint.toml or a pyproject.toml); no path gives the defaults.

    `found`: the file was discovered (see `find_config_file`), not named by the user."""
    if path is None:
        return Config()
    if not path.exists():
        raise ConfigError(f"{path}: config file not found")
    data = _read_toml(path, found=found)
    if path.name == "alslint.toml":
        table, table_name = data, ""
    else:
        table, table_name = _tool_table(path, data).get("alslint", {}), "[tool.alslint] "
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.alslint] must be a table")
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
    known = {key for rule in rules for key in (rule.code, rule.name)}
    if not config.rules_skipped:
        if s.select is not None:
            check_selectors(select, rules, f"{where}: select")
        check_selectors(s.extend_select, rules, f"{where}: extend-select")
        check_selectors(s.ignore, rules, f"{where}: ignore")
        check_selectors(list(s.severity), rules, f"{where}: severity")
        for pattern, selectors in s.per_file_ignores.items():
            check_selectors(selectors, rules, f"{where}: per-file-ignores '{pattern}'")
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
    level (`Backup/`, `*.als`, `[Tt]akes`); otherwise it matches from the root, `*` within one
    folder name and `**/` across zero or more folders. A folder pattern also matches
    everything inside the folder. Matching takes time linear in the path for any pattern.
    """
    if "/" not in pattern.rstrip("/"):
        tokens = _glob_tokens(pattern.rstrip("/"), whole_path=False)
        return any(_glob_match(tokens, part, False) for part in PurePosixPath(relative_path).parts)
    return _glob_match(_glob_tokens(pattern.rstrip("/"), whole_path=True), relative_path, True)


# Wildcard tokens: longer than one character, so never equal to a literal one.
_STAR, _ANY, _DSTAR, _DSTAR_SLASH = "<*>", "<?>", "<**>", "<**/>"


@functools.lru_cache(maxsize=256)
def _glob_tokens(pattern: str, whole_path: bool) -> tuple:
    """The pattern as tokens: wildcards (above), one literal character, or a class
    (frozenset, negated) from `[...]`. In a name pattern `**` is just `*`."""
    tokens: list = []
    i = 0
    while i < len(pattern):
        if whole_path and pattern.startswith("**/", i):
            tokens.append(_DSTAR_SLASH)
            i += 3
        elif whole_path and pattern.startswith("**", i):
            tokens.append(_DSTAR)
            i += 2
        elif pattern[i] == "*":
            if not tokens or tokens[-1] != _STAR:  # '**' in a name: one star is the same
                tokens.append(_STAR)
            i += 1
        elif pattern[i] == "?":
            tokens.append(_ANY)
            i += 1
        elif pattern[i] == "[" and not whole_path and (end := _class_end(pattern, i)) > 0:
            tokens.append(_char_class(pattern[i + 1 : end]))
            i = end + 1
        else:
            tokens.append(pattern[i])
            i += 1
    return tuple(tokens)


def _class_end(pattern: str, start: int) -> int:
    """Index of the `]` closing the class opened at `start`, or -1 (then '[' is literal)."""
    i = start + 1
    if i < len(pattern) and pattern[i] == "!":
        i += 1
    if i < len(pattern) and pattern[i] == "]":  # a leading ']' is a member
        i += 1
    end = pattern.find("]", i)
    return end


def _char_class(body: str) -> tuple[tuple[tuple[str, str], ...], bool]:
    """`[...]`'s body as character ranges (a single character is a range of one)."""
    negated = body.startswith("!")
    body = body[1:] if negated else body
    ranges, i = [], 0
    while i < len(body):
        if i + 2 < len(body) and body[i + 1] == "-":
            ranges.append((body[i], body[i + 2]))
            i += 3
        else:
            ranges.append((body[i], body[i]))
            i += 1
    return tuple(ranges), negated


def _accepts(token, char: str) -> bool:
    if token in (_ANY, _STAR):
        return char != "/"
    if isinstance(token, tuple):
        ranges, negated = token
        return char != "/" and any(low <= char <= high for low, high in ranges) != negated
    return token == char


def _glob_match(tokens: tuple, text: str, folder_suffix: bool) -> bool:
    """Simulate the pattern's automaton over `text`: every position keeps the set of places
    the pattern could have reached, so the time is len(text) x len(tokens), never
    exponential (a backtracking regex of `a*a*a*...b` against a long name is).

    States are (token index, inside) where `inside` marks a `**/` that has consumed characters
    but not yet its closing '/'. `folder_suffix`: a whole match followed by '/' also matches.
    """
    end = len(tokens)

    def closure(states: set) -> set:
        stack, seen = list(states), set(states)
        while stack:
            index, inside = stack.pop()
            if index < end and not inside and tokens[index] in (_STAR, _DSTAR, _DSTAR_SLASH):
                nxt = (index + 1, False)  # a star or `**/` can match nothing
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        return seen

    states = closure({(0, False)})
    for char in text:
        if folder_suffix and char == "/" and (end, False) in states:
            return True
        following = set()
        for index, _inside in states:
            if index == end:
                continue
            token = tokens[index]
            if token == _DSTAR:
                following.add((index, False))
            elif token == _DSTAR_SLASH:
                following.add((index, True))
                if char == "/":
                    following.add((index + 1, False))
            elif token == _STAR:
                if char != "/":
                    following.add((index, False))
            elif _accepts(token, char):
                following.add((index + 1, False))
        if not following:
            return False
        states = closure(following)
    return (end, False) in states
