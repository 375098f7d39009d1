"""What the library shows of one set, read once and cached by the set's content.

A summary holds what `status`, `plugins` and `find` ask of a set (version, tempo, key, length,
tracks, plugins, devices, samples), so a second run over an unchanged library reads no set.
"""

from __future__ import annotations

import gc
import hashlib
import os
import tempfile
from pathlib import Path

from pydantic import BaseModel

from .._version import __version__
from ..als.build import load
from ..errors import SetReadError
from ..lint.cache import cache_dir, content_hash
from ..model import LiveSet
from .parallel import parallel_map
from .projects import discover

SUMMARY_FORMAT = 2


class PluginUse(BaseModel):
    format: str  # vst2, vst3, au
    name: str
    vendor: str | None = None  # where the set stores it (Audio Units)


class SetSummary(BaseModel):
    live_version: str
    creator: str
    tempo: float  # the set's tempo field, as `inspect` shows it
    tempo_range: tuple[float, float] | None = None  # when the tempo is automated
    time_signature: str
    key: str | None = None  # "A Minor", as Live names the scale
    beats: float
    bars: int
    seconds: float
    tracks: int  # audio and MIDI tracks
    locators: int
    plugins: list[PluginUse]
    devices: list[str]  # every device's name as Live shows it, racks' insides included
    samples: list[str]  # file names of the samples the arrangement and session clips play


def summarize(live_set: LiveSet) -> SetSummary:
    timeline = live_set.timeline()
    end = live_set.arrangement_end
    tempo_range = None
    if live_set.tempo_automated:
        envelope = live_set.tempo_envelope
        values = [*envelope.points.values]
        if envelope.default_value is not None:
            values.append(envelope.default_value)
        tempo_range = (min(values), max(values))
    plugins: dict[tuple[str, str], PluginUse] = {}
    devices: dict[str, None] = {}
    samples: dict[str, None] = {}
    for track in live_set.tracks:
        for device in track.all_devices():
            devices.setdefault(device.name)
            if device.is_plugin:
                name = device.plugin_name or device.name
                use = PluginUse(format=device.plugin_format, name=name, vendor=device.plugin_vendor)
                plugins.setdefault((device.plugin_format, name), use)
        for clip in (*track.arrangement_clips, *track.session_clips, *track.take_lane_clips):
            if clip.sample is not None:
                samples.setdefault(clip.sample.name)
    return SetSummary(
        live_version=live_set.live_version,
        creator=live_set.creator,
        tempo=live_set.tempo,
        tempo_range=tempo_range,
        time_signature=str(live_set.time_signature),
        key=str(live_set.scale) if live_set.scale is not None else None,
        beats=round(end, 6),
        bars=timeline.bar_of(end - 1e-6) if end > 0 else 0,
        seconds=round(timeline.beats_to_seconds(end), 3),
        tracks=len(live_set.tracks_of("audio", "midi")),
        locators=len(live_set.locators),
        plugins=sorted(plugins.values(), key=lambda p: (p.name.casefold(), p.format)),
        devices=sorted(devices, key=str.casefold),
        samples=sorted(samples, key=str.casefold),
    )


class SummaryCache:
    """Summaries by set content; written atomically, a damaged entry is a miss."""

    def __init__(self, folder: Path | None = None):
        self.folder = (folder or cache_dir()) / "library"

    def _entry(self, content_hash: str) -> Path:
        key = f"summary={SUMMARY_FORMAT}\nalslint={__version__}\n{content_hash}"
        digest = hashlib.sha256(key.encode()).hexdigest()
        return self.folder / digest[:2] / f"{digest}.json"

    def get(self, content_hash: str) -> SetSummary | None:
        try:
            return SetSummary.model_validate_json(self._entry(content_hash).read_bytes())
        except (OSError, ValueError):
            return None

    def put(self, content_hash: str, summary: SetSummary) -> None:
        entry = self._entry(content_hash)
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(summary.model_dump_json())
            os.replace(temp, entry)
        except OSError:
            pass  # a cache that cannot be written only makes the next run slower


def read_summary(
    path: Path, digest: str | None, cache: SummaryCache | None, max_xml_bytes: int
) -> SetSummary:
    """The summary of the set at `path` (whose content hash is `digest`), from the cache when
    it has it. Raises SetReadError."""
    if cache is not None and digest is not None:
        cached = cache.get(digest)
        if cached is not None:
            return cached
    gc.disable()  # as the engine does: a set's model is a million new objects
    try:
        summary = summarize(load(path, max_xml_bytes=max_xml_bytes))
    finally:
        gc.enable()
    if cache is not None and digest is not None:
        cache.put(digest, summary)
    return summary


def read_summaries(
    paths: list[str], jobs: int, progress, cached: bool, max_xml_bytes: int, excluded
) -> list[tuple[Path, SetSummary | None, str | None]]:
    """(path, summary, why unreadable) of every set under `paths`, backups left out."""
    files = [path for project in discover(paths, excluded) for path in project.sets]
    cache = SummaryCache() if cached else None

    def work(path: Path):
        try:
            return read_summary(path, content_hash(path), cache, max_xml_bytes), None
        except SetReadError as exc:
            return None, exc.problem

    results = parallel_map(work, files, jobs, progress)
    return [(path, summary, error) for path, (summary, error) in zip(files, results)]
