"""ALS310 overstretched-audio: audio clips warped far from the tempo their file was made at."""

from __future__ import annotations

from pydantic import Field

from alslint.api import Finding, Rule, RuleOptions, Severity, Stage, name_matches

#: Half or double speed within this share is an octave of the tempo: a half-time or
#: double-time effect, or a file whose beat Live counts twice as fast — not judged.
_OCTAVE_TOLERANCE = 0.005
#: At most this many bars are listed for the clips of one file.
MAX_BARS_LISTED = 4


class OverstretchedAudioOptions(RuleOptions):
    max_stretch_percent: float = Field(
        20.0,
        gt=0,
        description="Clips played more than this much faster or slower than their file's own "
        "tempo are reported.",
    )
    allow_tracks: list[str] = Field(
        default_factory=list, description="Track-name globs never reported."
    )


class OverstretchedAudio(Rule):
    code = "ALS310"
    name = "overstretched-audio"
    summary = (
        "An audio clip is warped far from the tempo of its file, so time-stretching adds artifacts."
    )
    stage = Stage.SOUND_DESIGN
    default_severity = Severity.WARNING
    Options = OverstretchedAudioOptions

    def check(self, live_set, options, context):
        if live_set.tempo_automated:
            return  # the stretch changes along the song: not certain
        tempo = live_set.tempo
        limit = options.max_stretch_percent / 100
        for track in live_set.tracks_of("audio"):
            if not live_set.is_audible(track) or name_matches(track.name, options.allow_tracks):
                continue
            groups: dict[tuple, list] = {}
            for clip in track.arrangement_clips:
                source = _source_tempo(clip)
                if clip.disabled or source is None:
                    continue
                ratio = tempo / source
                if abs(ratio - 1) <= limit + 1e-9 or _octave(ratio):
                    continue
                groups.setdefault((clip.sample.name, round(source, 2)), []).append(clip)
            for (file, source), clips in groups.items():
                ratio = tempo / source
                how = (
                    f"{(ratio - 1) * 100:.0f} % faster"
                    if ratio > 1
                    else f"{(1 - ratio) * 100:.0f} % slower"
                )
                what = f'"{file}"'
                if len(clips) > 1:
                    spans = [context.bars(c.start, c.end).split(" ", 1)[1] for c in clips]
                    shown = ", ".join(spans[:MAX_BARS_LISTED])
                    if len(spans) > MAX_BARS_LISTED:
                        shown += ", …"
                    what += f" ({len(clips)} clips, bars {shown})"
                yield Finding(
                    message=(
                        f"{what} is warped from {_bpm(source)} BPM to the set's {_bpm(tempo)} "
                        f"BPM and plays {how} than it was recorded: stretching this far smears "
                        "transients and adds artifacts; use material closer to the set's tempo, "
                        "or resample it at the set's tempo with a better warp mode"
                    ),
                    location=context.location(track=track, clip=clips[0]),
                )


def _source_tempo(clip) -> float | None:
    """The tempo the clip's file plays at before warping, from its first and last warp
    markers (seconds of the file against beats of the clip); None when not warped."""
    if clip.kind != "audio" or not clip.warped or clip.sample is None:
        return None
    markers = clip.warp_markers
    if len(markers) < 2:
        return None
    seconds = markers[-1].seconds - markers[0].seconds
    beats = markers[-1].beat - markers[0].beat
    if seconds <= 0 or beats <= 0:
        return None
    return 60.0 * beats / seconds


def _octave(ratio: float) -> bool:
    return any(abs(ratio / octave - 1) <= _OCTAVE_TOLERANCE for octave in (2.0, 0.5))


def _bpm(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")
