"""What changed, musically, between two versions of a set (`alslint diff OLD NEW`).

`diff_sets(old, new)` compares two `LiveSet` models and returns a `Diff`: a flat list of
`Change`s, set-level first, then per track in the new set's display order. `to_text` and
`to_json` render it.

Nothing is matched by Live's ids (they change between saves). Tracks are matched by type and
name first; tracks left over are paired when they sit in the same place among their matched
neighbours and hold similar content (devices, clips, automation, group, mixer) — a renamed
track — or when their content is very similar wherever they sit. Clips are matched per track by
name and position, devices by their place in the chain, automation by device path and
parameter, sends through the returns they feed, session slots through matched scenes.

Only what a producer changes is compared, never how a Live version stores it: the same song
re-saved by a newer Live has no differences.
"""

from __future__ import annotations

import difflib
import json
import re
from collections import Counter, defaultdict
from typing import Any, Literal

from pydantic import BaseModel, Field

from ..describe import bar_ranges, db, db_number, device_label, num, pan, position, quote
from ..model import Chain, Clip, Device, Envelope, LiveSet, Track
from ..timeline import Timeline
from .textconv import notes_hash

DIFF_SCHEMA_VERSION = 1


class Change(BaseModel):
    """One difference. `message` is the human sentence (without the track it belongs to)."""

    kind: str
    scope: Literal["set", "track"]
    message: str
    track: str | None = None  # the track's name in the new set (old set: removed tracks)
    track_type: str | None = None
    position: int | None = None  # the track's display position (1-based): new set, old if removed
    subject: str | None = None  # the clip, device path, parameter, send, locator or scene
    old: Any = None
    new: Any = None
    bars: list[int] | None = None  # [first, last], 1-based, inclusive


class Diff(BaseModel):
    old_path: str
    new_path: str
    old_version: str
    new_version: str
    changes: list[Change] = Field(default_factory=list)

    @property
    def different(self) -> bool:
        return bool(self.changes)


# -- helpers -----------------------------------------------------------------------------------

_AUTO_NAME = re.compile(r"^\d+-")
_RETURN_LETTER = re.compile(r"^[A-Z]{1,2}-")


def _norm_name(track: Track) -> str:
    """The name used to match tracks, without what Live derives from the track's place: the
    number of automatic names ("3-Audio") and the letter of return tracks ("B-Delay")."""
    if track.type == "master":
        return ""
    if track.type == "return":
        return _RETURN_LETTER.sub("", track.name, count=1)
    if not track.user_name:
        return _AUTO_NAME.sub("", track.name, count=1)
    return track.name


def _round(value: float | None, decimals: int = 3) -> float | None:
    return None if value is None else round(value, decimals)


def _span_bars(timeline: Timeline, start: float, end: float) -> list[int]:
    first = timeline.bar_of(max(start, 0.0))
    last = timeline.bar_of(max(end - 1e-6, start, 0.0))
    return [first, last]


# -- the comparison ----------------------------------------------------------------------------


