"""The stage gate and the run's own account of what it checked.

`--before S` names the stage a producer is about to start: the rules of every stage that must be
finished before S run. A rule named, or matched by a code prefix, in `select`/`extend-select`
runs whatever its stage (see `config.resolve_rules`). A run that is left with no rule to run is
an error, never a silent "No problems found".
"""

from __future__ import annotations

import difflib

from ..errors import ConfigError
from ..levels import STAGE_ORDER, STAGES

#: The gate a plain `alslint song.als` checks.
DEFAULT_BEFORE = "mixing"


def stages_before(before: str) -> list[str]:
    """The stages that must be finished before `before` (`release` comes after all five)."""
    return STAGES[: STAGE_ORDER.index(before)]


def stage_words(stage: str) -> str:
    """A stage as a producer says it: `sound design`, not `sound-design`."""
    return stage.replace("-", " ")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def checked_line(before: str, rule_stages: list[str], available: int) -> str:
    """The report's opening line: how many rules of which stages ran, at which gate.

    `rule_stages` holds the stage of every rule that ran; `available` is the number of rules
    `--before release` would run.
    """
    stages = [stage for stage in STAGES if stage in rule_stages]
    line = (
        f"Checked {_plural(len(rule_stages), 'rule')} of {_plural(len(stages), 'stage')}"
        f" ({', '.join(stage_words(s) for s in stages)}) — before {stage_words(before)}"
    )
    if before != "release" and len(rule_stages) < available:
        line += f"; --before release runs all {available}"
    return line


def nothing_to_run(before: str, select: list[str] | None, ignore: list[str]) -> ConfigError:
    """The error of a run whose selection and gate leave no rule: name both."""
    stages = stages_before(before)
    allowed = (
        ", ".join(stage_words(s) for s in stages)
        if stages
        else "no stage (nothing has to be finished before composing; "
        "the first gate is --before arrangement)"
    )
    selected = ", ".join(select) if select else "all rules"
    ignored = f", ignoring {', '.join(ignore)}" if ignore else ""
    return ConfigError(
        f"no rule to run: selected {selected}{ignored}; --before {before} allows the rules of "
        f"{allowed}. Select rules by name or code prefix (they run whatever their stage), "
        "or choose a later --before"
    )


def did_you_mean(word: str, names: list[str], codes: list[str]) -> str:
    """`; did you mean 'X'?` for a mistyped rule name, or a code in the wrong case; "" when
    nothing is close (a wrong code number has no "close" code worth suggesting)."""
    upper = word.upper()
    if upper != word and any(code.startswith(upper) for code in codes):
        return f"; did you mean '{upper}'?"
    close = difflib.get_close_matches(word.lower(), names, n=1, cutoff=0.75)
    return f"; did you mean '{close[0]}'?" if close else ""
