"""Group membership as an index: each group's tracks and which tracks sound, linear in the
tracks however deep the groups nest."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import Track


class GroupTree:
    """Group tracks by id, each group's tracks, and which tracks sound (memoised): linear in
    the tracks however deep the groups nest. A cycle (only a hand-built model can hold one;
    the reader breaks them) counts as silent rather than looping."""

    def __init__(self, tracks: list[Track]):
        self.groups: dict[int, Track] = {}
        for track in tracks:
            if track.type == "group" and track.id is not None:
                self.groups.setdefault(track.id, track)
        self.children: dict[int, list[Track]] = {}
        for track in tracks:
            if track.group_id is not None:
                self.children.setdefault(track.group_id, []).append(track)
        self._audible: dict[int, bool] = {}

    def audible(self, track: Track) -> bool:
        chain: list[Track] = []
        seen: set[int] = set()
        current: Track | None = track
        result = True
        while current is not None:
            known = self._audible.get(id(current))
            if known is not None:
                result = known
                break
            if id(current) in seen:
                result = False
                break
            chain.append(current)
            seen.add(id(current))
            if not current.mixer.on:
                result = False
                break
            current = None if current.group_id is None else self.groups.get(current.group_id)
        for member in chain:
            self._audible[id(member)] = result
        return result
