"""ALS304 missing-sample: samples of audio clips and instruments whose file cannot be found."""

from __future__ import annotations

import ntpath
import os
import posixpath
from dataclasses import dataclass, field

from pydantic import Field

from alslint.api import Finding, Location, Rule, RuleOptions, Severity, Stage

#: `FileRef/RelativePathType`: what the stored relative path is relative to (read from the
#: corpus: 1 and 3 resolve against the project folder, 2/5/6/7 against installed content).
RELATIVE_TO_PROJECT = 3  # Samples/Recorded/… inside the project
INSTALLED_SOURCES = {
    2: "the Live Library",  # Live 8–10: Library/Samples/… (packs installed there)
    5: "a Live pack",  # Core Library and installed packs; LivePackName names it
    6: "the User Library",
    7: "Live's built-in content",
}

#: At most this many track names are listed in a message.
MAX_TRACKS_NAMED = 4


class MissingSampleOptions(RuleOptions):
    check_packs: bool = Field(
        True,
        description="Also report samples from Live packs and the Live/User Library "
        "(RelativePathType 2, 5, 6, 7) that are not where the set says, with their own message.",
    )


class MissingSample(Rule):
    code = "ALS304"
    name = "missing-sample"
    summary = (
        "A sample file of an audio clip or an instrument (Simpler, Sampler, Impulse) cannot be "
        "found, so it plays silence."
    )
    stage = Stage.SOUND_DESIGN
    default_severity = Severity.WARNING
    Options = MissingSampleOptions

    def check(self, live_set, options, context):
        project_dir = os.fspath(context.project_dir)
        groups: dict[tuple, _Group] = {}
        found: dict[tuple, bool] = {}
        for track, sample, user, location in _sample_uses(live_set, context):
            source = _installed_source(sample)
            if source is not None and not options.check_packs:
                continue
            ref_key = (
                sample.path,
                sample.relative_path,
                sample.relative_path_type,
                sample.live_pack_name,
            )
            if ref_key not in found:
                found[ref_key] = any(
                    context.file_exists(candidate)
                    for candidate in candidate_paths(sample, project_dir)
                )
            if found[ref_key]:
                continue
            shown = _shown_path(sample, source)
            group = groups.setdefault((source, shown), _Group(shown, source, location))
            if user is not None:
                if user not in group.instruments:
                    group.instruments.append(user)
                continue
            group.clips += 1
            if track.name not in group.tracks:
                group.tracks.append(track.name)
        for group in groups.values():
            yield Finding(message=group.message(), location=group.location)


@dataclass
class _Group:
    shown: str
    source: str | None
    location: Location
    clips: int = 0
    tracks: list[str] = field(default_factory=list)  # of the clips
    instruments: list[str] = field(default_factory=list)  # "Simpler on pad "Kick" of Drums"

    def message(self) -> str:
        uses = []
        if self.clips:
            names = self.tracks[:MAX_TRACKS_NAMED]
            more = len(self.tracks) - len(names)
            on = ", ".join(names) + (f" and {more} more tracks" if more else "")
            uses.append(f"{self.clips} clip{'s' if self.clips != 1 else ''} on {on}")
        named = self.instruments[:MAX_TRACKS_NAMED]
        more = len(self.instruments) - len(named)
        uses.extend(named)
        if more:
            uses.append(f"{more} more instrument{'s' if more != 1 else ''}")
        used = "used by " + " and ".join(uses)
        if self.source is None:
            return f"{self.shown} ({used}) is missing"
        return (
            f"{self.shown} from {self.source} ({used}) was not found at its saved location: "
            "is it installed on this computer?"
        )


def _sample_uses(live_set, context):
    """(track, sample, instrument or None for a clip, location) of every sample reference:
    audio clips in the arrangement, take lanes and session, then the track's instruments."""
    for track in live_set.tracks:
        for clip in (*track.arrangement_clips, *track.take_lane_clips):
            if clip.kind == "audio" and clip.sample is not None:
                yield track, clip.sample, None, context.location(track=track, clip=clip)
        for clip in track.session_clips:
            if clip.kind == "audio" and clip.sample is not None:
                location = context.location(track=track).model_copy(
                    update={"clip": clip.name, "scene": _scene_label(live_set, clip)}
                )
                yield track, clip.sample, None, location
        for device, pad in _devices_with_pads(track.devices, None):
            for played in device.samples:
                user = device.name
                if played.zone is not None:
                    user += (
                        f" {played.zone}"
                        if played.zone.startswith("slot ")
                        else (f' zone "{played.zone}"')
                    )
                if pad is not None:
                    user += f' on pad "{pad}"'
                user += f" on {track.name}"
                yield track, played.sample, user, context.location(track=track, device=device)


def _devices_with_pads(devices, pad: str | None):
    """(device, the Drum Rack pad it sits on or None) of every device, racks opened up."""
    for device in devices:
        yield device, pad
        for chain in device.chains:
            inner = chain.name if device.tag == "DrumGroupDevice" and not chain.is_return else pad
            yield from _devices_with_pads(chain.devices, inner)


def _scene_label(live_set, clip) -> str | None:
    if clip.scene_index is None:
        return None
    if clip.scene_index < len(live_set.scenes):
        name = live_set.scenes[clip.scene_index].name.strip()
        if name:
            return f'"{name}"' if not name.isdigit() else name
    return str(clip.scene_index + 1)


def _installed_source(sample) -> str | None:
    """Where installed (non-project) content comes from, or None for the project's own files."""
    if sample.live_pack_name:
        return f'the Live pack "{sample.live_pack_name}"'
    return INSTALLED_SOURCES.get(sample.relative_path_type)


def _shown_path(sample, source: str | None) -> str:
    """The path a producer recognises: project-relative inside the project, else absolute."""
    relative = (sample.relative_path or "").replace("\\", "/")
    if relative and (source is not None or sample.relative_path_type == RELATIVE_TO_PROJECT):
        return relative
    return sample.path or relative or sample.name


def _is_foreign_absolute(path: str) -> bool:
    """A Windows path (`C:/…`, `//server/…`) seen on macOS/Linux: it cannot exist here."""
    if os.name == "nt":
        return False
    drive, _ = ntpath.splitdrive(path)
    return bool(drive)


def candidate_paths(sample, project_dir: str) -> list[str]:
    """Where Live looks for the sample, in order: the absolute path as saved, then the
    relative path against the project folder (`Context.project_dir`, absolute) for project
    and outside-project files. A stored path that is not absolute (Live 11+ writes pack
    content so) is never looked up: it would be resolved against the current folder."""
    candidates = []
    if sample.path and os.path.isabs(sample.path) and not _is_foreign_absolute(sample.path):
        candidates.append(sample.path)
    relative = (sample.relative_path or "").replace("\\", "/")
    if not relative or _installed_source(sample) is not None:
        return candidates
    if posixpath.isabs(relative) or ntpath.splitdrive(relative)[0]:
        return candidates  # not relative after all
    ups = 0
    parts = [part for part in relative.split("/") if part not in ("", ".")]
    while ups < len(parts) and parts[ups] == "..":
        ups += 1
    rest = parts[ups:]
    if not rest:
        return candidates
    base = project_dir
    for _ in range(ups):
        parent = os.path.dirname(base)
        if parent == base:
            return candidates  # climbs above the root
        base = parent
    candidate = os.path.join(base, *rest)
    if candidate not in candidates:
        candidates.append(candidate)
    return candidates
