"""The arrangement drawing of the HTML report (`alslint/formatters/arrangement.py` and the
`<figure class="arrangement">` of `report.html.j2`), over a synthetic `RunResult` with an
`Outline`, plus the demo set and a large corpus set end to end.

The figure of the synthetic set is also a snapshot (tests/snapshots/formatters/
html-arrangement.html); rewrite it with `ALSLINT_UPDATE_SNAPSHOTS=1 pytest
tests/formats/test_html_report.py` and read the diff before committing it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from lxml import html as lxml_html

from alslint.api import Location, Severity
from alslint.cli import run
from alslint.colours import LIVE9_PALETTE, LIVE_PALETTE, NEUTRAL, colour_index, ink, palette_colour
from alslint.formatters import human
from alslint.formatters.arrangement import FIT_WIDTH, LANE_HEIGHT, MAX_NAME_BADGES, arrangement, num
from alslint.lint.results import (
    Block,
    FileResult,
    GridLine,
    Lane,
    Marker,
    Outline,
    RunResult,
    Violation,
)

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOT = ROOT / "tests" / "snapshots" / "formatters" / "html-arrangement.html"
UPDATE = os.environ.get("ALSLINT_UPDATE_SNAPSHOTS") == "1"
IN_CI = os.environ.get("CI", "").lower() == "true"
CORPUS = Path(os.environ.get("ALSLINT_CORPUS") or ROOT.parent / "shared" / "corpus")
LARGE_SET = "live9.7__FrancoCerone__ElektroWaveEP__Ep__Everest__Everest-Radio-Edit.als"

PATH = 'Songs/Night <Drive> & "Co".als'
DRUMS = 'Drums <&> "Group"'
SNARE = 'Snare & <Co> "1"'
FILL = 'Fill <b>&amp;"x"</b>'

# --------------------------------------------------------------------------------------------
# A synthetic set: 8 bars of 4/4, then 3/4 (bar 9 starts at beat 32, bar 17 at beat 56).


def _grid(last_bar: int) -> list[GridLine]:
    return [
        GridLine(bar=b, time=(b - 1) * 4.0 if b <= 9 else 32.0 + (b - 9) * 3.0)
        for b in range(1, last_bar + 1)
    ]


def outline() -> Outline:
    return Outline(
        length=80.0,  # bar 17 ends at 59; the last clip ends at 80 (bar 24)
        color_palette="live11",
        lanes=[
            Lane(index=0, name=DRUMS, type="group", color=69),
            Lane(
                index=1,
                name="Kick",
                type="audio",
                group=DRUMS,
                color=14,
                blocks=[
                    Block(start=0.0, end=32.0, name="Kick Loop", color=14),
                    Block(start=32.0, end=44.0, name="Kick Alt", color=14, disabled=True),
                ],
            ),
            Lane(
                index=2,
                name=SNARE,
                type="audio",
                group=DRUMS,
                color=5,
                blocks=[
                    Block(start=16.0, end=17.0, name=FILL, color=5),
                    Block(start=56.0, end=80.0, name="", color=None),
                ],
            ),
            Lane(
                index=3,
                name="Pad",
                type="midi",
                color=40,
                on=False,
                blocks=[
                    Block(start=0.0, end=16.0, name="Pad", color=40),
                ],
            ),
            Lane(index=4, name="Old Vocal", type="audio", color=3),  # empty, no findings: hidden
            Lane(index=5, name="A-Reverb", type="return", color=8),
            Lane(index=6, name="Main", type="master", color=0),
        ],
        locators=[Marker(time=0.0, name="Intro"), Marker(time=32.0, name='Drop <1> & "go"')],
        grid=_grid(24),
    )


def _v(code: str, severity: Severity, message: str, **loc) -> Violation:
    return Violation(
        code=code,
        name=f"rule-{code.lower()}",
        severity=severity,
        stage="arrangement",
        message=message,
        file=PATH,
        location=Location(**loc),
    )


def violations() -> list[Violation]:
    return [
        # 1: whole set, bars 9–16 (beats 32–56): across every track
        _v(
            "ALS201",
            Severity.WARNING,
            "Nothing changes for 8 bars.",
            start=32.0,
            end=56.0,
            bar_start=9,
            bar_end=16,
        ),
        # 2: whole set, no bars: only listed
        _v(
            "ALS403",
            Severity.INFO,
            "No stereo width.",
        ),
        # 3: on Kick, its first clip
        _v(
            "ALS301",
            Severity.WARNING,
            'No fade <in> & "out".',
            track="Kick",
            track_index=1,
            clip="Kick Loop",
            start=0.0,
            end=32.0,
            bar_start=1,
            bar_end=8,
        ),
        # 4: on the snare, bars only (no beats): drawn from the grid, bars 17–18 = beats 56–62
        _v(
            "ALS304",
            Severity.ERROR,
            "Off the grid.",
            track=SNARE,
            track_index=2,
            bar_start=17,
            bar_end=18,
        ),
        # 5, 6, 7: on the return, no bars: badges next to its name (2 shown, then "+1")
        _v("ALS310", Severity.INFO, "Unused return.", track="A-Reverb", track_index=5),
        _v("ALS311", Severity.WARNING, "Second finding.", track="A-Reverb", track_index=5),
        _v("ALS312", Severity.ERROR, "Third finding.", track="A-Reverb", track_index=5),
    ]


def result() -> RunResult:
    return RunResult(
        alslint_version="9.9.9-test",
        stage="release",
        files=[FileResult(path=PATH, violations=violations(), outline=outline())],
    )


def page() -> str:
    return human.html(result())


def figure(out: str) -> str:
    start = out.index('<figure class="arrangement"')
    return out[start : out.index("</figure>", start) + len("</figure>\n")]


# --------------------------------------------------------------------------------------------
# The drawing


PPB = FIT_WIDTH / 80.0  # the synthetic set is short: stretched to the fit width


def test_drawing_scale_lanes_and_hidden_tracks() -> None:
    drawing = arrangement(outline(), violations())
    assert drawing.px_per_beat == pytest.approx(PPB)
    assert drawing.bars == 24
    assert [lane.name for lane in drawing.lanes] == [
        DRUMS,
        "Kick",
        SNARE,
        "Pad",
        "A-Reverb",
        "Main",
    ]
    assert drawing.hidden == ["Old Vocal"]
    assert [lane.depth for lane in drawing.lanes] == [0, 1, 1, 0, 0, 0]
    assert [lane.section for lane in drawing.lanes] == [False, False, False, False, True, True]
    assert drawing.height == 6 * LANE_HEIGHT
    assert [lane.y for lane in drawing.lanes] == [str(i * LANE_HEIGHT) for i in range(6)]


def test_grid_follows_the_signature_change() -> None:
    drawing = arrangement(outline(), violations())
    bar9, bar17 = num(32 * PPB), num(56 * PPB)  # 8 bars of 4/4, then 8 bars of 3/4
    assert drawing.grid16 == f"M0 0V{drawing.height}M{bar17} 0V{drawing.height}"
    bar25 = num(80 * PPB)  # where the last bar ends: the end of the arrangement
    assert drawing.grid8 == f"M{bar9} 0V{drawing.height}M{bar25} 0V{drawing.height}"
    assert [(label.x, label.text) for label in drawing.bar_labels] == [
        (num(2), "1"),
        (num(32 * PPB + 2), "9"),
        (num(56 * PPB + 2), "17"),
        (num(80 * PPB + 2), "25"),
    ]


def test_marks_are_at_their_bars() -> None:
    drawing = arrangement(outline(), violations(), anchor="4")
    kick, snare = drawing.lanes[1], drawing.lanes[2]
    (mark,) = kick.marks
    assert (mark.n, mark.id, mark.href, mark.severity) == (3, "m4-3", "#f4-3", "warning")
    assert (mark.x, mark.w) == (num(0), num(32 * PPB))
    (mark,) = snare.marks
    assert (mark.n, mark.x, mark.w, mark.severity) == (4, num(56 * PPB), num(6 * PPB), "error")
    # across all tracks: a badge in the ruler and a band through every lane
    (ruler,) = drawing.ruler_marks
    (band,) = drawing.bands
    assert (ruler.n, ruler.id, ruler.x, ruler.w) == (1, "m4-1", num(32 * PPB), num(24 * PPB))
    assert (band.id, band.href, band.x, band.h) == (None, "#f4-1", ruler.x, str(drawing.height))
    assert drawing.ruler_height > drawing.lanes[0].top + 34  # the third ruler row is there
    # no bars: badges by the name, the last ones folded into "+n"
    reverb = drawing.lanes[4]
    assert [(b.id, b.text, b.severity) for b in reverb.badges] == [
        ("m4-5", "5", "info"),
        ("m4-6", "+2", "error"),
    ]
    assert MAX_NAME_BADGES == 2
    assert drawing.links == {1: "m4-1", 3: "m4-3", 4: "m4-4", 5: "m4-5", 6: "m4-6", 7: "m4-6"}


def test_clip_blocks_colours_and_labels() -> None:
    drawing = arrangement(outline(), violations())
    kick, snare, pad = drawing.lanes[1], drawing.lanes[2], drawing.lanes[3]
    assert [(b.x, b.w, b.fill, b.disabled) for b in kick.blocks] == [
        (num(0), num(32 * PPB), LIVE_PALETTE[14], False),
        (num(32 * PPB), num(12 * PPB), LIVE_PALETTE[14], True),
    ]
    # the name starts after the finding's badge at the clip's start
    assert float(kick.blocks[0].lx) > float(kick.marks[0].bx) + float(kick.marks[0].bw)
    assert kick.blocks[0].title == "Kick Loop · bars 1–8"
    assert kick.blocks[1].title == "Kick Alt · bars 9–12 · deactivated"
    # one beat (11 px) is too narrow for a name; an unnamed clip has none; unknown colour: neutral
    assert snare.blocks[0].label is None and snare.blocks[1].label is None
    assert snare.blocks[1].fill == NEUTRAL and snare.blocks[1].title == "unnamed clip · bars 17–24"
    assert not pad.on and pad.blocks[0].fill == LIVE_PALETTE[40]
    assert drawing.lanes[0].summary == [(num(0), num(44 * PPB)), (num(56 * PPB), num(24 * PPB))]


# --------------------------------------------------------------------------------------------
# Colours


def test_palettes() -> None:
    assert len(LIVE_PALETTE) == 70 and len(LIVE9_PALETTE) == 60
    for table in (LIVE_PALETTE, LIVE9_PALETTE):
        assert all(re.fullmatch(r"#[0-9a-f]{6}", rgb) for rgb in table)
        assert len(set(table)) == len(table)
    assert (LIVE_PALETTE[0], LIVE_PALETTE[13], LIVE_PALETTE[69]) == (
        "#ff94a6",
        "#ffffff",
        "#3c3c3c",
    )
    assert (LIVE9_PALETTE[0], LIVE9_PALETTE[59]) == ("#ed4325", "#ffffff")


@pytest.mark.parametrize(
    ("stored", "field", "index"),
    [
        (5, "Color", 5),
        (69, "Color", 69),
        (70, "Color", None),
        (-1, "Color", None),
        (None, "Color", None),
        (5, "ColorIndex", 5),
        (145, "ColorIndex", 5),
        (199, "ColorIndex", 59),
        (280, "ColorIndex", 62),
        (287, "ColorIndex", 69),
        (210, "ColorIndex", None),
        (500, "ColorIndex", None),
    ],
)
def test_colour_index_decoding(stored, field, index) -> None:
    assert colour_index(stored, field) == index


def test_palette_colour_per_outline() -> None:
    assert palette_colour(14, "live11") == "#ff3636"
    assert palette_colour(154, "live10") == "#ff3636"  # a Live 10 track: 140 + 14
    assert palette_colour(14, "live9") == "#a6be00"
    assert palette_colour(60, "live9") is None  # Live 9 had 60 colours
    # Live 8–9 sets use Live 9's table; tracks before Live 9.2 store no colour (0).
    old = Outline(
        length=4,
        color_palette="live9",
        lanes=[
            Lane(
                index=0,
                name="a",
                type="audio",
                color=0,
                blocks=[Block(start=0, end=4, name="x", color=14)],
            ),
        ],
    )
    assert arrangement(old, []).lanes[0].blocks[0].fill == LIVE9_PALETTE[14]
    assert arrangement(old, []).lanes[0].colour is None
    # Live 9.2–9.7 tracks do store colours (140 + the index), still in Live 9's table.
    coloured = old.model_copy(deep=True)
    coloured.lanes[0].color = 154
    assert arrangement(coloured, []).lanes[0].colour == LIVE9_PALETTE[14]
    # Live 10 sets use Live 10's table.
    new = old.model_copy(update={"color_palette": "live10"}, deep=True)
    new.lanes[0].color = 154
    assert arrangement(new, []).lanes[0].blocks[0].fill == LIVE_PALETTE[14]
    assert arrangement(new, []).lanes[0].colour == LIVE_PALETTE[14]


def test_ink_reads_on_the_colour() -> None:
    assert ink("#ffffff") == "d" and ink("#ff94a6") == "d"
    assert ink("#3c3c3c") == "l" and ink("#1a2f96") == "l"


# --------------------------------------------------------------------------------------------
# The page


def test_svg_structure() -> None:
    doc = lxml_html.fromstring(page())
    (fig,) = doc.xpath("//section[@class='file']/figure[@class='arrangement']")
    assert fig.getnext().tag == "table"  # the findings list follows the drawing
    (ruler,) = fig.xpath(".//svg[@class='arr-ruler']")
    (lanes,) = fig.xpath(".//svg[@class='arr-lanes']")
    width = arrangement(outline(), violations()).width
    assert lanes.get("width") == ruler.get("width") == str(width)
    assert lanes.get("height") == str(6 * LANE_HEIGHT)
    assert lanes.get("role") == "img" and "6 tracks, 24 bars, 2 locators" in lanes.get("aria-label")

    names = fig.xpath(".//ol[@class='arr-names']/li")
    groups = lanes.xpath("./g")
    assert len(names) == len(groups) == 6
    assert [li.xpath("string(span[@class='nm'])") for li in names] == [
        DRUMS,
        "Kick",
        SNARE,
        "Pad",
        "A-Reverb",
        "Main",
    ]
    assert [li.get("class") for li in names] == [
        "k-group",
        "k-audio",
        "k-audio",
        "k-midi off",
        "k-return sec",
        "k-master sec",
    ]
    assert [g.get("class") for g in groups] == [
        "lane k-group",
        "lane k-audio",
        "lane k-audio",
        "lane k-midi off",
        "lane k-return",
        "lane k-master",
    ]
    assert [g.get("transform") for g in groups] == [
        f"translate(0 {i * LANE_HEIGHT})" for i in range(6)
    ]
    assert names[1].get("style") == f"--d:1;--c:{LIVE_PALETTE[14]}"
    assert "Old Vocal" in fig.xpath("string(.//details[@class='arr-note'])")

    # one rect per clip, in the palette colour; the deactivated one marked
    clips = lanes.xpath(".//rect[starts-with(@class, 'c')]")
    assert len(clips) == 5
    assert [r.get("fill") for r in clips] == [
        LIVE_PALETTE[14],
        LIVE_PALETTE[14],
        LIVE_PALETTE[5],
        NEUTRAL,
        LIVE_PALETTE[40],
    ]
    assert [r.get("class") for r in clips] == ["c", "c x", "c", "c", "c"]
    assert [r.get("x") for r in clips[:2]] == [num(0), num(32 * PPB)]
    assert groups[1].xpath("string(text[@class='cl d'])") == "Kick Loop"

    # locators: a flag each in the ruler, with the name
    assert [g.xpath("string(title)") for g in ruler.xpath("g[@class='loc']")] == [
        "Intro",
        'Drop <1> & "go"',
    ]


def test_marks_link_to_rows_and_back() -> None:
    doc = lxml_html.fromstring(page())
    ids = doc.xpath("//@id")
    assert len(ids) == len(set(ids))
    rows = doc.xpath("//table[@class='findings']//tr[starts-with(@id, 'f1-')]")
    assert [r.get("id") for r in rows] == [f"f1-{n}" for n in range(1, 8)]
    assert [r.xpath("string(td[@class='n'])") for r in rows] == [str(n) for n in range(1, 8)]
    # each row links back to its mark, except the finding with neither track nor bars
    back = {r.get("id"): r.xpath("string(td[@class='n']/a/@href)") for r in rows}
    assert back == {
        "f1-1": "#m1-1",
        "f1-2": "",
        "f1-3": "#m1-3",
        "f1-4": "#m1-4",
        "f1-5": "#m1-5",
        "f1-6": "#m1-6",
        "f1-7": "#m1-6",
    }
    # every mark links to its row, and the row exists
    marks = doc.xpath("//figure//a[@id]")
    assert {m.get("id"): m.get("href") for m in marks} == {
        "m1-1": "#f1-1",
        "m1-3": "#f1-3",
        "m1-4": "#f1-4",
        "m1-5": "#f1-5",
        "m1-6": "#f1-6",
    }
    assert {href[1:] for href in doc.xpath("//@href")} <= set(ids)

    # the marks sit where their findings are
    (kick_mark,) = doc.xpath("//svg[@class='arr-lanes']/g[2]/a[@id='m1-3']")
    assert kick_mark.get("class") == "mk s-warning"
    assert kick_mark.xpath("rect[@class='box']/@x") == [num(0)]
    (snare_mark,) = doc.xpath("//svg[@class='arr-lanes']/g[3]/a[@id='m1-4']")
    assert snare_mark.xpath("rect[@class='box']/@x") == [num(56 * PPB)]
    assert snare_mark.get("class") == "mk s-error"
    (ruler_mark,) = doc.xpath("//svg[@class='arr-ruler']/a[@id='m1-1']")
    assert ruler_mark.xpath("rect[@class='box']/@x") == [num(32 * PPB)]
    assert ruler_mark.xpath("string(text)") == "1"
    (band,) = doc.xpath("//svg[@class='arr-lanes']/a[@class='band s-warning']")
    assert band.get("href") == "#f1-1" and band.xpath("rect/@x") == [num(32 * PPB)]
    badges = doc.xpath("//ol[@class='arr-names']/li[5]/a")
    assert [(a.text, a.get("class")) for a in badges] == [("5", "nb s-info"), ("+2", "nb s-error")]


def test_names_are_escaped() -> None:
    out = page()
    fig = figure(out)
    for raw in (DRUMS, SNARE, 'Drop <1> & "go"', 'No fade <in> & "out"'):
        assert raw not in fig
    assert "Drums &lt;&amp;&gt; &#34;Group&#34;" in fig
    assert "Snare &amp; &lt;Co&gt; &#34;1&#34;" in fig
    assert "Drop &lt;1&gt; &amp; &#34;go&#34;" in fig
    assert (
        "<b>" not in out and "&amp;amp;" in out
    )  # the clip name FILL shows in a tooltip, literally
    doc = lxml_html.fromstring(out)
    assert FILL in doc.xpath("//svg[@class='arr-lanes']//rect/title/text()")[2]


def test_page_is_self_contained_with_the_drawing() -> None:
    out = page()
    lowered = out.lower()
    for forbidden in (
        "http://",
        "https://",
        "//",
        "src=",
        "<script",
        "<link",
        "@import",
        "url(",
        "xmlns",
        "<image",
        "<use",
    ):
        assert forbidden not in lowered, forbidden
    assert all(href.startswith("#") for href in lxml_html.fromstring(out).xpath("//@href"))
    assert lowered.count("<style>") == 1
    assert "@media print" in out and "zoom: var(--pz" in out


def test_output_is_deterministic() -> None:
    assert page() == page()


def test_no_outline_no_drawing() -> None:
    plain = result()
    plain.files[0].outline = None
    doc = lxml_html.fromstring(human.html(plain))
    assert doc.xpath("//figure") == []
    assert doc.xpath("//tr[@id='f1-3']/td[@class='n']/a") == []  # nothing to link back to
    assert doc.xpath("string(//tr[@id='f1-3']/td[@class='n'])") == "3"


def test_empty_arrangement() -> None:
    empty = RunResult(
        stage="mixing",
        files=[
            FileResult(
                path="x.als",
                outline=Outline(
                    length=4.0,
                    color_palette="live11",
                    lanes=[Lane(index=0, name="Main", type="master")],
                    grid=_grid(1),
                ),
            )
        ],
    )
    doc = lxml_html.fromstring(human.html(empty))
    # No clip in the arrangement: a sentence says so instead of an empty one-bar frame.
    assert doc.xpath("//figure") == []
    assert "lives in the Session view" in doc.xpath("string(//p[@class='muted session-only'])")


def test_figure_snapshot() -> None:
    out = figure(page())
    if UPDATE:
        SNAPSHOT.write_text(out, encoding="utf-8", newline="")
    if not SNAPSHOT.is_file():
        pytest.fail(
            f"missing snapshot {SNAPSHOT}; create it with ALSLINT_UPDATE_SNAPSHOTS=1 and review it"
        )
    assert out == SNAPSHOT.read_text(encoding="utf-8")


# --------------------------------------------------------------------------------------------
# Real sets, end to end


def _lint_html(path: Path, tmp_path: Path) -> str:
    out = tmp_path / "report.html"
    code = run(
        ["lint", "--isolated", "--stage", "release", "--format", "html", "-o", str(out), str(path)]
    )
    assert code in (0, 1)
    return out.read_text(encoding="utf-8")


def _check_links(out: str) -> lxml_html.HtmlElement:
    doc = lxml_html.fromstring(out)
    ids = doc.xpath("//@id")
    assert len(ids) == len(set(ids))
    assert {href[1:] for href in doc.xpath("//@href")} <= set(ids)
    return doc


def test_demo_set(tmp_path: Path) -> None:
    doc = _check_links(_lint_html(ROOT / "sample_projects" / "demo.als", tmp_path))
    (fig,) = doc.xpath("//figure[@class='arrangement']")
    assert fig.xpath(".//svg[@class='arr-lanes']//rect[starts-with(@class, 'c')]")
    assert fig.xpath(".//a[starts-with(@id, 'm1-')]")
    assert fig.xpath(".//svg[@class='arr-ruler']/g[@class='loc']")


def test_large_corpus_set_stays_small_enough(tmp_path: Path) -> None:
    path = CORPUS / LARGE_SET
    if not path.is_file():
        if IN_CI:
            pytest.fail(f"{path} not found; CI=true, so this is an error, not a skip")
        pytest.skip(f"corpus set not found at {path} (set ALSLINT_CORPUS)")
    out = _lint_html(path, tmp_path)
    assert len(out.encode("utf-8")) < 1_000_000  # about 470 kB today, 350 findings
    doc = _check_links(out)
    lanes = doc.xpath("//svg[@class='arr-lanes']/g")
    assert len(lanes) > 100 and len(lanes) == len(doc.xpath("//ol[@class='arr-names']/li"))
    coords = re.findall(r' (?:x|width)="([0-9.]+)"', figure(out))
    assert coords and all(re.fullmatch(r"\d+(\.\d)?", c) for c in coords)  # rounded to 0.1 px
