"""ALS301 missing-fade: arrangement audio clips that cut into their audio with no fade."""

from __future__ import annotations

import bisect

from pydantic import Field

from alslint.api import Finding, Fix, Rule, RuleOptions, Severity, Stage, describe, name_matches

#: Live's own short fade at a clip edge ("Create fades on clip edges"), in milliseconds.
LIVE_EDGE_FADE_MS = 4.0

#: How close (seconds) a clip edge must be to the sample's own start or end to need no fade.
EDGE_TOLERANCE_SECONDS = 0.001


class MissingFadeOptions(RuleOptions):
    accept_default_fades: bool = Field(
        True,
        description="Count Live's automatic short edge fades (clip 'Fade' on, default fade "
        "state) as fades.",
    )
    min_fade_ms: float = Field(
        0.0, ge=0, description="Hand-drawn fades shorter than this count as no fade."
    )
    allow_tracks: list[str] = Field(
        default_factory=list, description="Track-name globs never reported."
    )
    fix_fade_ms: float = Field(
        LIVE_EDGE_FADE_MS,
        gt=0,
        le=1000,
        description="Length of the fades `--fix` writes (at least `min-fade-ms`).",
    )


class MissingFade(Rule):
    code = "ALS301"
    name = "missing-fade"
    summary = (
        "An arrangement audio clip starts or ends inside its audio with no fade, which can click."
    )
    stage = Stage.SOUND_DESIGN
    default_severity = Severity.WARNING
    Options = MissingFadeOptions
    #: The fix writes the few milliseconds of fade Live itself puts on clip edges: it takes
    #: the click away and nothing else a listener would notice.
    fix_safety = "safe"

    def check(self, live_set, options, context):
        seconds_per_beat = 60.0 / live_set.tempo
        minimum = options.min_fade_ms / 1000.0

        def has_fade(length_beats: float, is_default: bool, default_ok: bool) -> bool:
            if length_beats > 0 and length_beats * seconds_per_beat >= minimum:
                return True
            return length_beats == 0 and is_default and default_ok

        for track in live_set.tracks_of("audio"):
            if not live_set.is_audible(track) or name_matches(track.name, options.allow_tracks):
                continue
            playing = sorted(
                (c for c in track.arrangement_clips if not c.disabled and c.fades is not None),
                key=lambda c: c.start,
            )
            for position, clip in enumerate(playing):
                before = playing[position - 1] if position else None
                after = playing[position + 1] if position + 1 < len(playing) else None
                fades = clip.fades
                default_ok = options.accept_default_fades and fades.enabled
                start_s, end_s, sample_s = _content_seconds(clip, seconds_per_beat)
                needs_in = start_s > EDGE_TOLERANCE_SECONDS
                needs_out = (
                    clip.loop.on or sample_s is None or end_s < sample_s - EDGE_TOLERANCE_SECONDS
                )
                # A crossfade is a fade: Live's crossfade state, or the previous clip's
                # fade-out reaching across the gap into this one.
                needs_in = needs_in and not _fades_into(before, clip)
                needs_out = needs_out and not _crossfades_out(clip, after)
                missing = []
                if needs_in and not has_fade(fades.fade_in, fades.default_fade_in, default_ok):
                    missing.append("fade-in")
                if needs_out and not has_fade(fades.fade_out, fades.default_fade_out, default_ok):
                    missing.append("fade-out")
                if not missing:
                    continue
                yield Finding(
                    message=_message(missing, start_s),
                    location=context.location(track=track, clip=clip),
                    fix=_fix(context, track, clip, missing, options, seconds_per_beat),
                )


def _fix(context, track, clip, missing, options, seconds_per_beat) -> Fix:
    """Short fades where they are missing, in beats as the set stores them."""
    length_ms = max(options.fix_fade_ms, options.min_fade_ms)
    length = repr(length_ms / 1000.0 / seconds_per_beat)
    edits = []
    for which, old in (("fade-in", clip.fades.fade_in), ("fade-out", clip.fades.fade_out)):
        if which in missing:
            field = "FadeInLength" if which == "fade-in" else "FadeOutLength"
            edits.append(context.edit(track, f"Fades/{field}", repr(old), length, clip=clip))
    return Fix(description=f"{length_ms:g} ms {' and '.join(missing)}", edits=edits)


def _fades_into(before, clip) -> bool:
    """The previous clip fades into this one: Live's crossfade state on this clip, or the
    previous clip's fade-out longer than the gap between them (beats)."""
    if clip.fades.crossfade_in:
        return True
    return before is not None and before.fades.fade_out > clip.start - before.end


def _crossfades_out(clip, after) -> bool:
    """The next clip, right after this one, crossfades with it (Live's crossfade state)."""
    return after is not None and after.fades.crossfade_in and after.start - clip.end <= 1e-9


def _message(missing: list[str], start_s: float) -> str:
    if missing == ["fade-in"]:
        return (
            f"Clip starts {describe.duration(start_s)} into its sample with no fade-in: "
            "it may click"
        )
    if missing == ["fade-out"]:
        return "Clip ends inside its sample with no fade-out: it may click"
    return "Clip cuts into its sample at both edges with no fade-in or fade-out: it may click"


def _content_seconds(clip, seconds_per_beat: float) -> tuple[float, float, float | None]:
    """(start, end, sample length) of the played audio, in seconds of the sample file."""
    loop = clip.loop
    sample = clip.sample
    sample_s = None
    if sample is not None and sample.duration_samples and sample.sample_rate:
        sample_s = sample.duration_samples / sample.sample_rate
    content_start = loop.start + loop.start_relative
    if clip.warped is False:
        # Unwarped clips keep their markers in seconds of the sample and play at its speed.
        return content_start, content_start + clip.length * seconds_per_beat, sample_s
    to_seconds = _warp_map(clip.warp_markers, seconds_per_beat)
    return to_seconds(content_start), to_seconds(content_start + clip.length), sample_s


def _warp_map(markers, seconds_per_beat: float):
    """Clip beat → sample seconds, interpolating (and extrapolating) between warp markers."""
    if len(markers) < 2:
        offset = markers[0].seconds - markers[0].beat * seconds_per_beat if markers else 0.0
        return lambda beat: offset + beat * seconds_per_beat
    beats = [m.beat for m in markers]

    def to_seconds(beat: float) -> float:
        index = min(max(bisect.bisect_right(beats, beat) - 1, 0), len(markers) - 2)
        a, b = markers[index], markers[index + 1]
        if b.beat == a.beat:
            return a.seconds
        return a.seconds + (beat - a.beat) * (b.seconds - a.seconds) / (b.beat - a.beat)

    return to_seconds
