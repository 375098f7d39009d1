"""ALS307 off-grid: stray notes in quantized MIDI clips, and clip edges just off the grid."""

from __future__ import annotations

from collections import Counter
from fractions import Fraction
from itertools import compress

from pydantic import Field

from alslint.api import Finding, Rule, RuleOptions, Severity, Stage, name_matches

#: A note or edge this close to a grid line (beats) is exactly on it: quantized or snapped.
EXACT_BEATS = 1e-4
#: Stray notes of one pitch whose offsets differ by at most this much are one groove.
GROOVE_SPREAD_MS = 1.0
#: At most this many bars are listed for the stray notes of one clip.
MAX_BARS_LISTED = 4


class OffGridOptions(RuleOptions):
    grid: float = Field(
        0.25, gt=0, description="Grid in beats (quarter notes): 0.25 = 1/16, 0.5 = 1/8, 1 = 1/4."
    )
    tolerance_ms: float = Field(
        10.0, ge=0, description="Notes at most this far from the grid are not reported."
    )
    min_quantized: float = Field(
        0.75,
        gt=0,
        le=1,
        description="Share of a clip's notes that must sit exactly on the grid for the clip to "
        "count as quantized (otherwise it is played loose on purpose and not checked).",
    )
    min_notes: int = Field(8, ge=1, description="Clips with fewer notes are not checked.")
    check_edges: bool = Field(
        True, description="Also report arrangement clips that start or end just off the grid."
    )
    edge_min_ms: float = Field(
        5.0,
        ge=0,
        description="Clip edges at most this far from the grid are not reported: too close "
        "to be heard.",
    )
    edge_max_ms: float = Field(
        30.0, ge=0, description="Clip edges further than this from the grid are deliberate."
    )
    allow_tracks: list[str] = Field(
        default_factory=list, description="Track-name globs never reported."
    )


class OffGrid(Rule):
    code = "ALS307"
    name = "off-grid"
    summary = "A mostly quantized MIDI clip has a few notes off the grid, or a clip starts or ends just off the grid."
    stage = Stage.SOUND_DESIGN
    default_severity = Severity.WARNING
    Options = OffGridOptions

    def check(self, live_set, options, context):
        grid = options.grid
        ms_per_beat = 60_000.0 / live_set.tempo
        label = grid_label(grid)
        song_end = live_set.arrangement_end
        for track in live_set.tracks_of("audio", "midi"):
            if not live_set.is_audible(track) or name_matches(track.name, options.allow_tracks):
                continue
            clips = sorted(
                (c for c in track.arrangement_clips if not c.disabled and c.end > c.start),
                key=lambda c: (c.start, c.end),
            )
            edits = _stutter_edges(clips)
            for index, clip in enumerate(clips):
                parts = []
                if options.check_edges and not (clip.kind == "audio" and clip.warped is False):
                    skip_start, skip_end = edits.get(index, (False, False))
                    parts += _edge_parts(
                        clip, grid, label, ms_per_beat, options, song_end, skip_start, skip_end
                    )
                if clip.kind == "midi" and clip.notes is not None:
                    part = _note_part(clip, grid, label, ms_per_beat, options, context)
                    if part:
                        parts.append(part)
                if parts:
                    yield Finding(
                        message="; ".join(parts),
                        location=context.location(track=track, clip=clip),
                    )


def grid_label(grid: float) -> str:
    """1/16, 1/8T, … for a grid in beats; "0.3-beat" when it is no note value."""
    whole = Fraction(grid).limit_denominator(768) / 4  # in whole notes
    if whole.numerator != 1:
        return f"{grid:g}-beat"
    if whole.denominator % 3 == 0 and whole.denominator >= 6:  # 1/24 = a 1/16 triplet
        return f"1/{whole.denominator * 2 // 3}T"
    return f"1/{whole.denominator}"


def _offset(beat: float, grid: float) -> float:
    """Signed distance (beats) from the nearest grid line: negative = early."""
    return beat - round(beat / grid) * grid


def _snapped(beat: float, grid: float) -> bool:
    """Exactly on a finer even or triplet division of the grid (down to 1/8 and 1/6 of it):
    placed with a finer snap on purpose, not played or dragged loose."""
    return any(abs(_offset(beat, grid / n)) < EXACT_BEATS for n in (1, 8, 6))


def _ms(beats: float, ms_per_beat: float) -> str:
    return f"{abs(beats) * ms_per_beat:.0f} ms {'before' if beats < 0 else 'after'}"


def _content_start(clip) -> float:
    return clip.loop.start + clip.loop.start_relative


def _same_slice(clip, before) -> bool:
    """`clip` plays the same material from the same point as `before`: a retrigger."""
    if clip.kind != before.kind:
        return False
    if abs(_content_start(clip) - _content_start(before)) > EXACT_BEATS:
        return False
    if clip.kind == "audio":
        return clip.sample is not None and clip.sample == before.sample
    notes, other = clip.notes, before.notes
    return (
        notes is not None
        and other is not None
        and notes.times == other.times
        and notes.pitches == other.pitches
    )


def _cut_short(clip) -> bool:
    """The clip stops before its content runs out (not a loop copy played in full)."""
    if clip.loop.on:
        return clip.length < clip.loop.end - clip.loop.start - EXACT_BEATS
    return clip.length < clip.loop.end - _content_start(clip) - EXACT_BEATS


