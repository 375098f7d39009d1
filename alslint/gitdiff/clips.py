"""Clips and automation compared, per matched track: arrangement clips by name and place,
session clips through matched scenes, envelopes by device path and parameter."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from ..describe import bar_ranges, num, position, quote
from ..model import Clip, Envelope, Track
from ..timeline import Timeline
from .changes import r3, rounded, span_bars
from .devices import device_paths
from .textconv import notes_hash


class ClipsAndAutomation:
    """The clip and automation part of the comparison, mixed into the differ (`compare`)."""

    def _clips(self, a: Track, b: Track):
        out: list[tuple[str, str, dict]] = []
        self._arrangement(a.arrangement_clips, b.arrangement_clips, "", out)
        lanes = sorted({c.take_lane or 0 for c in (*a.take_lane_clips, *b.take_lane_clips)})
        for lane in lanes:
            self._arrangement(
                [c for c in a.take_lane_clips if (c.take_lane or 0) == lane],
                [c for c in b.take_lane_clips if (c.take_lane or 0) == lane],
                f"take lane {lane + 1} ",
                out,
            )
        self._session(a.session_clips, b.session_clips, out)
        return out

    def _arrangement(self, old: list[Clip], new: list[Clip], where: str, out) -> None:
        old_left, new_left = sorted(old, key=_clip_key), sorted(new, key=_clip_key)
        pairs: list[tuple[Clip, Clip]] = []

        def match(key, accept=lambda x, y: True):
            nonlocal old_left, new_left
            by_key = defaultdict(list)
            for clip in new_left:
                by_key[key(clip)].append(clip)
            rest = []
            for clip in old_left:
                found = next((c for c in by_key.get(key(clip), []) if accept(clip, c)), None)
                if found is not None:
                    by_key[key(clip)].remove(found)
                    pairs.append((clip, found))
                else:
                    rest.append(clip)
            taken = {id(y) for _, y in pairs}
            old_left, new_left = rest, [c for c in new_left if id(c) not in taken]

        match(lambda c: (c.name, r3(c.start), r3(c.end), self.content(c)))  # unchanged
        match(lambda c: (c.name, r3(c.start)))  # resized or edited in place
        match(lambda c: (c.name, r3(c.length), self.content(c)))  # moved
        match(lambda c: (r3(c.start), r3(c.end), self.content(c)))  # renamed
        match(lambda c: c.name, lambda x, y: x.start < y.end and y.start < x.end)  # overlapping
        for x, y in sorted(pairs, key=lambda p: _clip_key(p[1])):
            self._clip_pair(x, y, where, out)
        for clip in old_left:
            out.append(
                (
                    "clip-removed",
                    f"{where}clip {quote(clip.name)} at bar {position(self.old_tl, clip.start)} removed",
                    dict(
                        subject=clip.name,
                        old=_clip_place(clip),
                        bars=span_bars(self.old_tl, clip.start, clip.end),
                    ),
                )
            )
        for clip in sorted(new_left, key=_clip_key):
            out.append(
                (
                    "clip-added",
                    f"{where}clip {quote(clip.name)} added at bar {position(self.new_tl, clip.start)} "
                    f"({num(clip.length)} beats)",
                    dict(
                        subject=clip.name,
                        new=_clip_place(clip),
                        bars=span_bars(self.new_tl, clip.start, clip.end),
                    ),
                )
            )

    def _clip_pair(self, x: Clip, y: Clip, where: str, out, slot: str | None = None) -> None:
        here = slot or f"bar {position(self.new_tl, y.start)}"
        label = f"{where}clip {quote(y.name)} at {here}"
        bars = None if slot else span_bars(self.new_tl, y.start, y.end)
        if x.name != y.name:
            out.append(
                (
                    "clip-renamed",
                    f"{where}clip at {here} renamed {quote(x.name)} → {quote(y.name)}",
                    dict(subject=y.name, old=x.name, new=y.name, bars=bars),
                )
            )
        if slot is None and r3(x.start) != r3(y.start):
            out.append(
                (
                    "clip-moved",
                    f"{where}clip {quote(y.name)} moved bar {position(self.old_tl, x.start)} → "
                    f"{position(self.new_tl, y.start)}",
                    dict(subject=y.name, old=_clip_place(x), new=_clip_place(y), bars=bars),
                )
            )
        if r3(x.length) != r3(y.length):
            out.append(
                (
                    "clip-resized",
                    f"{label} resized {num(x.length)} → {num(y.length)} beats",
                    dict(subject=y.name, old=r3(x.length), new=r3(y.length), bars=bars),
                )
            )
        if x.disabled != y.disabled:
            out.append(
                (
                    "clip-switched",
                    f"{label} {'deactivated' if y.disabled else 'activated'}",
                    dict(subject=y.name, old=not x.disabled, new=not y.disabled, bars=bars),
                )
            )
        edits = _clip_edits(x, y, self.fields(x), self.fields(y))
        if edits:
            out.append(
                (
                    "clip-edited",
                    f"{label}: {', '.join(edits)}",
                    dict(subject=y.name, old=self.fields(x), new=self.fields(y), bars=bars),
                )
            )

    def _session(self, old: list[Clip], new: list[Clip], out) -> None:
        def slot_of(clip: Clip, old_side: bool) -> int | None:
            index = clip.scene_index or 0
            return self.scene_map.get(index) if old_side else index

        old_left = sorted(old, key=lambda c: (c.scene_index or 0, c.name))
        new_left = sorted(new, key=lambda c: (c.scene_index or 0, c.name))
        pairs = []
        for key in (
            lambda c, o: (slot_of(c, o), c.name),  # same slot, same name
            lambda c, o: (c.name, r3(c.length), self.content(c)),  # moved to another slot
            lambda c, o: slot_of(c, o),  # same slot: replaced in place
        ):
            by_key = defaultdict(list)
            for clip in new_left:
                by_key[key(clip, False)].append(clip)
            rest = []
            for clip in old_left:
                k = key(clip, True)
                if (
                    k is not None
                    and by_key.get(k)
                    and (not isinstance(k, tuple) or k[0] is not None)
                ):
                    pairs.append((clip, by_key[k].pop(0)))
                else:
                    rest.append(clip)
            taken = {id(y) for _, y in pairs}
            old_left, new_left = rest, [c for c in new_left if id(c) not in taken]
        for x, y in sorted(pairs, key=lambda p: (p[1].scene_index or 0, p[1].name)):
            old_slot, new_slot = (x.scene_index or 0) + 1, (y.scene_index or 0) + 1
            if slot_of(x, True) != y.scene_index:
                out.append(
                    (
                        "clip-moved",
                        f"session clip {quote(y.name)} moved slot {old_slot} → {new_slot}",
                        dict(subject=y.name, old={"slot": old_slot}, new={"slot": new_slot}),
                    )
                )
            self._clip_pair(x, y, "session ", out, slot=f"slot {new_slot}")
        for kind, clips, side, words in (
            ("clip-removed", old_left, "old", "in slot {slot} removed"),
            ("clip-added", new_left, "new", "added in slot {slot}"),
        ):
            for clip in clips:
                slot = (clip.scene_index or 0) + 1
                message = f"session clip {quote(clip.name)} " + words.format(slot=slot)
                out.append((kind, message, {"subject": clip.name, side: {"slot": slot}}))

    # automation ---------------------------------------------------------------------------

    def _automation(self, a: Track, b: Track):
        out = []
        old_envs, new_envs = _envelopes_by_key(a), _envelopes_by_key(b)
        old_paths, new_paths = device_paths(a), device_paths(b)
        for key in sorted(set(old_envs) | set(new_envs), key=lambda k: (k[0], k[1], k[2])):
            x, y = old_envs.get(key), new_envs.get(key)
            path = key[0]
            if x is None and path and path not in old_paths:
                continue  # automation of an added device: the device is reported
            if y is None and path and path not in new_paths:
                continue  # automation of a removed device: the device is reported
            bars = envelope_change_bars(x, y, self.old_tl, self.new_tl)
            if bars is None:
                continue
            label = " › ".join([*path[:-1], (y or x).label])
            span = [min(bars), max(bars)] if bars else None
            if x is None:
                out.append(
                    (
                        "automation-added",
                        f"automation {label} added ({bar_ranges(bars)})",
                        dict(subject=label, old=0, new=len(y.points), bars=span),
                    )
                )
            elif y is None:
                out.append(
                    (
                        "automation-removed",
                        f"automation {label} removed ({bar_ranges(bars)})",
                        dict(subject=label, old=len(x.points), new=0, bars=span),
                    )
                )
            else:
                where = bar_ranges(bars) if bars else "its static value"
                out.append(
                    (
                        "automation-changed",
                        f"automation {label} changed at {where}",
                        dict(subject=label, old=len(x.points), new=len(y.points), bars=span),
                    )
                )
        return out


# -- clips -------------------------------------------------------------------------------------


def _clip_key(clip: Clip) -> tuple:
    return (clip.start, clip.end, clip.name)


def content_fields(clip: Clip) -> dict:
    loop = clip.loop
    fields: dict[str, Any] = {
        "loop": {
            "on": loop.on,
            "start": r3(loop.start),
            "end": r3(loop.end),
            "start_offset": r3(loop.start_relative),
        },
    }
    if clip.kind == "midi":
        fields["notes"] = len(clip.notes) if clip.notes is not None else 0
        fields["notes_hash"] = notes_hash(clip.notes)
    else:
        fields["sample"] = clip.sample.name if clip.sample else None
        if clip.fades is not None:
            f = clip.fades
            fields["fades"] = {
                "on": f.enabled,
                "in": r3(f.fade_in),
                "out": r3(f.fade_out),
                "default_in": f.default_fade_in,
                "default_out": f.default_fade_out,
            }
        fields["warped"] = clip.warped
    return fields


def _clip_edits(x: Clip, y: Clip, fx: dict, fy: dict) -> list[str]:
    edits = []
    if x.kind != y.kind:
        return [f"{x.kind} → {y.kind} clip"]
    if fx["loop"] != fy["loop"]:
        lx, ly = x.loop, y.loop

        def loop_text(loop) -> str:
            text = f"{'on' if loop.on else 'off'} {num(loop.start)}–{num(loop.end)}"
            return text + (f" offset {num(loop.start_relative)}" if loop.start_relative else "")

        edits.append(f"loop {loop_text(lx)} → {loop_text(ly)}")
    if x.kind == "midi":
        if fx["notes_hash"] != fy["notes_hash"]:
            if fx["notes"] == fy["notes"]:
                edits.append(f"notes edited ({fy['notes']} notes)")
            else:
                edits.append(f"notes {fx['notes']} → {fy['notes']}")
    else:
        if fx["sample"] != fy["sample"]:
            edits.append(f"sample {quote(fx['sample'] or '')} → {quote(fy['sample'] or '')}")
        if fx.get("fades") != fy.get("fades"):
            edits.append("fades changed")
        if fx["warped"] != fy["warped"] and None not in (fx["warped"], fy["warped"]):
            edits.append("warped" if y.warped else "unwarped")
    return edits


def _clip_place(clip: Clip) -> dict:
    return {"start": r3(clip.start), "end": r3(clip.end)}


# -- automation --------------------------------------------------------------------------------


def _envelopes_by_key(track: Track) -> dict[tuple, Envelope]:
    result: dict[tuple, Envelope] = {}
    seen: Counter = Counter()
    for envelope in track.own_envelopes:  # the set's tempo and signature: at the set level
        if not len(envelope.points):
            continue  # only its static value: not automation
        base = (tuple(envelope.device_path), envelope.owner, envelope.parameter)
        result[(*base, seen[base])] = envelope
        seen[base] += 1
    return result


def _envelope_points(envelope: Envelope | None) -> list[tuple[float, float]]:
    if envelope is None:
        return []
    return [(r3(t), r3(v)) for t, v in envelope.points]


def envelope_change_bars(
    x: Envelope | None, y: Envelope | None, old_tl: Timeline, new_tl: Timeline
) -> list[int] | None:
    """Bars where two envelopes differ; None when they do not; [] for a static-value change."""
    if x is None and y is None:
        return None
    px, py = _envelope_points(x), _envelope_points(y)
    default_x = None if x is None else rounded(x.default_value)
    default_y = None if y is None else rounded(y.default_value)
    if px == py and (x is None or y is None or default_x == default_y):
        return (
            None
            if x is not None and y is not None
            else sorted(
                {new_tl.bar_of(max(t, 0.0)) for t, _ in py}
                | {old_tl.bar_of(max(t, 0.0)) for t, _ in px}
            )
        )
    only_x = set(px) - set(py)
    only_y = set(py) - set(px)
    bars = {old_tl.bar_of(max(t, 0.0)) for t, _ in only_x}
    bars |= {new_tl.bar_of(max(t, 0.0)) for t, _ in only_y}
    return sorted(bars)
