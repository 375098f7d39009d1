"""ALS304 missing-sample: samples of audio clips and instruments whose file cannot be found."""

from __future__ import annotations

import ntpath
import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import Field

from alslint.api import Finding, Fix, Location, Rule, RuleOptions, Severity, Stage

#: `FileRef/RelativePathType`: what the stored relative path is relative to (read from the
#: corpus: 1 and 3 resolve against the project folder, 2/5/6/7 against installed content).
RELATIVE_TO_PROJECT = 3  # Samples/Recorded/… inside the project
RELATIVE_OUTSIDE = 1  # a file outside the project, its path relative to the project folder
_FILE_REF = "SampleRef/FileRef"
INSTALLED_SOURCES = {
    2: "the Live Library",  # Live 8–10: Library/Samples/… (packs installed there)
    5: "a Live pack",  # Core Library and installed packs; LivePackName names it
    6: "the User Library",
    7: "Live's built-in content",
}

#: A URL's scheme (`smb:`, `file:`, `afp:`…); at least two letters, so `C:` stays a drive.
_URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")

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
        for track, sample, user, clip, location in _sample_uses(live_set, context):
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
            remote = is_network_path(sample.path) or is_network_path(sample.relative_path)
            shown = _shown_path(sample, source, remote)
            group = groups.setdefault((source, shown), _Group(shown, source, location, remote))
            if user is not None:
                if user not in group.instruments:
                    group.instruments.append(user)
                continue
            group.clips += 1
            group.members.append((track, clip))
            if track.name not in group.tracks:
                group.tracks.append(track.name)
        for group in groups.values():
            if group.source is None and not group.remote and group.members and context.search_paths:
                relink = _relink(live_set, context, group)
                yield Finding(
                    message=f"{group.message()} ({relink[0]})",
                    location=group.location,
                    fix=relink[1],
                )
            else:
                yield Finding(message=group.message(), location=group.location)


@dataclass
class _Group:
    shown: str
    source: str | None
    location: Location
    remote: bool = False  # saved on another machine (a network path): never looked at
    clips: int = 0
    tracks: list[str] = field(default_factory=list)  # of the clips
    instruments: list[str] = field(default_factory=list)  # "Simpler on pad "Kick" of Drums"
    members: list = field(default_factory=list)  # (track, clip) of every clip playing it

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
        if self.remote:
            return (
                f"{self.shown} ({used}) is on another machine: alslint never opens network "
                "paths; collect it into the project (File › Collect All and Save)"
            )
        if self.source is None:
            return f"{self.shown} ({used}) is missing"
        return (
            f"{self.shown} from {self.source} ({used}) was not found at its saved location: "
            "is it installed on this computer?"
        )


def _relink(live_set, context, group: _Group) -> tuple[str, Fix | None]:
    """What the search folders hold for a missing file, and the fix that points the clips at
    it: matched as Live's file manager matches, by name, then by size where the set stores
    it. Two or more candidates left are reported, never guessed between."""
    sample = group.members[0][1].sample
    found = context.find_files(sample.name)
    if sample.file_size:
        found = [(path, size) for path, size in found if size == sample.file_size]
    if not found:
        return "not in the search folders either", None
    if group.instruments:
        return (
            f"found at {found[0][0].as_posix()}; instruments play it too: relink it in Live",
            None,
        )
    if len(found) > 1:
        listed = ", ".join(path.as_posix() for path, _ in found[:MAX_TRACKS_NAMED])
        return f"{len(found)} files could be it: {listed}; relink it in Live", None
    path = found[0][0]
    if live_set.live_major < 11:
        return (
            f"found at {path.as_posix()}, but Live 8–10 sets also store the path as an alias "
            "alslint cannot write: relink it in Live"
        ), None
    project = Path(os.path.abspath(context.project_dir))
    inside = project in path.parents
    relative = Path(os.path.relpath(path, project)).as_posix()
    edits = []
    for track, clip in group.members:
        old = clip.sample
        edits += [
            context.edit(track, f"{_FILE_REF}/Path", old.path or "", path.as_posix(), clip=clip),
            context.edit(
                track, f"{_FILE_REF}/RelativePath", old.relative_path or "", relative, clip=clip
            ),
            context.edit(
                track,
                f"{_FILE_REF}/RelativePathType",
                str(old.relative_path_type or 0),
                str(RELATIVE_TO_PROJECT if inside else RELATIVE_OUTSIDE),
                clip=clip,
            ),
        ]
    return f"found at {path.as_posix()}: --fix relinks it", Fix(
        description=f"relink to {path.as_posix()}", edits=edits
    )


def _sample_uses(live_set, context):
    """(track, sample, instrument or None, clip or None, location) of every sample reference:
    audio clips in the arrangement, take lanes and session, then the track's instruments."""
    for track in live_set.tracks:
        for clip in (*track.arrangement_clips, *track.take_lane_clips):
            if clip.kind == "audio" and clip.sample is not None:
                yield track, clip.sample, None, clip, context.location(track=track, clip=clip)
        for clip in track.session_clips:
            if clip.kind == "audio" and clip.sample is not None:
                location = context.location(track=track).model_copy(
                    update={"clip": clip.name, "scene": _scene_label(live_set, clip)}
                )
                yield track, clip.sample, None, clip, location
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
                location = context.location(track=track, device=device)
                yield track, played.sample, user, None, location


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


def _shown_path(sample, source: str | None, remote: bool = False) -> str:
    """The path a producer recognises: project-relative inside the project, else absolute
    (and the network path, for a sample on another machine)."""
    if remote:
        return sample.path if is_network_path(sample.path) else sample.relative_path
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


def is_network_path(path: str | None) -> bool:
    """A path on another machine: UNC (`\\\\server\\share`, `//server/share`, `\\\\?\\UNC\\…`)
    or a URL (`smb://`, `file://`…). Never opened: on Windows that contacts the server and
    sends it the user's NTLM hash."""
    text = (path or "").strip()
    return text[:2] in ("\\\\", "//", "\\/", "/\\") or bool(_URL_SCHEME.match(text))


def candidate_paths(sample, project_dir: str) -> list[str]:
    """Where Live looks for the sample, in order: the absolute path as saved, then the
    relative path against the project folder (`Context.project_dir`, absolute) for project
    and outside-project files. A stored path that is not absolute (Live 11+ writes pack
    content so) is never looked up: it would be resolved against the current folder. Network
    paths are never candidates."""
    candidates = []
    path = sample.path
    if (
        path
        and os.path.isabs(path)
        and not _is_foreign_absolute(path)
        and not is_network_path(path)
    ):
        candidates.append(path)
    relative = (sample.relative_path or "").replace("\\", "/")
    if not relative or _installed_source(sample) is not None or is_network_path(relative):
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
