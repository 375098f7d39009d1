"""ALS102 no-key: no key or scale was chosen for the set."""

from __future__ import annotations

import re

from alslint.api import Finding, Rule, RuleOptions, Severity, Stage


def _version(live_version: str) -> tuple[int, int]:
    """(major, minor) of a Creator version: "9.7.1" → (9, 7), "12.0b16" → (12, 0)."""
    numbers = [int(part) for part in re.findall(r"\d+", live_version)[:2]]
    return (numbers + [0, 0])[0], (numbers + [0, 0])[1]


class NoKey(Rule):
    code = "ALS102"
    name = "no-key"
    summary = "No key or scale was chosen: the set still has Live's default (none, or C Major switched off)."
    stage = Stage.COMPOSITION
    default_severity = Severity.INFO
    Options = RuleOptions

    def check(self, live_set, options, context):
        if _version(live_set.live_version) < (9, 7):
            return  # Live 8 to 9.6 cannot store a key in the set: nothing to say.
        scale = live_set.scale
        if scale is None:  # 9.7 and 10.0 write an empty scale name until one is chosen
            reason = "the set stores no scale"
        elif not scale.chosen:
            # What every new set holds: C Major, with Scale Mode off (Live 11+; 10.1 has none).
            mode = "" if scale.in_key is None else " with Scale Mode off"
            reason = f"the set still holds Live's default, C Major{mode}"
        else:
            return
        yield Finding(message=f"No key is chosen ({reason}): decide the song's root and scale now")
