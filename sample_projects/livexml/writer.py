"""The state of writing one set and the elements every area builds from.

`Writer` hands out the set's pointee ids (ids of AutomationTarget, ModulationTarget,
Pointee and the like) and writes Live's parameter elements (a value with its automation
and modulation targets) and the header every device, mixer and sequencer starts with.
"""

from __future__ import annotations

from .model import LiveSet, ReturnTrack
from .xml import E, Node, V

#: The pointee ids Live gives the main track in every new set: its mixer's parameters
#: (automation and modulation target, or the automation target alone) ...
MAIN_MIXER_IDS = {
    "On": 1,
    "Speaker": 2,
    "Pan": (3, 4),
    "Volume": (5, 6),
    "CrossFadeState": 7,
    "Tempo": (8, 9),
    "TimeSignature": 10,
    "GlobalGrooveAmount": (11, 12),
    "CrossFade": (13, 14),
}
#: ... and the sequencer of its freeze track (its switch, then its modulation targets).
MAIN_SEQUENCER_IDS = {
    "On": 15,
    "Volume": 16,
    "Transposition": 17,
    "GrainSize": 18,
    "Flux": 19,
    "SampleOffset": 20,
}


class Writer:
    """What writing one `LiveSet` needs to remember; the areas' functions take it first.

    Ids of the "pointee" space (AutomationTarget, ModulationTarget, Pointee, sequencer
    modulation targets, MIDI controller targets) are unique across the set and come from
    one counter; `NextPointeeId` is written greater than all of them. The main track keeps
    the low ids Live gives it in every new set (`MAIN_MIXER_IDS`, `MAIN_SEQUENCER_IDS`).
    """

    FIRST_FREE_ID = MAIN_SEQUENCER_IDS["SampleOffset"] + 1

    def __init__(self, live_set: LiveSet):
        self.live_set = live_set
        self.next_id = self.FIRST_FREE_ID
        self.targets: dict[str, int] = {}  # mixer parameter -> AutomationTarget id (per track)
        self.current_color = 0  # clips take their track's colour
        self.track_ids = _track_ids(live_set)  # id(track) -> the track's Id

    def new_id(self) -> int:
        value = self.next_id
        self.next_id += 1
        return value

    @staticmethod
    def target(tag: str, pointee: int) -> Node:
        return E(tag, V("LockEnvelope", 0), Id=pointee)

    def float_param(self, tag, value, lo, hi, ids: tuple[int, int] | None = None) -> Node:
        automation, modulation = ids or (self.new_id(), self.new_id())
        return E(
            tag,
            V("LomId", 0),
            V("Manual", value),
            E("MidiControllerRange", V("Min", lo), V("Max", hi)),
            self.target("AutomationTarget", automation),
            self.target("ModulationTarget", modulation),
        )

    def bool_param(self, tag, value, pointee: int | None = None) -> Node:
        return E(
            tag,
            V("LomId", 0),
            V("Manual", value),
            self.target("AutomationTarget", pointee or self.new_id()),
            E("MidiCCOnOffThresholds", V("Min", 64), V("Max", 127)),
        )

    def enum_param(self, tag, value, lo, hi, pointee: int | None = None) -> Node:
        return E(
            tag,
            V("LomId", 0),
            V("Manual", value),
            self.target("AutomationTarget", pointee or self.new_id()),
            E("MidiControllerRange", V("Min", lo), V("Max", hi)),
        )

    def plain_param(self, tag, value) -> Node:
        return E(
            tag, V("LomId", 0), V("Manual", value), self.target("AutomationTarget", self.new_id())
        )

    def param_table(self, rows) -> list[Node]:
        """Parameters from a table of (kind, tag, value, range min, range max). Kinds:

        F  continuous:  LomId Manual MidiControllerRange AutomationTarget ModulationTarget
        B  switch:      LomId Manual AutomationTarget MidiCCOnOffThresholds
        E  choice:      LomId Manual AutomationTarget MidiControllerRange
        T  choice without controller range: LomId Manual AutomationTarget
        L  plain leaf:  <Tag Value="…" />

        Ranges are Live's (schema constants, written the way Live writes them).
        """
        nodes = []
        for kind, tag, value, *rng in rows:
            if kind == "F":
                nodes.append(self.float_param(tag, value, *rng))
            elif kind == "B":
                nodes.append(self.bool_param(tag, value))
            elif kind == "E":
                nodes.append(self.enum_param(tag, value, *rng))
            elif kind == "T":
                nodes.append(self.plain_param(tag, value))
            elif kind == "L":
                nodes.append(V(tag, value))
            else:
                raise ValueError(kind)
        return nodes

    def empty_slot(self, tag: str) -> Node:
        """A switchable device section that is off and empty (Simpler's filter, LFO, …)."""
        return E(tag, self.bool_param("IsOn", False), E("Slot", E("Value")))

    def device_header(
        self,
        *,
        on=True,
        user_name="",
        preset: Node | None = None,
        show_preset_name=False,
        mpe_uses_tuning=True,
        on_id: int | None = None,
    ) -> list[Node]:
        """The children every device (and mixer and sequencer) starts with."""
        return [
            V("LomId", 0),
            V("LomIdView", 0),
            V("IsExpanded", True),
            V("BreakoutIsExpanded", False),
            self.bool_param("On", on, on_id),
            V("ModulationSourceCount", 0),
            Node("ParametersListWrapper", {"LomId": "0"}),
            E("Pointee", Id=self.new_id()),
            V("LastSelectedTimeableIndex", 0),
            V("LastSelectedClipEnvelopeIndex", 0),
            E("LastPresetRef", E("Value", preset)),
            E("LockedScripts"),
            V("IsFolded", False),
            V("ShouldShowPresetName", show_preset_name),
            V("UserName", user_name),
            V("Annotation", ""),
            E("SourceContext", E("Value")),
            V("MpePitchBendUsesTuning", mpe_uses_tuning),
            V("ViewData", "{}"),
        ]


def _track_ids(live_set: LiveSet) -> dict[int, int]:
    """Track ids as Live hands them out: the two default returns first, then the rest."""
    ids, next_id = {}, 2
    for track in live_set.tracks:
        if isinstance(track, ReturnTrack):
            ids[id(track)] = next_id
            next_id += 1
    next_id = max(next_id, 8)
    for track in live_set.tracks:
        if not isinstance(track, ReturnTrack):
            ids[id(track)] = next_id
            next_id += 1
    return ids


def automation_id(param: Node) -> int:
    """The pointee id of a parameter's AutomationTarget (what an envelope points at)."""
    return next(int(c.attrs["Id"]) for c in param.children if c.tag == "AutomationTarget")


def mpe_settings() -> Node:
    return E("MpeSettings", V("ZoneType", 0), V("FirstNoteChannel", 1), V("LastNoteChannel", 15))


def routable(tag: str, target: str, upper: str, lower: str) -> Node:
    """A routing (track input/output, plugin side chain): target and its display strings."""
    return E(
        tag,
        V("Target", target),
        V("UpperDisplayString", upper),
        V("LowerDisplayString", lower),
        mpe_settings(),
        V("MpePitchBendUsesTuning", True),
    )
