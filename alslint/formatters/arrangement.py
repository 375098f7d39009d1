"""The arrangement drawing of the HTML report: an `Outline` and a file's findings turned into
drawing coordinates, so that `report.html.j2` only prints numbers and names into SVG.

The drawing has two SVGs side by side with an HTML column of track names:

- the ruler (`RULER_HEIGHT` px): bar ticks and numbers, locators, and (in a third row) the
  numbered marks of the findings that have bars but no track, each also drawn as a faint band
  through all lanes unless it covers most of the arrangement (`BAND_MAX`);
- the lanes: one `LANE_HEIGHT` px lane per drawn track, in Live's display order (master
  last), clips as blocks in Live's colours, a grid line every 8 bars and a stronger one every
  16 (bar starts from `Outline.grid`, which follow time-signature changes), and a numbered
  mark over the bars of every finding that has a track and bars.

Findings are numbered 1, 2, … in the order of `FileResult.violations` (the order of the
findings table). With the `anchor` of the file (its position in the report), finding n's row
in the table has the id `f{anchor}-{n}` and its mark `m{anchor}-{n}`; marks link to rows and
`Drawing.links` tells the table which rows have a mark to link back to. A mark's numbered
badge is left out where too many findings crowd one spot (the box still links and its
tooltip names the number). A finding with a track but no bars gets its numbered badge next to
the track's name (at most `MAX_NAME_BADGES`, then a "+n" for the rest). Tracks without
arrangement clips and without findings are left out (group tracks stay while they hold a
drawn track; the master always stays) and listed in a note.

x is in px from the arrangement start: `px_per_beat` beats → px, chosen so that a short set
fills the page and a long one still shows every bar (at least `MIN_PX_PER_BEAT`); the page
scrolls the drawing horizontally. Coordinates are rounded to 0.1 px and given as strings.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from .. import colours
from ..colours import NEUTRAL, ink, palette_colour
from ..describe import bars
from ..findings import Location
from ..lint.results import Lane, Outline, Violation

# --------------------------------------------------------------------------------------------
# Geometry

LANE_HEIGHT = 22  # px per track lane (the template draws clips 2–20 and badges 14 px high in it)
RULER_HEIGHT = 34  # bar numbers (0–16) and locators (16–34)
RULER_MARKS_HEIGHT = 18  # a third ruler row, only when a finding is drawn across all tracks
NAMES_WIDTH = 176  # px of the track-name column (the CSS uses the same number)
FIT_WIDTH = 890  # px: a short arrangement is stretched to this width ...
MIN_PX_PER_BEAT = 2.5  # ... a long one never drawn narrower than 10 px per 4/4 bar ...
MAX_PX_PER_BEAT = 16.0  # ... and a very short one not wider than 64 px per 4/4 bar
MAX_WIDTH = 40000  # px: beyond this even a long arrangement is squeezed
RIGHT_PAD = 28  # px after the end, so the last bar number fits
PRINT_WIDTH = 680  # px: printed, the whole drawing is zoomed to fit this width
LABEL_MIN_WIDTH = 30  # px: narrower blocks show no clip name
CHAR_WIDTH = 5.9  # px per character of a 10 px clip name (for truncation)
MAX_NAME_BADGES = 2  # badges next to a track name; more become "+n"
BAND_MAX = 0.75  # a finding across all tracks gets a band through the lanes up to this share


def num(value: float) -> str:
    """A coordinate for SVG: rounded to 0.1 px, no trailing ".0"."""
    text = f"{round(value, 1):.1f}"
    return text[:-2] if text.endswith(".0") else text


def fit(text: str, width: float) -> str | None:
    """`text` cut (with "…") to what fits `width` px of a clip block, None if nothing fits."""
    chars = int((width - 6) / CHAR_WIDTH)
    if not text or chars < 2:
        return None
    return text if len(text) <= chars else text[: chars - 1].rstrip() + "…"


# --------------------------------------------------------------------------------------------
# What the template draws


@dataclass
class ClipBox:
    x: str
    w: str
    fill: str
    ink: str  # "d" or "l": text colour class of the label
    label: str | None  # the clip name, when the block is wide enough
    lx: str  # label x
    title: str  # tooltip: name and bars
    disabled: bool


@dataclass
class Badge:
    """A numbered mark next to a track name: a finding of that track without bars, or "+n"
    for the ones that do not fit (linking to the first of them)."""

    id: str
    href: str
    text: str
    severity: str
    title: str


@dataclass
class Mark:
    """A finding drawn at its bars: a box over the bars and a numbered badge at its start."""

    n: int
    id: str | None  # None for the band of a ruler mark (the ruler badge has the id)
    href: str
    severity: str
    title: str
    x: str
    w: str
    y: str  # box top: in the lane (lane marks), the ruler (ruler marks) or 0 (bands)
    h: str
    bx: str | None  # badge; None where there is no room for it
    by: str
    bw: str
    tx: str  # badge text (centre)
    ty: str


@dataclass
class LaneView:
    index: int
    name: str
    kind: str  # audio, midi, group, return, master
    y: str
    top: int  # y as a number (for the template's separators)
    depth: int  # group nesting
    on: bool
    colour: str | None  # track colour (swatch next to the name)
    blocks: list[ClipBox] = field(default_factory=list)
    summary: list[tuple[str, str]] = field(default_factory=list)  # group: children's spans (x, w)
    marks: list[Mark] = field(default_factory=list)
    badges: list[Badge] = field(default_factory=list)
    section: bool = False  # first return track or the master: a separator above


@dataclass
class BarLabel:
    x: str
    text: str


@dataclass
class LocatorView:
    x: str
    name: str
    label: str | None  # cut to the room before the next locator
    lx: str


@dataclass
class Drawing:
    width: int  # px of both SVGs
    height: int  # px of the lanes SVG
    ruler_height: int
    lane_height: int
    names_width: int
    px_per_beat: float
    bars: int
    lanes: list[LaneView]
    grid8: str  # path data: a line every 8 bars
    grid16: str  # ... every 16 bars (stronger)
    ticks: str  # ruler: a short tick at every bar
    bar_labels: list[BarLabel]
    locators: list[LocatorView]
    locator_lines: str  # path data through the lanes
    sections: str  # path data: separators above the returns and the master
    separators: str  # path data: between lanes
    ruler_marks: list[Mark]  # findings with bars but no track: badge in the ruler ...
    bands: list[Mark]  # ... and a band through every lane
    hidden: list[str]  # names of tracks left out
    links: dict[int, str]  # finding number → id of its mark (its row links back there)
    print_zoom: str
    label: str  # accessible description


# --------------------------------------------------------------------------------------------


class _Bars:
    """Bar ↔ beat along `Outline.grid` (every bar, or every 8th bar for very long sets)."""

    def __init__(self, outline: Outline):
        grid = outline.grid or []
        self.bars = [g.bar for g in grid] or [1]
        self.times = [g.time for g in grid] or [0.0]
        self.length = outline.length

    def _bar_length(self, i: int) -> float:
        if i + 1 < len(self.bars):
            return (self.times[i + 1] - self.times[i]) / (self.bars[i + 1] - self.bars[i])
        if i > 0:
            return (self.times[i] - self.times[i - 1]) / (self.bars[i] - self.bars[i - 1])
        return 4.0

    def start(self, bar: int) -> float:
        """Beat at which `bar` starts."""
        i = max(bisect.bisect_right(self.bars, bar) - 1, 0)
        return self.times[i] + (bar - self.bars[i]) * self._bar_length(i)

    def of(self, beat: float) -> int:
        """The bar `beat` lies in."""
        i = max(bisect.bisect_right(self.times, beat + 1e-9) - 1, 0)
        return self.bars[i] + int((beat - self.times[i]) / self._bar_length(i) + 1e-9)

    def span(self, start: float, end: float) -> str:
        return bars(self.of(start), self.of(max(end - 1e-6, start)))


def _depths(lanes: list[Lane]) -> list[int]:
    """Group nesting of each lane: group tracks come before the tracks they hold."""
    depth_of_group: dict[str, int] = {}
    depths = []
    for lane in lanes:
        depth = depth_of_group[lane.group] + 1 if lane.group in depth_of_group else 0
        depths.append(depth)
        if lane.type == "group":
            depth_of_group[lane.name] = depth
    return depths


def _parents(lanes: list[Lane]) -> list[int | None]:
    """Position (in `lanes`) of each lane's enclosing group, None at the top level."""
    last_group: dict[str, int] = {}
    parents: list[int | None] = []
    for i, lane in enumerate(lanes):
        parents.append(last_group.get(lane.group) if lane.group is not None else None)
        if lane.type == "group":
            last_group[lane.name] = i
    return parents


