"""ALS309 duplicate-clip: a clip doubled on another track at the same bars, through the same
devices: the part plays twice."""

from __future__ import annotations

from pydantic import Field

from alslint.api import Finding, Rule, RuleOptions, Severity, Stage, name_matches

#: Positions closer than this (beats) are the same position.
SAME = 1e-6


class DuplicateClipOptions(RuleOptions):
    allow_tracks: list[str] = Field(
        default_factory=list, description="Track-name globs never reported."
    )


class DuplicateClip(Rule):
    code = "ALS309"
    name = "duplicate-clip"
    summary = "A clip plays exactly what a clip on another track plays at the same bars, through the same devices: the part is doubled."
    stage = Stage.SOUND_DESIGN
    default_severity = Severity.INFO
    Options = DuplicateClipOptions

    def check(self, live_set, options, context):
        seen: dict[tuple, list] = {}  # clip content and place → [(track, clip)] so far
        for track in live_set.tracks_of("audio", "midi"):
            if not live_set.is_audible(track):
                continue
            clips = [c for c in track.arrangement_clips if not c.disabled and c.end > c.start]
            doubles = []
            for clip in clips:
                key = _content(clip)
                if key is None:
                    continue
                earlier = seen.setdefault(key, [])
                same = [e for e in earlier if e[0] is not track and _same_sound(e[0], track)]
                if same:
                    doubles.append((clip, same[0]))
                earlier.append((track, clip))
            if not doubles or name_matches(track.name, options.allow_tracks):
                continue
            others = {id(earlier[0]) for _, earlier in doubles}
            if len(doubles) == len(clips) > 1 and len(others) == 1:
                other = doubles[0][1][0]
                yield Finding(
                    message=(
                        f"Each of its {len(clips)} clips plays exactly what the track "
                        f'"{other.name}" (track {other.index + 1}) plays at the same bars, '
                        f"{_DOUBLED}; delete this track unless the doubling is deliberate"
                    ),
                    location=context.location(track=track),
                )
                continue
            for clip, (other, other_clip) in doubles:
                shown = f'"{other_clip.name}"' if other_clip.name else "unnamed clip"
                yield Finding(
                    message=(
                        f'Plays exactly what the clip {shown} on "{other.name}" (track '
                        f"{other.index + 1}) plays at the same bars, {_DOUBLED}; delete one of "
                        "the two unless the doubling is deliberate"
                    ),
                    location=context.location(track=track, clip=clip),
                )


_DOUBLED = "through the same devices: the part is doubled (6 dB louder)"


def _content(clip) -> tuple | None:
    """What the clip plays and where: equal for two clips that sound the same at the same time."""
    loop = clip.loop
    place = (
        clip.kind,
        round(clip.start / SAME),
        round(clip.end / SAME),
        loop.on,
        loop.start,
        loop.end,
        loop.start_relative,
    )
    if clip.kind == "midi":
        notes = clip.notes
        if notes is None or not len(notes):
            return None  # nothing plays: empty-clip's business
        return place + (
            notes.pitches.tobytes(),
            notes.times.tobytes(),
            notes.durations.tobytes(),
            notes.velocities.tobytes(),
            notes.enabled.tobytes(),
        )
    if clip.sample is None:
        return None
    markers = tuple(clip.warp_markers)
    return place + (clip.sample, clip.warped, markers)


def _chain(devices) -> tuple:
    return tuple(
        (d.tag, d.name, d.plugin_name, d.on, tuple(_chain(c.devices) for c in d.chains))
        for d in devices
    )


def _same_sound(first, second) -> bool:
    """Two tracks that, as far as the set shows, turn a clip into the same sound: the same
    device chain (types, names, plugins, on/off), and either no device at all or the same
    track name — a duplicated track. Same-named devices on differently named tracks may hold
    other settings or patches (a layer, parallel processing)."""
    if first.type != second.type or _chain(first.devices) != _chain(second.devices):
        return False
    return not first.devices or first.name == second.name
