"""The stage a set has reached: the furthest gate whose rules find nothing at or above the
failure threshold (`alslint status`, the MCP server's `list_sets`)."""

from __future__ import annotations

from dataclasses import dataclass

from ..levels import STAGE_ORDER, STAGES, Severity
from .results import Violation

#: The gates a set can pass, in order: `--stage GATE` runs the rules of every stage before it.
GATES = STAGE_ORDER[1:]


@dataclass
class Gates:
    """The rule codes each gate runs (from the configuration, exactly as `--stage` picks)."""

    codes: dict[str, set[str]]
    threshold: Severity

    def passes(self, violations: list[Violation], gate: str) -> bool:
        codes = self.codes[gate]
        return not any(
            v.severity.rank >= self.threshold.rank and (v.stage is None or v.code in codes)
            for v in violations
        )

    def reached(self, violations: list[Violation]) -> str:
        reached = STAGES[0]
        for gate in GATES:
            if not self.passes(violations, gate):
                break
            reached = gate
        return reached
