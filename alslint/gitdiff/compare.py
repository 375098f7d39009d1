"""What changed, musically, between two versions of a set (`alslint diff OLD NEW`).

`diff_sets(old, new)` compares two `LiveSet` models and returns a `Diff`: a flat list of
`Change`s, set-level first, then per track in the new set's display order. `render` turns it
into text or JSON.

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
from collections import defaultdict
from typing import Any

from ..describe import bar_ranges, db, db_number, num, pan, position, quote
from ..model import ROUTING_CHOOSERS, Clip, LiveSet, Track
from .changes import Change, Diff, rounded
from .clips import ClipsAndAutomation, content_fields, envelope_change_bars
from .devices import diff_devices
from .match import (
    heaviest_increasing,
    match_tracks,
    norm_name,
    parent_index,
    shown_name,
    subtree_sizes,
)


class _Differ(ClipsAndAutomation):
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
            found = self._fields[id(clip)] = content_fields(clip)
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
                old=rounded(old.tempo),
                new=rounded(new.tempo),
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
        bars = envelope_change_bars(old_env, new_env, self.old_tl, self.new_tl)
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
                        rounded(a.time),
                        rounded(b.time),
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
                    rounded(loc.time),
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
                    rounded(loc.time),
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
        if rounded(a.tempo) != rounded(b.tempo):
            old_t = "none" if a.tempo is None else f"{num(a.tempo)} BPM"
            new_t = "none" if b.tempo is None else f"{num(b.tempo)} BPM"
            self._set(
                "scene-tempo",
                f"scene {b.index + 1} {quote(b.name)} tempo {old_t} → {new_t}",
                subject=b.name,
                old=rounded(a.tempo),
                new=rounded(b.tempo),
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
            track=shown_name(track),
            track_type=track.type,
            position=track.index + 1,
            **fields,
        )

    def _moves(self, pairs: list[tuple[int, int]]) -> dict[int, tuple]:
        """Regrouped tracks, and tracks whose place among their siblings changed."""
        old_tracks, new_tracks = self.old.tracks, self.new.tracks
        partner = dict(pairs)
        old_parent = {i: parent_index(self.old, t) for i, t in enumerate(old_tracks)}
        new_parent = {j: parent_index(self.new, t) for j, t in enumerate(new_tracks)}
        result: dict[int, tuple] = {}
        siblings: dict[Any, list[int]] = defaultdict(list)
        for i, j in pairs:
            po, pn = old_parent[i], new_parent[j]
            same_parent = (po is None and pn is None) or (po is not None and partner.get(po) == pn)
            if same_parent:
                siblings[pn].append(i)
            else:
                result[i] = ("group", po, pn)
        sizes = subtree_sizes(self.old)
        for members in siblings.values():
            members.sort()
            keep = heaviest_increasing([partner[i] for i in members], [sizes[i] for i in members])
            for position_, i in enumerate(members):
                if position_ not in keep:
                    result[i] = ("order", None, None)
        return result

    def _track_pair(self, a: Track, b: Track, move) -> list[Change]:
        out: list[Change] = []

        def add(kind: str, message: str, **fields) -> None:
            out.append(self._track_change(b, kind, message, **fields))

        if a.type != "master" and a.name != b.name and norm_name(a) != norm_name(b):
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
            elif a.index != b.index:  # its place among its siblings changed, not its number
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
        for chooser, before, shown in _routing_changes(self.old, a, self.new, b, self.partner):
            add("routing", f"{chooser} {before} → {shown}", subject=chooser, old=before, new=shown)
        device_changes: list[tuple[str, str, dict]] = []
        diff_devices(a.devices, b.devices, [], device_changes)
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


def _routing_changes(old: LiveSet, a: Track, new: LiveSet, b: Track, partner: dict[int, int]):
    """(chooser, before, after) of each routing chooser and the monitoring that changed. The
    main track, resampling and the group are the same whatever their name (Live 12 renamed
    "Master" to "Main"; a group's rename is reported with the group), and so is another
    track paired with the old one (its rename is reported with it)."""
    old_shown, new_shown = old.routing_shown(a), new.routing_shown(b)
    old_routes = {ROUTING_CHOOSERS[key]: route for key, route in a.routing.routes()}
    new_routes = {ROUTING_CHOOSERS[key]: route for key, route in b.routing.routes()}
    for chooser, shown in new_shown.items():
        before = old_shown.get(chooser)
        if before is None or before == shown:
            continue
        was, now = old_routes.get(chooser), new_routes.get(chooser)
        if was is not None and now is not None and was.kind == now.kind:
            if now.kind in ("master", "resampling", "group"):
                continue
            if now.kind in ("track", "device"):
                was_track, now_track = old.track_by_id(was.track_id), new.track_by_id(now.track_id)
                same = (
                    was_track is not None
                    and now_track is not None
                    and partner.get(was_track.index) == now_track.index
                )
                if same and was.display.partition(" | ")[2] == now.display.partition(" | ")[2]:
                    continue
        yield chooser, before, shown


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