def _stutter_edges(clips) -> dict[int, tuple[bool, bool]]:
    """Edit points of a stutter, {clip index: (skip start, skip end)}.

    A clip that starts where the clip before it ends, cut short, and retriggers its slice
    (same file or notes, same start point) is an edit: the cut between the two is placed on purpose,
    wherever the grid is. The outer edges of the run are still checked.
    """
    skip: dict[int, list[bool]] = {}
    for index in range(1, len(clips)):
        clip, before = clips[index], clips[index - 1]
        if (
            abs(before.end - clip.start) <= EXACT_BEATS
            and _cut_short(before)
            and _same_slice(clip, before)
        ):
            skip.setdefault(index, [False, False])[0] = True
            skip.setdefault(index - 1, [False, False])[1] = True
    return {index: (start, end) for index, (start, end) in skip.items()}


def _edge_parts(
    clip, grid, label, ms_per_beat, options, song_end, skip_start=False, skip_end=False
) -> list[str]:
    floor, ceiling = options.edge_min_ms / ms_per_beat, options.edge_max_ms / ms_per_beat

    def stray(beat: float) -> float | None:
        offset = _offset(beat, grid)
        if floor < abs(offset) <= ceiling and not _snapped(beat, grid):
            return offset
        return None

    start = None if skip_start else stray(clip.start)
    # Where the song ends nothing follows: an end there cuts into nothing.
    end = stray(clip.end) if clip.end < song_end - EXACT_BEATS and not skip_end else None
    if start is None and end is None:
        return []
    content_start = clip.loop.start + clip.loop.start_relative
    moved = (
        start is not None and abs(_offset(clip.start - content_start, grid) - start) < EXACT_BEATS
    )
    if moved:
        shift = f"{abs(start) * ms_per_beat:.0f} ms {'early' if start < 0 else 'late'}"
        text = f"Clip is placed {_ms(start, ms_per_beat)} the {label} grid, so everything in it plays {shift}"
        if end is not None and abs(end - start) > EXACT_BEATS:
            text += f" (and it ends {_ms(end, ms_per_beat)} the grid)"
        return [text + ": move it onto the grid unless that is deliberate"]
    if start is not None and end is not None:
        text = f"Clip starts {_ms(start, ms_per_beat)} and ends {_ms(end, ms_per_beat)} the {label} grid"
    elif start is not None:
        text = f"Clip starts {_ms(start, ms_per_beat)} the {label} grid"
    else:
        text = f"Clip ends {_ms(end, ms_per_beat)} the {label} grid"
    return [text + ": trim it to the grid unless that is deliberate"]


def _note_part(clip, grid, label, ms_per_beat, options, context) -> str | None:
    tolerance = options.tolerance_ms / ms_per_beat
    played, quantized, strays, stray_bars, worst = 0, 0, 0, set(), 0.0
    offsets: dict[float, float] = {}  # clip time of a stray note → its offset
    # Notes at the same clip time (chords, repeated patterns) share one analysis.
    for time, count in Counter(compress(clip.notes.times, clip.notes.enabled)).items():
        first = _first_play(clip, time)
        if first is None:
            continue
        played += count
        if _snapped(time, grid):
            quantized += count
            continue
        offset = abs(_offset(time, grid))
        if offset > tolerance:
            strays += count
            stray_bars.add(context.timeline.bar_of(first))
            worst = max(worst, offset)
            offsets[time] = _offset(time, grid)
    if played < options.min_notes or not strays or quantized < options.min_quantized * played:
        return None
    if strays > 1 and _groove(clip, offsets, ms_per_beat):
        return None
    bars = sorted(stray_bars)
    shown = ", ".join(str(bar) for bar in bars[:MAX_BARS_LISTED])
    if len(bars) > MAX_BARS_LISTED:
        shown += ", …"
    where = f"bar {shown}" if len(bars) == 1 else f"bars {shown}"
    if strays == 1:
        count, them, they = f"1 of {played} notes starts", "it", "it is"
    else:
        count, them, they = f"{strays} of {played} notes start", "them", "they are"
    return (
        f"{count} off the {label} grid (up to {worst * ms_per_beat:.0f} ms, {where}) while the rest "
        f"are quantized: quantize {them} unless {they} meant to be loose"
    )


def _groove(clip, offsets: dict[float, float], ms_per_beat: float) -> bool:
    """The off-grid notes (clip time → offset) are all one pitch, all off by the same amount:
    a drum laid back (or pushed) on purpose, a groove — not stray notes."""
    spread = max(offsets.values()) - min(offsets.values())
    if spread * ms_per_beat > GROOVE_SPREAD_MS:
        return False
    notes = clip.notes
    pitches = {
        pitch
        for pitch, time, enabled in zip(notes.pitches, notes.times, notes.enabled)
        if enabled and time in offsets
    }
    return len(pitches) == 1


def _first_play(clip, time: float) -> float | None:
    """Arrangement beat where a note at clip-internal `time` first plays, None if never."""
    loop = clip.loop
    content_start = loop.start + loop.start_relative
    if time >= content_start - EXACT_BEATS and (not loop.on or time < loop.end - EXACT_BEATS):
        beat = clip.start + (time - content_start)
    elif (
        loop.on
        and loop.start - EXACT_BEATS <= time < loop.end - EXACT_BEATS
        and loop.end > loop.start
    ):
        # Before the start marker but inside the loop: heard from the second pass on.
        beat = clip.start + (loop.end - content_start) + (time - loop.start)
    else:
        return None
    return beat if clip.start - EXACT_BEATS <= beat < clip.end - EXACT_BEATS else None
