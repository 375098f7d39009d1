"""Live's colours: the clip and track palettes of each Live version, which one a set uses, and
how a stored colour number maps to RGB."""

from __future__ import annotations

#: Live's clip and track colours, one table per palette, index → RGB. Ableton documents
#: neither table; the values are facts gathered from public material and checked against
#: the corpus, and they are very close to (we believe: equal to) what Live shows.
#:
#: Live 10, 11 and 12: 70 colours, shown by Live's colour chooser as 5 rows of 14
#: (index = row * 14 + column). Several independent public colour tables give these values.
LIVE_PALETTE: tuple[str, ...] = (
    # row 1: bright
    "#ff94a6",
    "#ffa529",
    "#cc9927",
    "#f7f47c",
    "#bffb00",
    "#1aff2f",
    "#25ffa8",
    "#5cffe8",
    "#8bc5ff",
    "#5480e4",
    "#92a7ff",
    "#d86ce4",
    "#e553a0",
    "#ffffff",
    # row 2: saturated
    "#ff3636",
    "#f66c03",
    "#99724b",
    "#fff034",
    "#87ff67",
    "#3dc300",
    "#00bfaf",
    "#19e9ff",
    "#10a4ee",
    "#007dc0",
    "#886ce4",
    "#b677c6",
    "#ff39d4",
    "#d0d0d0",
    # row 3: pale
    "#e2675a",
    "#ffa374",
    "#d3ad71",
    "#edffae",
    "#d2e498",
    "#bad074",
    "#9bc48d",
    "#d4fde1",
    "#cdf1f8",
    "#b9c1e3",
    "#cdbbe4",
    "#ae98e5",
    "#e5dce1",
    "#a9a9a9",
    # row 4: muted
    "#c6928b",
    "#b78256",
    "#99836a",
    "#bfba69",
    "#a6be00",
    "#7db04d",
    "#88c2ba",
    "#9bb3c4",
    "#85a5c2",
    "#8393cc",
    "#a595b5",
    "#bf9fbe",
    "#bc7196",
    "#7b7b7b",
    # row 5: dark
    "#af3333",
    "#a95131",
    "#724f41",
    "#dbc300",
    "#85961f",
    "#539f31",
    "#0a9c8e",
    "#236384",
    "#1a2f96",
    "#2f52a2",
    "#624bad",
    "#a34bad",
    "#cc2e6e",
    "#3c3c3c",
)

#: Live 9 (and, we assume, Live 8): 60 colours, in 5 rows of 12 hues. The values and
#: their order are those of the clip-colour table in Live 9's public Push control-surface
#: script; the order is confirmed by a corpus set saved by Live 9.7 and re-saved by Live 10,
#: which converted indexes 6, 18, 19, 21 and 30 to the Live 10 colours of identical RGB.
LIVE9_PALETTE: tuple[str, ...] = (
    "#ed4325",
    "#bd6100",
    "#b08b00",
    "#85961f",
    "#539f31",
    "#0a9c8e",
    "#007abd",
    "#0303ff",
    "#2f52a2",
    "#624bad",
    "#7b7b7b",
    "#3c3c3c",
    "#ff0505",
    "#bfba69",
    "#a6be00",
    "#7ac634",
    "#3dc300",
    "#00bfaf",
    "#10a4ee",
    "#5480e4",
    "#886ce4",
    "#a34bad",
    "#b73d69",
    "#965735",
    "#f66c03",
    "#bffb00",
    "#87ff67",
    "#1aff2f",
    "#25ffa8",
    "#5cffe8",
    "#19e9ff",
    "#8bc5ff",
    "#92a7ff",
    "#b88dff",
    "#d86ce4",
    "#ff39d4",
    "#ffa529",
    "#fff034",
    "#e3f403",
    "#dbc300",
    "#be9d63",
    "#89b47d",
    "#88c2ba",
    "#9bb3c4",
    "#85a5c2",
    "#c68b7c",
    "#f14080",
    "#ff94a6",
    "#ffa374",
    "#ffee9f",
    "#d2e498",
    "#bad074",
    "#a9a9a9",
    "#d4fde1",
    "#cdf1f8",
    "#b9c1e3",
    "#cdbbe4",
    "#d0d0d0",
    "#dfe6e5",
    "#ffffff",
)

#: `Outline.color_palette` → (table, how the index is stored).
PALETTES: dict[str, tuple[tuple[str, ...], str]] = {
    "live11": (LIVE_PALETTE, "Color"),
    "live10": (LIVE_PALETTE, "ColorIndex"),
    "live9": (LIVE9_PALETTE, "ColorIndex"),  # Live 8 and 9
}

#: Blocks and swatches whose colour is unknown.
NEUTRAL = "#9aa3ad"


def colour_index(stored: int | None, field: str) -> int | None:
    """The palette index of a stored colour value.

    `Color` (Live 11+) stores the index. `ColorIndex` (Live 8–10) stores it for clips, but
    tracks of Live 9.2–10 store 140 + the index for indexes 0–59 and 218 + the index for
    Live 10's indexes 60–69 (278–287). Both offsets are read off the corpus: a track's new
    clips take its colour, and each such clip stores exactly its track's value minus the
    offset (thousands of clips agree; for 280–287 the dozens there are).
    """
    if stored is None or stored < 0:
        return None
    if field == "ColorIndex":
        if 140 <= stored < 200:
            return stored - 140
        if 278 <= stored < 288:
            return stored - 218
    return stored if stored < 70 else None


def palette_colour(
    stored: int | None, palette: str, table: tuple[str, ...] | None = None
) -> str | None:
    """RGB of a stored clip or track colour, None when unknown (`palette`: see `PALETTES`)."""
    default, field = PALETTES.get(palette, (LIVE_PALETTE, "Color"))
    index = colour_index(stored, field)
    table = table or default
    return table[index] if index is not None and index < len(table) else None


def ink(rgb: str) -> str:
    """ "d" (dark text) or "l" (light text), whichever reads better on `rgb`."""
    r, g, b = (int(rgb[i : i + 2], 16) / 255 for i in (1, 3, 5))
    lum = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return "d" if 0.2126 * lum[0] + 0.7152 * lum[1] + 0.0722 * lum[2] > 0.18 else "l"


def palette_for(live_major: int) -> str:
    """Which colour table the set's colour numbers index (Live 10 grew it, Live 11 re-coded it)."""
    if live_major >= 11:
        return "live11"
    return "live10" if live_major == 10 else "live9"


def table(palette: str) -> tuple[str, ...]:
    """The colour table of a palette name (`PALETTES`); Live 10+'s when unknown."""
    return PALETTES.get(palette, (LIVE_PALETTE, "Color"))[0]