class _Differ:
    def __init__(self, old: LiveSet, new: LiveSet):
        self.old, self.new = old, new
        self.old_tl, self.new_tl = old.timeline(), new.timeline()
        self.changes: list[Change] = []
        self.scene_map: dict[int, int] = {}  # old scene index -> new scene index
        self._fields: dict[int, dict] = {}  # id(clip) -> content fields (both sets stay alive)

    def fields(self, clip: Clip) -> dict:
        """What a clip holds besides name and place; hashing big note lists once per clip."""
        found = self._fields.get(id(clip))
        if found is None:
            found = self._fields[id(clip)] = _content_fields(clip)
        return found

    def content(self, clip: Clip) -> str:
        return json.dumps([clip.kind, self.fields(clip)], sort_keys=True)

    # set level ----------------------------------------------------------------------------

    def _set(self, kind: str, message: str, **fields) -> None:
        self.changes.append(Change(kind=kind, scope="set", message=message, **fields))

    def compare_set(self) -> None:
        old, new = self.old, self.new
        if round(old.tempo, 3) != round(new.tempo, 3):
            self._set(
                "tempo",
                f"tempo {num(old.tempo)} → {num(new.tempo)} BPM",
                subject="tempo",
                old=_round(old.tempo),
                new=_round(new.tempo),
            )
        self._set_envelope(
            "tempo-automation",
            "tempo automation",
            old.tempo_envelope if old.tempo_automated else None,
            new.tempo_envelope if new.tempo_automated else None,
        )
        if old.time_signature != new.time_signature:
            self._set(
                "time-signature",
                f"time signature {old.time_signature} → {new.time_signature}",
                subject="time signature",
                old=str(old.time_signature),
                new=str(new.time_signature),
            )
        self._set_envelope(
            "time-signature-automation",
            "time signature changes",
            old.time_signature_envelope if old.time_signature_automated else None,
            new.time_signature_envelope if new.time_signature_automated else None,
        )
        old_key = None if old.scale is None else (old.scale.root % 12, old.scale.name)
        new_key = None if new.scale is None else (new.scale.root % 12, new.scale.name)
        if old_key != new_key:
            old_text = str(old.scale) if old.scale else "none"
            new_text = str(new.scale) if new.scale else "none"
            self._set(
                "key",
                f"key {old_text} → {new_text}",
                subject="key",
                old=old_text if old.scale else None,
                new=new_text if new.scale else None,
            )
        self._locators()
        self._scenes()

    def _set_envelope(self, kind: str, what: str, old_env, new_env) -> None:
        bars = _envelope_change_bars(old_env, new_env, self.old_tl, self.new_tl)
        if bars is None:
            return
        if old_env is None:
            message = f"{what} added ({bar_ranges(bars)})"
        elif new_env is None:
            message = f"{what} removed ({bar_ranges(bars)})"
        else:
            message = f"{what} changed at {bar_ranges(bars)}"
        self._set(
            kind,
            message,
            subject=what,
            bars=[min(bars), max(bars)] if bars else None,
            old=len(old_env.points) if old_env else 0,
            new=len(new_env.points) if new_env else 0,
        )

    def _locators(self) -> None:
        old_left = list(self.old.locators)
        new_left = list(self.new.locators)
        pairs = []
        # Same name (several with one name: in time order), then same time (renamed).
        for key in (lambda loc: loc.name, lambda loc: round(loc.time, 3)):
            by_key = defaultdict(list)
            for loc in new_left:
                by_key[key(loc)].append(loc)
            rest = []
            for loc in old_left:
                candidates = by_key.get(key(loc))
                if candidates:
                    pairs.append((loc, candidates.pop(0)))
                else:
                    rest.append(loc)
            matched_new = {id(b) for _, b in pairs}
            old_left = rest
            new_left = [loc for loc in new_left if id(loc) not in matched_new]
        events = []
        for a, b in pairs:
            if a.name != b.name:
                events.append(
                    (
                        b.time,
                        "locator-renamed",
                        f"locator at {self._bar(b.time)} renamed {quote(a.name)} → {quote(b.name)}",
                        b.name,
                        a.name,
                        b.name,
                        b.time,
                    )
                )
            elif round(a.time, 3) != round(b.time, 3):
                events.append(
                    (
                        b.time,
                        "locator-moved",
                        f"locator {quote(b.name)} moved {self._bar(a.time, old=True)} → "
                        f"{position(self.new_tl, b.time)}",
                        b.name,
                        _round(a.time),
                        _round(b.time),
                        b.time,
                    )
                )
        for loc in old_left:
            events.append(
                (
                    loc.time,
                    "locator-removed",
                    f"locator {quote(loc.name)} at {self._bar(loc.time, old=True)} removed",
                    loc.name,
                    _round(loc.time),
                    None,
                    None,
                )
            )
        for loc in new_left:
            events.append(
                (
                    loc.time,
                    "locator-added",
                    f"locator {quote(loc.name)} added at {self._bar(loc.time)}",
                    loc.name,
                    None,
                    _round(loc.time),
                    loc.time,
                )
            )
        for _time, kind, message, subject, old, new, at in sorted(
            events, key=lambda e: (e[0], e[1], e[3])
        ):
            bars = None if at is None else [self.new_tl.bar_of(at)] * 2
            self._set(kind, message, subject=subject, old=old, new=new, bars=bars)

    def _bar(self, beat: float, old: bool = False) -> str:
        return "bar " + position(self.old_tl if old else self.new_tl, beat)

    def _scenes(self) -> None:
        old_scenes, new_scenes = self.old.scenes, self.new.scenes
        matcher = difflib.SequenceMatcher(
            a=[s.name for s in old_scenes], b=[s.name for s in new_scenes], autojunk=False
        )
        for _op, a0, a1, b0, b1 in matcher.get_opcodes():
            # Replaced scenes: the first ones renamed in place, the rest added or removed.
            common = min(a1 - a0, b1 - b0)
            for i, j in zip(range(a0, a0 + common), range(b0, b0 + common)):
                self.scene_map[i] = j
                self._scene_pair(old_scenes[i], new_scenes[j])
            a0, b0 = a0 + common, b0 + common
            for i in range(a0, a1):
                scene = old_scenes[i]
                self._set(
                    "scene-removed",
                    f"scene {i + 1} {quote(scene.name)} removed",
                    subject=scene.name,
                    old=i + 1,
                )
            for j in range(b0, b1):
                scene = new_scenes[j]
                self._set(
                    "scene-added",
                    f"scene {j + 1} {quote(scene.name)} added",
                    subject=scene.name,
                    new=j + 1,
                )

    def _scene_pair(self, a, b) -> None:
        if a.name != b.name:
            self._set(
                "scene-renamed",
                f"scene {b.index + 1} renamed {quote(a.name)} → {quote(b.name)}",
                subject=b.name,
                old=a.name,
                new=b.name,
            )
        if _round(a.tempo) != _round(b.tempo):
            old_t = "none" if a.tempo is None else f"{num(a.tempo)} BPM"
            new_t = "none" if b.tempo is None else f"{num(b.tempo)} BPM"
            self._set(
                "scene-tempo",
                f"scene {b.index + 1} {quote(b.name)} tempo {old_t} → {new_t}",
                subject=b.name,
                old=_round(a.tempo),
                new=_round(b.tempo),
            )
        if a.time_signature != b.time_signature:
            old_s = str(a.time_signature) if a.time_signature else "none"
            new_s = str(b.time_signature) if b.time_signature else "none"
            self._set(
                "scene-time-signature",
                f"scene {b.index + 1} {quote(b.name)} time signature {old_s} → {new_s}",
                subject=b.name,
                old=a.time_signature and old_s,
                new=b.time_signature and new_s,
            )

    # tracks -------------------------------------------------------------------------------

    def compare_tracks(self) -> None:
        old_tracks, new_tracks = self.old.tracks, self.new.tracks
        pairs = match_tracks(self.old, self.new)
        self.partner = dict(pairs)  # old index -> new index
        back = {j: i for i, j in pairs}
        moved = self._moves(pairs)
        per_track: dict[float, list[Change]] = defaultdict(list)

        for i, j in sorted(pairs, key=lambda p: p[1]):
            changes = self._track_pair(old_tracks[i], new_tracks[j], moved.get(i))
            per_track[j].extend(changes)
        for j, track in enumerate(new_tracks):
            if j not in back:
                per_track[j].append(self._track_change(track, "track-added", "added", new=j + 1))
        for i, track in enumerate(old_tracks):
            if i in self.partner:
                continue
            # Place a removed track after the new partner of its nearest matched predecessor.
            anchor = -1
            for k in range(i - 1, -1, -1):
                if k in self.partner:
                    anchor = self.partner[k]
                    break
            per_track[anchor + 0.5 + i / 100000].append(
                self._track_change(track, "track-removed", "removed", old=i + 1)
            )
        for key in sorted(per_track):
            self.changes.extend(per_track[key])

    def _track_change(self, track: Track, kind: str, message: str, **fields) -> Change:
        return Change(
            kind=kind,
            scope="track",
            message=message,
            track=_display(track),
            track_type=track.type,
            position=track.index + 1,
            **fields,
        )

    def _moves(self, pairs: list[tuple[int, int]]) -> dict[int, tuple]:
        """Regrouped tracks, and tracks whose place among their siblings changed."""
        old_tracks, new_tracks = self.old.tracks, self.new.tracks
        partner = dict(pairs)
        old_parent = {i: _parent_index(self.old, t) for i, t in enumerate(old_tracks)}
        new_parent = {j: _parent_index(self.new, t) for j, t in enumerate(new_tracks)}
        result: dict[int, tuple] = {}
        siblings: dict[Any, list[int]] = defaultdict(list)
        for i, j in pairs:
            po, pn = old_parent[i], new_parent[j]
            same_parent = (po is None and pn is None) or (po is not None and partner.get(po) == pn)
            if same_parent:
                siblings[pn].append(i)
            else:
                result[i] = ("group", po, pn)
        sizes = _subtree_sizes(self.old)
        for members in siblings.values():
            members.sort()
            keep = _heaviest_increasing([partner[i] for i in members], [sizes[i] for i in members])
            for position_, i in enumerate(members):
                if position_ not in keep:
                    result[i] = ("order", None, None)
        return result

    def _track_pair(self, a: Track, b: Track, move) -> list[Change]:
        out: list[Change] = []

        def add(kind: str, message: str, **fields) -> None:
            out.append(self._track_change(b, kind, message, **fields))

        if a.type != "master" and a.name != b.name and _norm_name(a) != _norm_name(b):
            add("track-renamed", f"renamed from {quote(a.name)}", old=a.name, new=b.name)
        if move is not None:
            what, po, pn = move
            if what == "group":
                old_g = "no group" if po is None else f"group {quote(self.old.tracks[po].name)}"
                new_g = "no group" if pn is None else f"group {quote(self.new.tracks[pn].name)}"
                add(
                    "track-group",
                    f"moved from {old_g} to {new_g}",
                    old=None if po is None else self.old.tracks[po].name,
                    new=None if pn is None else self.new.tracks[pn].name,
                )
            else:
                add(
                    "track-moved",
                    f"moved: position {a.index + 1} → {b.index + 1}",
                    old=a.index + 1,
                    new=b.index + 1,
                )
        ma, mb = a.mixer, b.mixer
        if ma.on != mb.on:
            add("track-switched", "switched on" if mb.on else "switched off", old=ma.on, new=mb.on)
        if ma.solo != mb.solo:
            add("solo", "soloed" if mb.solo else "solo released", old=ma.solo, new=mb.solo)
        if a.frozen != b.frozen:
            add("frozen", "frozen" if b.frozen else "unfrozen", old=a.frozen, new=b.frozen)
        va, vb = db_number(ma.volume), db_number(mb.volume)
        if va != vb:
            add(
                "volume",
                f"volume {db(ma.volume)} → {db(mb.volume)}",
                subject="volume",
                old=va,
                new=vb,
            )
        if pan(ma.pan) != pan(mb.pan):
            add(
                "pan",
                f"pan {pan(ma.pan)} → {pan(mb.pan)}",
                subject="pan",
                old=round(ma.pan, 3),
                new=round(mb.pan, 3),
            )
        out.extend(self._sends(a, b))
        device_changes: list[tuple[str, str, dict]] = []
        _diff_devices(a.devices, b.devices, [], device_changes)
        for kind, message, fields in device_changes:
            add(kind, message, **fields)
        for kind, message, fields in self._clips(a, b):
            add(kind, message, **fields)
        for kind, message, fields in self._automation(a, b):
            add(kind, message, **fields)
        return out

    def _sends(self, a: Track, b: Track) -> list[Change]:
        out = []
        old_returns = [t.index for t in self.old.returns]
        new_returns = [t.index for t in self.new.returns]
        new_sends = {send.return_index: send for send in b.mixer.sends}
        for send in a.mixer.sends:
            if send.return_index >= len(old_returns):
                continue
            target = self.partner.get(old_returns[send.return_index])
            if target is None or target not in new_returns:
                continue  # the return was removed: reported with it
            other = new_sends.get(new_returns.index(target))
            if other is None:
                continue
            name = other.return_name
            va, vb = db_number(send.level), db_number(other.level)
            if va != vb:
                out.append(
                    self._track_change(
                        b,
                        "send",
                        f"send to {quote(name)} {db(send.level)} → {db(other.level)}",
                        subject=name,
                        old=va,
                        new=vb,
                    )
                )
            if send.active != other.active:
                out.append(
                    self._track_change(
                        b,
                        "send-switched",
                        f"send to {quote(name)} switched {'on' if other.active else 'off'}",
                        subject=name,
                        old=send.active,
                        new=other.active,
                    )
                )
        return out

    # clips --------------------------------------------------------------------------------

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

        match(lambda c: (c.name, _r(c.start), _r(c.end), self.content(c)))  # unchanged
        match(lambda c: (c.name, _r(c.start)))  # resized or edited in place
        match(lambda c: (c.name, _r(c.length), self.content(c)))  # moved
        match(lambda c: (_r(c.start), _r(c.end), self.content(c)))  # renamed
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
                        bars=_span_bars(self.old_tl, clip.start, clip.end),
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
                        bars=_span_bars(self.new_tl, clip.start, clip.end),
                    ),
                )
            )

    def _clip_pair(self, x: Clip, y: Clip, where: str, out, slot: str | None = None) -> None:
        here = slot or f"bar {position(self.new_tl, y.start)}"
        label = f"{where}clip {quote(y.name)} at {here}"
        bars = None if slot else _span_bars(self.new_tl, y.start, y.end)
        if x.name != y.name:
            out.append(
                (
                    "clip-renamed",
                    f"{where}clip at {here} renamed {quote(x.name)} → {quote(y.name)}",
                    dict(subject=y.name, old=x.name, new=y.name, bars=bars),
                )
            )
        if slot is None and _r(x.start) != _r(y.start):
            out.append(
                (
                    "clip-moved",
                    f"{where}clip {quote(y.name)} moved bar {position(self.old_tl, x.start)} → "
                    f"{position(self.new_tl, y.start)}",
                    dict(subject=y.name, old=_clip_place(x), new=_clip_place(y), bars=bars),
                )
            )
        if _r(x.length) != _r(y.length):
            out.append(
                (
                    "clip-resized",
                    f"{label} resized {num(x.length)} → {num(y.length)} beats",
                    dict(subject=y.name, old=_r(x.length), new=_r(y.length), bars=bars),
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
            lambda c, o: (c.name, _r(c.length), self.content(c)),  # moved to another slot
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
        for clip in old_left:
            slot = (clip.scene_index or 0) + 1
            out.append(
                (
                    "clip-removed",
                    f"session clip {quote(clip.name)} in slot {slot} removed",
                    dict(subject=clip.name, old={"slot": slot}),
                )
            )
        for clip in new_left:
            slot = (clip.scene_index or 0) + 1
            out.append(
                (
                    "clip-added",
                    f"session clip {quote(clip.name)} added in slot {slot}",
                    dict(subject=clip.name, new={"slot": slot}),
                )
            )

    # automation ---------------------------------------------------------------------------

    def _automation(self, a: Track, b: Track):
        out = []
        old_envs, new_envs = _envelopes_by_key(a), _envelopes_by_key(b)
        old_paths, new_paths = _device_paths(a), _device_paths(b)
        for key in sorted(set(old_envs) | set(new_envs), key=lambda k: (k[0], k[1], k[2])):
            x, y = old_envs.get(key), new_envs.get(key)
            path = key[0]
            if x is None and path and path not in old_paths:
                continue  # automation of an added device: the device is reported
            if y is None and path and path not in new_paths:
                continue  # automation of a removed device: the device is reported
            bars = _envelope_change_bars(x, y, self.old_tl, self.new_tl)
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


# -- track matching ----------------------------------------------------------------------------


def _features(live_set: LiveSet, track: Track) -> Counter:
    f: Counter = Counter()
    for device in track.all_devices():
        f[("device", device.tag, device.name, device.plugin_name)] += 1
    for clip in track.arrangement_clips:
        f[("clip", clip.name, _r(clip.start), _r(clip.end))] += 1
    for clip in track.session_clips:
        f[("slot", clip.scene_index, clip.name, _r(clip.length))] += 1
    for clip in track.take_lane_clips:
        f[("take", clip.take_lane, clip.name, _r(clip.start))] += 1
    for envelope in track.envelopes:
        if len(envelope.points):
            f[("automation", tuple(envelope.device_path), envelope.label)] += 1
    if track.type == "group":
        for child in live_set.children(track):
            f[("child", child.type, _norm_name(child))] += 1
    f[("group", track.group_name)] += 1
    f[("volume", db_number(track.mixer.volume))] += 1
    return f


def _similarity(a: Counter, b: Counter) -> float:
    union = sum((a | b).values())
    return sum((a & b).values()) / union if union else 1.0


def match_tracks(old: LiveSet, new: LiveSet) -> list[tuple[int, int]]:
    """Pairs (old index, new index) of the same track in both sets."""
    old_tracks, new_tracks = old.tracks, new.tracks
    pairs: dict[int, int] = {}
    # The master is the master, whatever Live calls it ("Master" → "Main" in Live 12).
    old_master = [i for i, t in enumerate(old_tracks) if t.type == "master"]
    new_master = [j for j, t in enumerate(new_tracks) if t.type == "master"]
    if old_master and new_master:
        pairs[old_master[0]] = new_master[0]

    old_features = [_features(old, t) for t in old_tracks]
    new_features = [_features(new, t) for t in new_tracks]

    def score(i: int, j: int) -> float:
        return _similarity(old_features[i], new_features[j])

    # 1. Same type and name; several of one name: the most similar, then the nearest.
    by_key_old, by_key_new = defaultdict(list), defaultdict(list)
    for i, t in enumerate(old_tracks):
        if i not in pairs:
            by_key_old[(t.type, _norm_name(t))].append(i)
    for j, t in enumerate(new_tracks):
        if j not in pairs.values():
            by_key_new[(t.type, _norm_name(t))].append(j)
    for key, olds in by_key_old.items():
        news = by_key_new.get(key, [])
        if len(olds) == len(news):
            pairs.update(zip(olds, news))
            continue
        candidates = sorted(
            (-score(i, j), abs(i / len(old_tracks) - j / len(new_tracks)), i, j)
            for i in olds
            for j in news
        )
        used_old, used_new = set(), set()
        for _, _, i, j in candidates:
            if i not in used_old and j not in used_new:
                pairs[i] = j
                used_old.add(i)
                used_new.add(j)

    # 2. Renamed tracks: same type and similar content, helped by place — the same gap
    #    between matched neighbours, parents that match, children that match. One pair at a
    #    time, best first, as each pair narrows the gaps and matches parents.
    old_parent = [_parent_index(old, t) for t in old_tracks]
    new_parent = [_parent_index(new, t) for t in new_tracks]
    old_children = _children_indexes(old)
    new_children = _children_indexes(new)
    similarity: dict[tuple[int, int], float] = {}
    while True:
        taken_new = set(pairs.values())
        old_left = [i for i in range(len(old_tracks)) if i not in pairs]
        new_left = [j for j in range(len(new_tracks)) if j not in taken_new]
        if not old_left or not new_left:
            break
        back = {j: i for i, j in pairs.items()}
        old_gap = {i: _gap(i, len(old_tracks), pairs) for i in old_left}
        new_gap = {j: _gap(j, len(new_tracks), back, new_side=True) for j in new_left}
        old_rank = _ranks(old_left, old_gap, old_tracks)
        new_rank = _ranks(new_left, new_gap, new_tracks)
        candidates = []
        for i in old_left:
            for j in new_left:
                if old_tracks[i].type != new_tracks[j].type:
                    continue
                if (i, j) not in similarity:
                    similarity[(i, j)] = score(i, j)
                content = similarity[(i, j)]
                if content < 0.15:
                    continue
                same_gap = old_gap[i] == new_gap[j]
                po, pn = old_parent[i], new_parent[j]
                same_parent = po is not None and pairs.get(po) == pn
                kids = old_children.get(i, []), new_children.get(j, [])
                shared = sum(1 for k in kids[0] if pairs.get(k) in kids[1])
                kids_share = shared / max(len(kids[0]), len(kids[1])) if shared else 0.0
                total = content + 0.35 * (same_gap + same_parent + kids_share)
                if total >= 0.7:
                    # Ties: keep the order within the gap, then the nearest relative place.
                    distance = (
                        abs(old_rank[i] - new_rank[j]) if same_gap else len(old_tracks),
                        abs(i / len(old_tracks) - j / len(new_tracks)),
                    )
                    candidates.append((-round(total, 6), distance, i, j))
        if not candidates:
            break
        _, _, i, j = min(candidates)
        pairs[i] = j
    return sorted(pairs.items())


def _gap(index: int, count: int, pairs: dict[int, int], new_side: bool = False) -> tuple:
    """Where an unmatched track sits: between which matched tracks, named by their old index.

    `pairs` maps this side's indexes to the other side's (old -> new, or new -> old for the
    new side, whose neighbours are then named by their old partners).
    """
    before = next((k for k in range(index - 1, -1, -1) if k in pairs), None)
    after = next((k for k in range(index + 1, count) if k in pairs), None)
    if not new_side:
        return (before, after)
    return (
        None if before is None else pairs[before],
        None if after is None else pairs[after],
    )


def _ranks(left: list[int], gaps: dict[int, tuple], tracks: list[Track]) -> dict[int, int]:
    """Each unmatched track's place among the unmatched tracks of its type in its gap."""
    seen: Counter = Counter()
    ranks = {}
    for index in left:
        key = (gaps[index], tracks[index].type)
        ranks[index] = seen[key]
        seen[key] += 1
    return ranks


def _children_indexes(live_set: LiveSet) -> dict[int, list[int]]:
    children: dict[int, list[int]] = defaultdict(list)
    for track in live_set.tracks:
        parent = live_set.parent(track)
        if parent is not None:
            children[parent.index].append(track.index)
    return children


def _parent_index(live_set: LiveSet, track: Track) -> int | None:
    parent = live_set.parent(track)
    return None if parent is None else parent.index


def _subtree_sizes(live_set: LiveSet) -> dict[int, int]:
    sizes = {t.index: 1 for t in live_set.tracks}
    for track in live_set.tracks:
        parent = live_set.parent(track)
        while parent is not None:
            sizes[parent.index] += 1
            parent = live_set.parent(parent)
    return sizes


def _heaviest_increasing(values: list[int], weights: list[int]) -> set[int]:
    """Positions of the increasing subsequence of `values` with the largest total weight."""
    n = len(values)
    best = list(weights)
    previous = [-1] * n
    for k in range(n):
        for m in range(k):
            if values[m] < values[k] and best[m] + weights[k] > best[k]:
                best[k] = best[m] + weights[k]
                previous[k] = m
    if not n:
        return set()
    k = max(range(n), key=lambda x: (best[x], -x))
    keep = set()
    while k != -1:
        keep.add(k)
        k = previous[k]
    return keep


def _display(track: Track) -> str:
    return "Main" if track.type == "master" else track.name


# -- devices -----------------------------------------------------------------------------------


def _device_key(device: Device) -> tuple:
    return (device.tag, device.plugin_format, device.plugin_name, device.name)


def _diff_devices(old: list[Device], new: list[Device], path: list[str], out: list) -> None:
    matcher = difflib.SequenceMatcher(
        a=[_device_key(d) for d in old], b=[_device_key(d) for d in new], autojunk=False
    )
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            for x, y in zip(old[a0:a1], new[b0:b1]):
                _device_pair(x, y, path, out)
            continue
        # A renamed device: same device or plugin in the same place, another name.
        renamed = difflib.SequenceMatcher(
            a=[_device_kind(d) for d in old[a0:a1]],
            b=[_device_kind(d) for d in new[b0:b1]],
            autojunk=False,
        )
        removed, added = list(old[a0:a1]), list(new[b0:b1])
        for block in renamed.get_matching_blocks():
            for k in range(block.size):
                x, y = old[a0 + block.a + k], new[b0 + block.b + k]
                removed.remove(x)
                added.remove(y)
                out.append(
                    (
                        "device-renamed",
                        f"device {_in(path)}{device_label(x)} renamed to {quote(y.name)}",
                        dict(subject=" › ".join([*path, y.name]), old=x.name, new=y.name),
                    )
                )
                _device_pair(x, y, path, out)
        for x in removed:
            subject = " › ".join([*path, x.name])
            out.append(
                (
                    "device-removed",
                    f"device {_in(path)}{device_label(x)} removed",
                    dict(subject=subject, old=_device_json(x)),
                )
            )
        for y in added:
            subject = " › ".join([*path, y.name])
            out.append(
                (
                    "device-added",
                    f"device {_in(path)}{device_label(y)} added" + ("" if y.on else " (off)"),
                    dict(subject=subject, new=_device_json(y)),
                )
            )


def _device_kind(device: Device) -> tuple:
    return (device.tag, device.plugin_format, device.plugin_name)


def _in(path: list[str]) -> str:
    return "".join(f"{quote(p)} › " for p in path)


def _device_pair(x: Device, y: Device, path: list[str], out: list) -> None:
    subject = " › ".join([*path, y.name])
    if x.on != y.on:
        out.append(
            (
                "device-switched",
                f"device {_in(path)}{device_label(y)} switched {'on' if y.on else 'off'}",
                dict(subject=subject, old=x.on, new=y.on),
            )
        )
    inner = [*path, y.name]
    matcher = difflib.SequenceMatcher(
        a=[c.name for c in x.chains], b=[c.name for c in y.chains], autojunk=False
    )
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal" or (op == "replace" and a1 - a0 == b1 - b0):
            for cx, cy in zip(x.chains[a0:a1], y.chains[b0:b1]):
                _chain_pair(cx, cy, inner, out)
            continue
        removed, added = x.chains[a0:a1], y.chains[b0:b1]
        for kind, chains, verb, rack in (
            ("chain-removed", removed, "removed from", x),
            ("chain-added", added, "added to", y),
        ):
            if not chains:
                continue
            names = [c.name for c in chains]
            what = f"chain {quote(names[0])}" if len(chains) == 1 else f"{len(chains)} chains"
            out.append(
                (
                    kind,
                    f"{what} {verb} {_in(path)}{device_label(rack)}",
                    dict(
                        subject=" › ".join(inner),
                        old=names if kind == "chain-removed" else None,
                        new=names if kind == "chain-added" else None,
                    ),
                )
            )


def _chain_pair(x: Chain, y: Chain, path: list[str], out: list) -> None:
    # A name Live made up on both sides follows the chain's devices (reported as devices)
    # and Live's version (11.2 changed "Chain" to "Gate | Compressor"): nobody renamed it.
    if x.name != y.name and not (x.auto_name and y.auto_name):
        out.append(
            (
                "chain-renamed",
                f"chain {quote(x.name)} in {' › '.join(map(quote, path))} renamed to {quote(y.name)}",
                dict(subject=" › ".join([*path, y.name]), old=x.name, new=y.name),
            )
        )
    if x.on != y.on:
        out.append(
            (
                "chain-switched",
                f"chain {quote(y.name)} in {' › '.join(map(quote, path))} switched {'on' if y.on else 'off'}",
                dict(subject=" › ".join([*path, y.name]), old=x.on, new=y.on),
            )
        )
    _diff_devices(x.devices, y.devices, path, out)


def _device_json(device: Device) -> dict:
    return {
        "name": device.name,
        "device": device.tag,
        "plugin_format": device.plugin_format,
        "plugin": device.plugin_name,
        "on": device.on,
    }


def _device_paths(track: Track) -> set[tuple[str, ...]]:
    paths = set()

    def walk(devices: list[Device], prefix: tuple[str, ...]) -> None:
        for device in devices:
            path = (*prefix, device.name)
            paths.add(path)
            for chain in device.chains:
                walk(chain.devices, path)

    walk(track.devices, ())
    return paths


# -- clips -------------------------------------------------------------------------------------


def _r(value: float) -> float:
    return round(value, 3)


def _clip_key(clip: Clip) -> tuple:
    return (clip.start, clip.end, clip.name)


def _content_fields(clip: Clip) -> dict:
    loop = clip.loop
    fields: dict[str, Any] = {
        "loop": {
            "on": loop.on,
            "start": _r(loop.start),
            "end": _r(loop.end),
            "start_offset": _r(loop.start_relative),
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
                "in": _r(f.fade_in),
                "out": _r(f.fade_out),
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
    return {"start": _r(clip.start), "end": _r(clip.end)}


# -- automation --------------------------------------------------------------------------------


def _envelopes_by_key(track: Track) -> dict[tuple, Envelope]:
    result: dict[tuple, Envelope] = {}
    seen: Counter = Counter()
    for envelope in track.envelopes:
        if not len(envelope.points):
            continue  # only its static value: not automation
        if (
            track.type == "master"
            and envelope.owner == "Mixer"
            and envelope.parameter in ("Tempo", "TimeSignature")
        ):
            continue  # compared at the set level
        base = (tuple(envelope.device_path), envelope.owner, envelope.parameter)
        result[(*base, seen[base])] = envelope
        seen[base] += 1
    return result


def _envelope_points(envelope: Envelope | None) -> list[tuple[float, float]]:
    if envelope is None:
        return []
    return [(_r(t), _r(v)) for t, v in envelope.points]


def _envelope_change_bars(
    x: Envelope | None, y: Envelope | None, old_tl: Timeline, new_tl: Timeline
) -> list[int] | None:
    """Bars where two envelopes differ; None when they do not; [] for a static-value change."""
    if x is None and y is None:
        return None
    px, py = _envelope_points(x), _envelope_points(y)
    default_x = None if x is None else _round(x.default_value)
    default_y = None if y is None else _round(y.default_value)
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


# -- public API --------------------------------------------------------------------------------


def diff_sets(old: LiveSet, new: LiveSet) -> Diff:
    """The musical differences from `old` to `new`."""
    differ = _Differ(old, new)
    differ.compare_set()
    differ.compare_tracks()
    return Diff(
        old_path=old.path,
        new_path=new.path,
        old_version=old.live_version,
        new_version=new.live_version,
        changes=differ.changes,
    )


def to_text(diff: Diff) -> str:
    """The human report: changes grouped under the set and each track."""
    lines = [
        f"{diff.old_path} (Live {diff.old_version}) → {diff.new_path} (Live {diff.new_version})"
    ]
    if not diff.changes:
        lines.append("no musical differences")
        return "\n".join(lines) + "\n"
    heading = None
    tracks = set()
    for change in _collapse_scene_runs(diff.changes):
        if change.scope == "set":
            this, title = ("set",), "set"
        else:
            this = (
                change.kind == "track-removed",
                change.track_type,
                change.track,
                change.position,
            )
            title = (
                "master track"
                if change.track_type == "master"
                else (f"{change.track_type} track {quote(change.track or '')}")
            )
            tracks.add(this)
        if this != heading:
            lines.append(title)
            heading = this
        lines.append(f"  {change.message}")
    count = len(diff.changes)
    summary = f"{count} change{'s' if count != 1 else ''}"
    if tracks:
        summary += f" in {len(tracks)} track{'s' if len(tracks) != 1 else ''}"
    lines.append(summary)
    return "\n".join(lines) + "\n"


def _collapse_scene_runs(changes: list[Change]) -> list[Change]:
    """For the text report: three or more scenes added (removed) in a row become one line."""
    out: list[Change] = []
    k = 0
    while k < len(changes):
        change = changes[k]
        if change.kind not in ("scene-added", "scene-removed"):
            out.append(change)
            k += 1
            continue
        field = "new" if change.kind == "scene-added" else "old"
        end = k + 1
        while (
            end < len(changes)
            and changes[end].kind == change.kind
            and getattr(changes[end], field) == getattr(changes[end - 1], field) + 1
        ):
            end += 1
        if end - k >= 3:
            first, last = getattr(change, field), getattr(changes[end - 1], field)
            verb = "added" if change.kind == "scene-added" else "removed"
            out.append(
                change.model_copy(
                    update={"message": f"scenes {first}–{last} {verb} ({end - k} scenes)"}
                )
            )
        else:
            out.extend(changes[k:end])
        k = end
    return out


def to_json(diff: Diff) -> str:
    """The documented machine format (README, "alslint diff JSON")."""
    kinds = Counter(change.kind for change in diff.changes)
    document = {
        "schema_version": DIFF_SCHEMA_VERSION,
        "old": {"path": diff.old_path, "live_version": diff.old_version},
        "new": {"path": diff.new_path, "live_version": diff.new_version},
        "different": diff.different,
        "changes": [change.model_dump() for change in diff.changes],
        "summary": {"changes": len(diff.changes), "kinds": dict(sorted(kinds.items()))},
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
