"""Track envelopes: automation of a track's mixer parameters, each envelope pointing at its
parameter's AutomationTarget id (recorded in `Writer.targets` when the mixer is written)."""

from __future__ import annotations

from collections.abc import Sequence

from .model import Automation
from .schema import DEFAULT_EVENT_TIME
from .writer import Writer
from .xml import E, Node, V


def envelopes(w: Writer, automations: Sequence[Automation]) -> Node:
    nodes = []
    for index, automation in enumerate(automations):
        if automation.parameter not in w.targets:
            raise ValueError(f"cannot automate {automation.parameter!r}")
        default = automation.default if automation.default is not None else automation.points[0][1]
        events = [(DEFAULT_EVENT_TIME, default), *automation.points]
        event_tag = "EnumEvent" if automation.parameter == "TimeSignature" else "FloatEvent"
        if automation.parameter == "Speaker":
            event_tag = "BoolEvent"
        nodes.append(
            E(
                "AutomationEnvelope",
                E("EnvelopeTarget", V("PointeeId", w.targets[automation.parameter])),
                E(
                    "Automation",
                    E(
                        "Events",
                        *(
                            E(event_tag, Id=i, Time=time, Value=value)
                            for i, (time, value) in enumerate(events)
                        ),
                    ),
                    E(
                        "AutomationTransformViewState",
                        V("IsTransformPending", False),
                        E("TimeAndValueTransforms"),
                    ),
                ),
                Id=index,
            )
        )
    return E("AutomationEnvelopes", E("Envelopes", *nodes))
