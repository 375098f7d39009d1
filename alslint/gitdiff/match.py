"""Which track of the old set is which track of the new one (Live's ids change between
saves): by type and name, then by place among matched neighbours and by content."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from ..describe import db_number
from ..model import LiveSet, Track
from .changes import r3

_AUTO_NAME = re.compile(r"^\d+-")
_RETURN_LETTER = re.compile(r"^[A-Z]{1,2}-")


def norm_name(track: Track) -> str:
    """The name used to match tracks, without what Live derives from the track's place: the
    number of automatic names ("3-Audio") and the letter of return tracks ("B-Delay")."""
    if track.type == "master":
        return ""
    if track.type == "return":
        return _RETURN_LETTER.sub("", track.name, count=1)
    if not track.user_name:
        return _AUTO_NAME.sub("", track.name, count=1)
    return track.name


# -- track matching ----------------------------------------------------------------------------


def _features(live_set: LiveSet, track: Track) -> Counter:
    f: Counter = Counter()
    for device in track.all_devices():
        f[("device", device.tag, device.name, device.plugin_name)] += 1
    for clip in track.arrangement_clips:
        f[("clip", clip.name, r3(clip.start), r3(clip.end))] += 1
    for clip in track.session_clips:
        f[("slot", clip.scene_index, clip.name, r3(clip.length))] += 1
    for clip in track.take_lane_clips:
        f[("take", clip.take_lane, clip.name, r3(clip.start))] += 1
    for envelope in track.envelopes:
        if len(envelope.points):
            f[("automation", tuple(envelope.device_path), envelope.label)] += 1
    if track.type == "group":
        for child in live_set.children(track):
            f[("child", child.type, norm_name(child))] += 1
    f[("group", track.group_name)] += 1
    f[("volume", db_number(track.mixer.volume))] += 1
    return f


#: Tracks of one ambiguous name: how much the same full name ("4-Audio" = "4-Audio") adds to
#: their content's similarity, and the similarity that pairs them without it.
_SAME_NAME = 0.5
_ALIKE = 0.15


def _held(features: Counter) -> Counter:
    return Counter({key: n for key, n in features.items() if key[0] not in ("group", "volume")})


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

    def own_content(i: int, j: int) -> float:
        """Similarity of what the tracks hold (devices, clips, automation), not of where
        they sit or their fader: namesakes holding different clips are not alike."""
        return _similarity(_held(old_features[i]), _held(new_features[j]))

    # 1. Same type and name; several of one name (Live's automatic names collide: "4-Audio"
    #    and "7-Audio" are both "Audio"): by content, the same full name helping, then the
    #    nearest; a track like none of them is left to the next steps.
    by_key_old, by_key_new = defaultdict(list), defaultdict(list)
    for i, t in enumerate(old_tracks):
        if i not in pairs:
            by_key_old[(t.type, norm_name(t))].append(i)
    for j, t in enumerate(new_tracks):
        if j not in pairs.values():
            by_key_new[(t.type, norm_name(t))].append(j)
    for key, olds in by_key_old.items():
        news = by_key_new.get(key, [])
        if len(olds) == len(news) == 1:
            pairs.update(zip(olds, news))
            continue
        candidates = sorted(
            (
                -round(score(i, j) + _SAME_NAME * (old_tracks[i].name == new_tracks[j].name), 6),
                # Ties keep the order among the namesakes, then the nearest relative place.
                abs(olds.index(i) - news.index(j)),
                abs(i / len(old_tracks) - j / len(new_tracks)),
                i,
                j,
            )
            for i in olds
            for j in news
        )
        used_old, used_new = set(), set()
        for _, _, _, i, j in candidates:
            alike = old_tracks[i].name == new_tracks[j].name or own_content(i, j) >= _ALIKE
            if alike and i not in used_old and j not in used_new:
                pairs[i] = j
                used_old.add(i)
                used_new.add(j)

    # 2. Renamed tracks: same type and similar content, helped by place — the same gap
    #    between matched neighbours, parents that match, children that match. One pair at a
    #    time, best first, as each pair narrows the gaps and matches parents.
    old_parent = [parent_index(old, t) for t in old_tracks]
    new_parent = [parent_index(new, t) for t in new_tracks]
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


def parent_index(live_set: LiveSet, track: Track) -> int | None:
    parent = live_set.parent(track)
    return None if parent is None else parent.index


def subtree_sizes(live_set: LiveSet) -> dict[int, int]:
    sizes = {t.index: 1 for t in live_set.tracks}
    for track in live_set.tracks:
        parent = live_set.parent(track)
        while parent is not None:
            sizes[parent.index] += 1
            parent = live_set.parent(parent)
    return sizes


def heaviest_increasing(values: list[int], weights: list[int]) -> set[int]:
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


def shown_name(track: Track) -> str:
    return "Main" if track.type == "master" else track.name
