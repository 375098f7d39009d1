"""Helpers for testing rules — ours and yours.

Build a small set as a model (no Live needed) and run one rule over it:

    from alslint.testing import audio_clip, make_set, make_track, run_rule

    live_set = make_set(tracks=[make_track("audio", "Vox", clips=[audio_clip(0, 16)])])
    found = run_rule(MyRule, live_set, threshold=3)
    assert [str(f.location) for f in found] == ['Vox › clip "Clip" @ bars 1–4']

or compare (location, message) pairs at once with `findings(MyRule, live_set, threshold=3)`.
"""

from __future__ import annotations

from pathlib import Path

from .api import Context, Finding, Rule
from .describe import MIN_GAIN
from .model import (
    Clip,
    Fades,
    LiveSet,
    Loop,
    Mixer,
    Notes,
    Send,
    TimeSignature,
    Track,
)

__all__ = ["audio_clip", "findings", "make_set", "make_track", "midi_clip", "run_rule"]


def audio_clip(
    start: float,
    end: float,
    name: str = "Clip",
    *,
    looped: bool = False,
    fade_in: float = 0.0,
    fade_out: float = 0.0,
    default_fades: bool = True,
    fade_switch: bool = True,
    disabled: bool = False,
) -> Clip:
    """An arrangement audio clip from `start` to `end` (beats)."""
    return Clip(
        kind="audio",
        name=name,
        start=start,
        end=end,
        disabled=disabled,
        warped=True,
        loop=Loop(on=looped, start=0.0, end=end - start),
        fades=Fades(
            enabled=fade_switch,
            fade_in=fade_in,
            fade_out=fade_out,
            default_fade_in=default_fades,
            default_fade_out=default_fades,
        ),
    )


def midi_clip(
    start: float,
    end: float,
    name: str = "Clip",
    *,
    looped: bool = True,
    notes: list[tuple[int, float, float]] = (),
    disabled: bool = False,
) -> Clip:
    """An arrangement MIDI clip; `notes` are (pitch, time, duration) relative to the clip."""
    note_list = Notes()
    for pitch, time, duration in notes:
        note_list.pitches.append(pitch)
        note_list.times.append(time)
        note_list.durations.append(duration)
        note_list.velocities.append(100.0)
        note_list.enabled.append(True)
    return Clip(
        kind="midi",
        name=name,
        start=start,
        end=end,
        disabled=disabled,
        loop=Loop(on=looped, start=0.0, end=end - start),
        notes=note_list,
    )


def make_track(
    track_type: str, name: str, *, clips: list[Clip] = (), on: bool = True, **fields
) -> Track:
    """A track; extra keyword arguments are `Track` fields (devices, group_id, frozen, …)."""
    mixer = fields.pop("mixer", None) or Mixer(on=on)
    return Track(
        index=0,
        id=fields.pop("id", None),
        type=track_type,
        name=name,
        mixer=mixer,
        arrangement_clips=list(clips),
        **fields,
    )


def make_set(
    tracks: list[Track] = (), *, tempo: float = 120.0, signature: str = "4/4", **fields
) -> LiveSet:
    """A set holding `tracks` plus a master; indexes, ids and sends are filled in."""
    numerator, denominator = (int(part) for part in signature.split("/"))
    tracks = [track.model_copy(deep=True) for track in tracks]
    returns = [t for t in tracks if t.type == "return"]
    for index, track in enumerate(tracks):
        track.index = index
        if track.id is None:
            track.id = 100 + index
        if track.type != "return" and not track.mixer.sends:
            track.mixer.sends = [
                Send(return_index=i, return_name=r.name, level=MIN_GAIN)
                for i, r in enumerate(returns)
            ]
    tracks.append(Track(index=len(tracks), id=None, type="master", name="Main"))
    return LiveSet(
        path=fields.pop("path", "test.als"),
        creator="Ableton Live 12.3.5",
        live_version="12.3.5",
        schema_family=5,
        minor_version="12.0_12300",
        tempo=tempo,
        time_signature=TimeSignature(numerator=numerator, denominator=denominator),
        tracks=tracks,
        **fields,
    )


def run_rule(
    rule: type[Rule], live_set: LiveSet, *, existing_files=None, **options
) -> list[Finding]:
    """Run one rule over `live_set` with `options` (kebab- or snake-case names).

    `existing_files`: the paths `context.file_exists` answers True for (default: none), so
    tests never depend on the machine's files; the folders above them exist too (a project
    folder is one holding an `Ableton Project Info` file).
    """
    parsed = rule.Options.model_validate({k.replace("_", "-"): v for k, v in options.items()})
    known = {Path(p) for p in (existing_files or ())}
    folders = {folder for path in known for folder in path.parents}
    context = Context(
        live_set,
        Path(live_set.path),
        file_exists=lambda path: path in known,
        folder_exists=lambda path: path in folders,
    )
    return list(rule().check(live_set, parsed, context))


def findings(
    rule: type[Rule], live_set: LiveSet, *, existing_files=None, **options
) -> list[tuple[str, str]]:
    """What `rule` reports on `live_set`, as (location, message) pairs: the one check helper
    for rule tests, `assert findings(MyRule, live_set) == [("Bass", "…")]`."""
    found = run_rule(rule, live_set, existing_files=existing_files, **options)
    return [(str(finding.location), finding.message) for finding in found]
