"""ALS104 scene-tempo-drift: scenes that launch a tempo a small step off the set's tempo."""

from __future__ import annotations

import re

from pydantic import Field

from alslint.api import Finding, Rule, RuleOptions, Severity, Stage

#: Live 8–10 read a scene's tempo from its name: "92 BPM". Only a number standing apart is
#: taken ("intro 123bpm", "123 BPM"); in "basso123bpm" Live's reading is not certain.
_NAME_TEMPO = re.compile(r"(?:^|\s)(\d{2,3}(?:\.\d+)?)\s*bpm\b", re.IGNORECASE)
#: Live 11 gave scenes a tempo of their own and stopped reading names.
_FIRST_MAJOR_WITH_SCENE_TEMPO = 11


class SceneTempoDriftOptions(RuleOptions):
    max_difference_bpm: float = Field(
        1.0,
        gt=0,
        description="Scene tempos at most this far (BPM) from the set's tempo, but not on it, "
        "are reported; further away they are taken as a deliberate tempo change.",
    )


class SceneTempoDrift(Rule):
    code = "ALS104"
    name = "scene-tempo-drift"
    summary = (
        "A scene launches a tempo a small step off the set's tempo, which sounds like a mistake."
    )
    stage = Stage.COMPOSITION
    default_severity = Severity.WARNING
    Options = SceneTempoDriftOptions

    def check(self, live_set, options, context):
        if live_set.tempo_automated:
            return  # which tempo the scene should match is not certain
        set_tempo = round(live_set.tempo, 2)
        from_names = live_set.live_major < _FIRST_MAJOR_WITH_SCENE_TEMPO
        by_tempo: dict[float, list] = {}
        for scene in live_set.scenes:
            tempo = _scene_tempo(scene, from_names)
            if tempo is None or tempo == set_tempo:
                continue
            if abs(tempo - set_tempo) <= options.max_difference_bpm + 0.005:
                by_tempo.setdefault(tempo, []).append(scene)
        for tempo, scenes in by_tempo.items():
            difference = tempo - set_tempo
            direction = "above" if difference > 0 else "below"
            them, their, names = (
                ("it", "its", "name") if len(scenes) == 1 else ("them", "their", "names")
            )
            off = (
                f"remove the tempo from {their} {names}"
                if from_names
                else f"switch {their} tempo off"
            )
            yield Finding(
                message=(
                    f"{_scenes(scenes)} the tempo to {_bpm(tempo)} BPM, "
                    f"{_bpm(abs(difference))} BPM {direction} the set's {_bpm(set_tempo)} BPM: "
                    f"launching {them} changes the tempo by a step too small to be meant; set "
                    f"{them} to {_bpm(set_tempo)} BPM, or {off}"
                ),
                location=context.location(scene=scenes[0].name),
            )


def _scene_tempo(scene, from_names: bool) -> float | None:
    """The tempo launching the scene sets (two decimals, as Live shows it), or None."""
    if not from_names:
        return round(scene.tempo, 2) if scene.tempo else None
    match = _NAME_TEMPO.search(scene.name)
    return round(float(match.group(1)), 2) if match else None


def _scenes(scenes) -> str:
    names = [f'"{scene.name}"' for scene in scenes]
    if len(names) == 1:
        return f"Scene {names[0]} sets"
    if len(names) == 2:
        return f"Scenes {names[0]} and {names[1]} set"
    return f"Scenes {names[0]}, {names[1]} and {len(names) - 2} more set"


def _bpm(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")
