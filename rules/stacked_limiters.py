"""ALS502 stacked-limiters: more than one working limiter on the master chain."""

from __future__ import annotations

from pydantic import Field

from alslint.api import Finding, Rule, RuleOptions, Severity, Stage
from alslint_rules._master_chain import DEFAULT_LIMITER_NAMES, limiters, quoted


class StackedLimitersOptions(RuleOptions):
    limiter_names: list[str] = Field(
        default_factory=lambda: list(DEFAULT_LIMITER_NAMES),
        description="Globs for plugin and Max for Live device names that count as limiters "
        "(Live's Limiter always counts).",
    )


class StackedLimiters(Rule):
    code = "ALS502"
    name = "stacked-limiters"
    summary = "More than one limiter works on the master chain."
    stage = Stage.MASTERING
    default_severity = Severity.INFO
    Options = StackedLimitersOptions

    def check(self, live_set, options, context):
        master = live_set.master
        working = [p.device for p in limiters(master, options.limiter_names) if p.active]
        if len(working) < 2:
            return
        yield Finding(
            message=(
                f"{len(working)} limiters work on the master chain ({quoted(working)}): each one "
                "squashes peaks the one before has already limited; keep one, last on the chain, "
                "unless the serial limiting is deliberate"
            ),
            location=context.location(track=master),
        )