def _merge(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    merged: list[tuple[float, float]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _finding_title(n: int, v: Violation) -> str:
    message = v.message if len(v.message) <= 120 else v.message[:119].rstrip() + "…"
    return f"#{n} {v.severity.value} {v.code} {v.name} — {v.location}: {message}"


def _extent(loc: Location, bars: _Bars) -> tuple[float, float] | None:
    """The finding's span in beats, None when it has no bars."""
    if loc.start is not None:
        start = loc.start
        end = loc.end if loc.end is not None and loc.end > start else bars.start(bars.of(start) + 1)
        return start, end
    if loc.bar_start is not None:
        last = loc.bar_end if loc.bar_end is not None else loc.bar_start
        return bars.start(loc.bar_start), bars.start(max(last, loc.bar_start) + 1)
    return None


class _BadgeRow:
    """Places badges along one row so they do not overlap (later ones move right)."""

    def __init__(self) -> None:
        self.taken: list[tuple[float, float]] = []

    def place(self, x: float, width: float, limit: float) -> float | None:
        """Where a badge wanted at `x` goes; None when it would be pushed beyond `limit`."""
        moved = True
        while moved:
            moved = False
            for left, right in self.taken:
                if x < right + 1 and x + width > left - 1:
                    x, moved = right + 2, True
                    if x > limit:
                        return None
        self.taken.append((x, x + width))
        return x

    def after(self, x: float, room: float = 8) -> float:
        """The first x from `x` on with `room` px free of badges (where a clip name can start)."""
        for left, right in sorted(self.taken):
            if x < right and x + room > left:
                x = right + 3
        return x


def _mark(
    n: int,
    v: Violation,
    anchor: str,
    x1: float,
    x2: float,
    y: float,
    h: float,
    badge_y: float,
    row: _BadgeRow,
) -> Mark:
    bw = 6 + 6 * len(str(n))
    # A badge may slide right along its own box, or a few px beyond a short one.
    bx = row.place(x1 + 1, bw, limit=max(x2 - bw, x1 + 1) + 6)
    return Mark(
        n=n,
        id=f"m{anchor}-{n}",
        href=f"#f{anchor}-{n}",
        severity=v.severity.value,
        title=_finding_title(n, v),
        x=num(x1),
        w=num(max(x2 - x1, 2)),
        y=num(y),
        h=num(h),
        bx=None if bx is None else num(bx),
        by=num(badge_y),
        bw=num(bw),
        tx=num((bx or 0) + bw / 2),
        ty=num(badge_y + 10.5),
    )


def _drawn(lanes: list[Lane], parents: list[int | None], with_findings: set[int]) -> list[bool]:
    """Which lanes are drawn: clips or findings; groups holding a drawn lane; the master."""
    keep = [
        bool(lane.blocks) or i in with_findings or lane.type == "master"
        for i, lane in enumerate(lanes)
    ]
    for i in reversed(range(len(lanes))):
        if keep[i] and parents[i] is not None:
            keep[parents[i]] = True
    return keep


def _child_spans(lanes: list[Lane], parents: list[int | None]):
    """Children's clip spans, for the summary strip of group lanes (as Live shows them)."""
    spans: dict[int, list[tuple[float, float]]] = {}
    for i, lane in enumerate(lanes):
        parent = parents[i]
        while parent is not None:
            spans.setdefault(parent, []).extend((b.start, b.end) for b in lane.blocks)
            parent = parents[parent]
    return spans


def _clip_box(block, x, bars: _Bars, row: _BadgeRow, colour) -> ClipBox:
    """One clip as a block: its colour, its name where it fits after the badges, a tooltip."""
    x1, x2 = x(block.start), x(block.end)
    w = max(x2 - x1, 1.0)
    fill = colour(block.color) or NEUTRAL
    lx = row.after(x1 + 3)  # the name starts after the badges at the clip's start
    label = fit(block.name, x1 + w - lx + 3) if w >= LABEL_MIN_WIDTH else None
    return ClipBox(
        x=num(x1),
        w=num(w),
        fill=fill,
        ink=ink(fill),
        label=label,
        lx=num(lx),
        title=f"{block.name or 'unnamed clip'} · {bars.span(block.start, block.end)}"
        + (" · deactivated" if block.disabled else ""),
        disabled=block.disabled,
    )


def _place_findings(violations: list[Violation], bars: _Bars, by_index: dict[int, int]):
    """Findings numbered in list order and sorted onto lanes (with bars, or without: badges
    by the name), or across all tracks (the ruler); findings with neither are not drawn."""
    on_lane: dict[int, list[tuple[int, Violation, float, float]]] = {}
    no_bars: dict[int, list[tuple[int, Violation]]] = {}
    across: list[tuple[int, Violation, float, float]] = []
    for n, v in enumerate(violations, 1):
        extent = _extent(v.location, bars)
        lane_pos = (
            by_index.get(v.location.track_index) if v.location.track_index is not None else None
        )
        if extent is None:
            if lane_pos is not None:
                no_bars.setdefault(lane_pos, []).append((n, v))
        elif lane_pos is not None:
            on_lane.setdefault(lane_pos, []).append((n, v, *extent))
        else:
            across.append((n, v, *extent))
    return on_lane, no_bars, across


def _name_badges(view: LaneView, pending: list[tuple[int, Violation]], anchor: str, links) -> None:
    """Badges next to a lane's name for its findings without bars; past the limit, "+n"."""
    shown = pending if len(pending) <= MAX_NAME_BADGES else pending[: MAX_NAME_BADGES - 1]
    for n, v in shown:
        view.badges.append(
            Badge(
                id=f"m{anchor}-{n}",
                href=f"#f{anchor}-{n}",
                text=str(n),
                severity=v.severity.value,
                title=_finding_title(n, v),
            )
        )
        links[n] = f"m{anchor}-{n}"
    rest = pending[len(shown) :]
    if rest:
        worst = max(rest, key=lambda item: item[1].severity.rank)[1].severity.value
        more = f"m{anchor}-{rest[0][0]}"
        view.badges.append(
            Badge(
                id=more,
                href=f"#f{anchor}-{rest[0][0]}",
                text=f"+{len(rest)}",
                severity=worst,
                title=f"{len(rest)} more findings of this track: "
                + ", ".join(f"#{n}" for n, _ in rest),
            )
        )
        links.update((n, more) for n, _ in rest)


def _across(across, anchor: str, x, length: float, height: int, links: dict[int, str]):
    """Findings across all tracks: a badge in the ruler's third row, a band through the lanes."""
    ruler_marks, bands = [], []
    row = _BadgeRow()
    for n, v, start, end in across:
        mark = _mark(
            n, v, anchor, x(start), x(end), RULER_HEIGHT, RULER_MARKS_HEIGHT, RULER_HEIGHT + 2, row
        )
        ruler_marks.append(mark)
        if end - start <= BAND_MAX * length:  # a band over nearly everything only tints it all
            bands.append(Mark(**{**mark.__dict__, "id": None, "y": "0", "h": str(height)}))
        links[n] = str(mark.id)
    return ruler_marks, bands


def _grid(bars: _Bars, x, ppb: float, length: float, last_bar: int, height: int):
    """Grid and ruler: lines every 8 and 16 bars (every 32/64, 128/256, … bars when a huge
    arrangement is squeezed below 6 px per 8 bars), a tick per bar when there is room."""
    grid8, grid16, ticks, labels = [], [], [], []
    px_per_bar = 4 * ppb
    minor = next(k for k in (8 * 4**i for i in range(12)) if k * px_per_bar >= 6 or k >= 4**12)
    label_every = next(
        k for k in (8 * 2**i for i in range(24)) if k * px_per_bar >= 36 or k >= 2**24
    )
    step = 1 if px_per_bar >= 5 else min(minor, label_every)
    for bar in range(1, last_bar + 2, step):
        beat = bars.start(bar)
        if beat > length + 1e-6:
            break
        bx = num(x(beat))
        if (bar - 1) % (2 * minor) == 0:
            grid16.append(f"M{bx} 0V{height}")
        elif (bar - 1) % minor == 0:
            grid8.append(f"M{bx} 0V{height}")
        if step == 1 or (bar - 1) % minor == 0:
            tall = 6 if (bar - 1) % 8 == 0 else 3
            ticks.append(f"M{bx} {16 - tall}V16")
        if (bar - 1) % label_every == 0:
            labels.append(BarLabel(x=num(x(beat) + 2), text=str(bar)))
    return "".join(grid8), "".join(grid16), "".join(ticks), labels


def _locators(outline: Outline, x, width: int) -> list[LocatorView]:
    """Locators: a flag and a name in the ruler (the name cut to the room before the next)."""
    locators = []
    points = sorted(outline.locators, key=lambda m: m.time)
    for k, marker in enumerate(points):
        lx = x(marker.time)
        room = (x(points[k + 1].time) if k + 1 < len(points) else width) - lx - 10
        locators.append(
            LocatorView(x=num(lx), name=marker.name, label=fit(marker.name, room), lx=num(lx + 7))
        )
    return locators


def arrangement(outline: Outline, violations: list[Violation], anchor: str = "1") -> Drawing:
    """The drawing of one set's arrangement with its findings (see the module docstring)."""
    bars = _Bars(outline)
    length = max(outline.length, 1e-6)
    ppb = min(max(FIT_WIDTH / length, MIN_PX_PER_BEAT), MAX_PX_PER_BEAT)
    ppb = min(ppb, MAX_WIDTH / length)
    width = int(length * ppb + RIGHT_PAD + 0.999)
    last_bar = bars.of(length - 1e-6)

    def x(beat: float) -> float:
        return min(max(beat, 0.0), length) * ppb

    lanes = outline.lanes
    by_index = {lane.index: i for i, lane in enumerate(lanes)}

    on_lane, no_bars, across = _place_findings(violations, bars, by_index)

    parents = _parents(lanes)
    keep = _drawn(lanes, parents, set(on_lane) | set(no_bars))
    table = colours.table(outline.color_palette)

    def colour(stored: int | None) -> str | None:
        return palette_colour(stored, outline.color_palette, table)

    # Live 8–9.1 store 0 as every track's colour: no real colour, so show none.
    track_colours = outline.color_palette != "live9" or any(lane.color for lane in lanes)

    spans = _child_spans(lanes, parents)

    depths = _depths(lanes)
    views: list[LaneView] = []
    links: dict[int, str] = {}
    seen_return = False
    for i, lane in enumerate(lanes):
        if not keep[i]:
            continue
        top = len(views) * LANE_HEIGHT
        section = (lane.type == "return" and not seen_return) or lane.type == "master"
        seen_return = seen_return or lane.type == "return"
        view = LaneView(
            index=lane.index,
            name=lane.name,
            kind=lane.type,
            y=num(top),
            top=top,
            depth=depths[i],
            on=lane.on,
            section=section and bool(views),
            colour=(colour(lane.color) or NEUTRAL) if track_colours else None,
        )
        row = _BadgeRow()
        for n, v, start, end in on_lane.get(i, []):
            mark = _mark(n, v, anchor, x(start), x(end), 1, LANE_HEIGHT - 2, 4, row)
            view.marks.append(mark)
            links[n] = str(mark.id)
        view.blocks = [_clip_box(block, x, bars, row, colour) for block in lane.blocks]
        if lane.type == "group":
            view.summary = [
                (num(x(a)), num(max(x(b) - x(a), 1.0))) for a, b in _merge(spans.get(i, []))
            ]
        _name_badges(view, no_bars.get(i, []), anchor, links)
        views.append(view)
    height = max(len(views), 1) * LANE_HEIGHT

    ruler_height = RULER_HEIGHT + (RULER_MARKS_HEIGHT if across else 0)
    ruler_marks, bands = _across(across, anchor, x, length, height, links)

    grid8, grid16, ticks, labels = _grid(bars, x, ppb, length, last_bar, height)
    # Locators: a flag and a name in the ruler, a dashed line through the lanes.
    locators = _locators(outline, x, width)
    locator_lines = "".join(f"M{loc.x} 0V{height}" for loc in locators)

    right = num(width)
    separators = "".join(f"M0 {v.top + LANE_HEIGHT - 0.5}H{right}" for v in views)
    sections = "".join(f"M0 {v.top}H{right}" for v in views if v.section)
    hidden = [lane.name for i, lane in enumerate(lanes) if not keep[i]]
    drawn = len(views)
    return Drawing(
        width=width,
        height=height,
        ruler_height=ruler_height,
        lane_height=LANE_HEIGHT,
        names_width=NAMES_WIDTH,
        px_per_beat=ppb,
        bars=last_bar,
        lanes=views,
        grid8=grid8,
        grid16=grid16,
        ticks=ticks,
        bar_labels=labels,
        locators=locators,
        locator_lines=locator_lines,
        sections=sections,
        separators=separators,
        ruler_marks=ruler_marks,
        bands=bands,
        hidden=hidden,
        links=links,
        print_zoom=f"{min(1.0, PRINT_WIDTH / (width + NAMES_WIDTH)):.3f}",
        label=f"The arrangement: {drawn} {'track' if drawn == 1 else 'tracks'}, {last_bar} "
        f"{'bar' if last_bar == 1 else 'bars'}, {len(locators)} "
        f"{'locator' if len(locators) == 1 else 'locators'}, with the findings marked at their bars.",
    )
