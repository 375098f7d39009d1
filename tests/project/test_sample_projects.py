"""The sample sets in sample_projects/: reproducible, in Live 12.3's real schema, and read
back by alslint exactly as authored.

* Reproducibility: running `sample_projects/build_samples.py` writes the committed files
  byte for byte: both sets and the WAV samples of clean.als.
* Schema (needs the reference corpus of real Live sets, `../shared/corpus` or
  `$ALSLINT_CORPUS`; skipped when it is missing, except under `CI=true`):
  - every element path of a sample occurs in a Live 12.x set of the corpus;
  - for each element kind the samples emit (tracks, mixer, clips, file refs, fades,
    loops, locators, scenes, envelopes, sends, plugin and native devices), the ordered
    child tags equal those of at least one instance in a Live 12.3 corpus set.
  Two documented allowances, both because the corpus lacks an instance, not the schema:
  clips and devices are matched relative to their own element (the corpus has Live 12
  arrangement audio clips only in freeze sequencers, and Reverb/Delay only inside racks),
  and the main track's Limiter, which no Live 12 corpus set contains, is matched against
  the Live 11 Limiter with the Live 12 device header (a rewrite the test first proves on
  Reverb and Delay, which exist in both versions).
* Content: alslint reads demo.als and clean.als back as authored, and clean.als's samples
  are the files its sample references describe.
"""

from __future__ import annotations

import gzip
import math
import subprocess
import sys
import wave
import zlib
from collections import defaultdict
from pathlib import Path

import pytest
from corpus_lookup import corpus_dir, unavailable
from lxml import etree

import alslint

ROOT = Path(__file__).resolve().parents[2]
SAMPLES_DIR = ROOT / "sample_projects"
BUILDER = SAMPLES_DIR / "build_samples.py"
SAMPLE_NAMES = ("demo.als", "clean.als")
#: The sample files build_samples.py writes (clean.als plays them; demo.als's do not exist).
SAMPLE_FILES = tuple(f"Samples/Imported/{name}.wav" for name in ("Kick", "Hats", "Bass", "Chords"))

#: Element kinds whose child sequence must match a Live 12.3 instance.
CHECKED_KINDS = (
    "AudioTrack",
    "MidiTrack",
    "GroupTrack",
    "ReturnTrack",
    "MainTrack",
    "PreHearTrack",
    "Mixer",
    "AudioClip",
    "MidiClip",
    "FileRef",
    "SampleRef",
    "Fades",
    "Loop",
    "Locator",
    "Scene",
    "AutomationEnvelope",
    "TrackSendHolder",
    "PluginDevice",
    "Vst3PluginInfo",
    "Vst3Preset",
    "PluginFloatParameter",
    "MainSequencer",
    "FreezeSequencer",
    "AudioSequencer",
    "LiveSet",
    "Transport",
)
#: Devices no Live 12 set of the corpus contains: checked against the Live 11 corpus.
LIVE11_ONLY_DEVICES = frozenset({"Limiter"})
CLIP_TAGS = frozenset({"AudioClip", "MidiClip"})


# -- locating the corpus -------------------------------------------------------------------


def _require_corpus() -> Path:
    corpus = corpus_dir()
    if not any(corpus.glob("live12*.als")):
        unavailable(f"no Live 12 set in the reference corpus at {corpus}")
    return corpus


# -- indexing XML -----------------------------------------------------------------------------


def _is_anchor(path: tuple[str, ...], i: int) -> bool:
    """Clips and devices are self-contained elements: the same wherever they sit."""
    return path[i] in CLIP_TAGS or (i > 0 and path[i - 1] == "Devices")


def _anchor_index(path: tuple[str, ...]) -> int | None:
    for i in range(len(path) - 1, -1, -1):
        if _is_anchor(path, i):
            return i
    return None


class SchemaIndex:
    """What a set of corpus files contains: element paths, paths relative to the
    innermost clip/device, where clips/devices sit, and child-tag sequences per tag."""

    def __init__(self):
        self.paths: set[tuple[str, ...]] = set()
        self.anchored: dict[str, set[tuple[str, ...]]] = defaultdict(set)
        self.placements: set[tuple[str, str]] = set()  # (container tag, anchor tag)
        self.sequences: dict[str, set[tuple[str, ...]]] = defaultdict(set)

    def add_file(self, path: Path, sequences: bool = True) -> None:
        with gzip.open(path, "rb") as handle:
            self._add_stream(handle, sequences)

    def _add_stream(self, stream, sequences: bool) -> None:
        stack: list[str] = []
        anchors: list[int] = []  # indexes into stack of open anchors
        context = etree.iterparse(
            stream, events=("start", "end"), huge_tree=True, resolve_entities=False, no_network=True
        )
        for event, el in context:
            if event == "start":
                stack.append(el.tag)
                path = tuple(stack)
                self.paths.add(path)
                i = len(stack) - 1
                if _is_anchor(path, i):
                    anchors.append(i)
                    if i > 0:
                        self.placements.add((stack[i - 1], el.tag))
                if anchors:
                    self.anchored[stack[anchors[-1]]].add(path[anchors[-1] :])
            else:
                if sequences:
                    self.sequences[el.tag].add(tuple(child.tag for child in el))
                if anchors and anchors[-1] == len(stack) - 1:
                    anchors.pop()
                stack.pop()
                el.clear(keep_tail=False)


@pytest.fixture(scope="module")
def corpus_index():
    """(Live 12 index: paths of every Live 12.x set, child sequences of the Live 12.3
    sets; Live 11 index of the smallest Live 11 set holding a Limiter)."""
    corpus = _require_corpus()
    live12 = SchemaIndex()
    for path in sorted(corpus.glob("live12*.als")):
        live12.add_file(path, sequences=path.name.startswith("live12.3"))
    live11 = SchemaIndex()
    for path in sorted(corpus.glob("live11*.als"), key=lambda p: p.stat().st_size):
        with gzip.open(path, "rb") as handle:
            if b"<Limiter " in handle.read():
                live11.add_file(path)
                break
    return live12, live11


# -- the samples --------------------------------------------------------------------------------


def _sample_tree(name: str) -> etree._Element:
    return etree.fromstring(gzip.decompress((SAMPLES_DIR / name).read_bytes()))


def _element_paths(root: etree._Element):
    """(element, tag path from the root) for every element."""

    def walk(el, prefix):
        path = prefix + (el.tag,)
        yield el, path
        for child in el:
            yield from walk(child, path)

    yield from walk(root, ())


def _live12_device_header(sequence: tuple[str, ...]) -> tuple[str, ...]:
    """Rewrite a Live 11 device's child sequence the way Live 12 writes device headers."""
    out = []
    for tag in sequence:
        out.append(tag)
        if tag == "IsExpanded":
            out.append("BreakoutIsExpanded")
        elif tag == "SourceContext":
            out += ["MpePitchBendUsesTuning", "ViewData"]
    return tuple(out)


# -- (a) reproducibility -----------------------------------------------------------------------


def test_builder_reproduces_committed_files(tmp_path):
    result = subprocess.run(
        [sys.executable, str(BUILDER), str(tmp_path)], capture_output=True, text=True, check=True
    )
    assert "demo.als" in result.stdout
    for name in SAMPLE_NAMES:
        built = (tmp_path / name).read_bytes()
        committed = (SAMPLES_DIR / name).read_bytes()
        assert gzip.decompress(built) == gzip.decompress(committed), (
            f"{name}: the XML written by build_samples.py differs from the committed file; "
            "run `python sample_projects/build_samples.py` and commit the result"
        )
        assert built == committed, (
            f"{name}: same XML but different gzip bytes (zlib {zlib.ZLIB_RUNTIME_VERSION} "
            "compresses differently from the zlib that wrote the committed file?)"
        )
    built_samples = sorted(
        str(p.relative_to(tmp_path)) for p in (tmp_path / "Samples").rglob("*") if p.is_file()
    )
    assert built_samples == sorted(SAMPLE_FILES)
    for name in SAMPLE_FILES:
        assert (tmp_path / name).read_bytes() == (SAMPLES_DIR / name).read_bytes(), (
            f"{name}: the file written by build_samples.py differs from the committed one"
        )


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_container_is_written_like_live(name):
    data = (SAMPLES_DIR / name).read_bytes()
    # gzip: deflate, no flags (no file name), mtime 0, XFL 0, OS 19 (Live 12.3 on macOS)
    assert data[:10] == bytes.fromhex("1f8b08000000000000") + bytes([19])
    assert len(data) < 64 * 1024, "keep the sample sets small"
    text = gzip.decompress(data).decode("utf-8")
    lines = text.split("\n")
    assert lines[0] == '<?xml version="1.0" encoding="UTF-8"?>'
    assert lines[1].startswith(
        '<Ableton MajorVersion="5" MinorVersion="12.0_12300" SchemaChangeCount="1" '
        'Creator="Ableton Live 12.3.5" Revision="'
    )
    assert text.endswith("</Ableton>\n") and "\r" not in text
    for line in lines[1:-1]:
        body = line.lstrip("\t")
        assert body.startswith("<") and body.endswith(">") and not body.startswith(" ")
        if body.endswith("/>"):
            assert body.endswith(" />")


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_pointee_ids_are_unique_and_below_next_pointee_id(name):
    root = _sample_tree(name)
    pointee_tags = ("AutomationTarget", "ModulationTarget", "Pointee")
    ids = [
        int(el.get("Id"))
        for el in root.iter()
        if el.get("Id") is not None
        and (
            el.tag in pointee_tags
            or el.tag.endswith("ModulationTarget")
            or el.tag.startswith("ControllerTargets.")
        )
    ]
    assert len(ids) == len(set(ids))
    assert int(root.find("LiveSet/NextPointeeId").get("Value")) > max(ids)
    targets = {el.get("Id") for el in root.iter("AutomationTarget")}
    track_tags = ("AudioTrack", "MidiTrack", "GroupTrack", "ReturnTrack", "MainTrack")
    for track in root.find("LiveSet").iter(*track_tags):
        own = {el.get("Id") for el in track.iter("AutomationTarget")}
        for envelope in track.iterfind("AutomationEnvelopes/Envelopes/AutomationEnvelope"):
            assert envelope.find("EnvelopeTarget/PointeeId").get("Value") in own & targets
    # every clip-slot list has one slot per scene (returns have none)
    scenes = len(root.find("LiveSet/Scenes"))
    for slots in root.iter("ClipSlotList"):
        owner = next(a for a in slots.iterancestors() if a.tag.endswith("Track"))
        assert len(slots) == (0 if owner.tag == "ReturnTrack" else scenes)


# -- (b) schema against the corpus ---------------------------------------------------------------


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_every_element_path_occurs_in_live12_corpus(name, corpus_index):
    live12, live11 = corpus_index
    header_tags = set(_device_header_tags(corpus_index))
    unknown = []
    for _, path in _element_paths(_sample_tree(name)):
        if path in live12.paths:
            continue
        i = _anchor_index(path)
        if i is None:
            unknown.append(path)
            continue
        anchor, relative, container = path[i], path[i:], path[:i]
        if anchor in LIVE11_ONLY_DEVICES:
            generic = relative[1:]
            # its parameters as Live 11 writes them, its device header as Live 12 does
            in_header = bool(generic) and generic[0] in header_tags
            ok = container in live12.paths and (
                relative in live11.anchored[anchor]
                or (in_header and ("Reverb",) + generic in live12.anchored["Reverb"])
            )
        else:
            ok = (
                relative in live12.anchored[anchor]
                and container in live12.paths
                and (container[-1], anchor) in live12.placements
            )
        if not ok:
            unknown.append(path)
    assert not unknown, "element paths not found in any Live 12 corpus set:\n" + "\n".join(
        "/".join(p) for p in unknown[:40]
    )


def _device_header_tags(corpus_index) -> tuple[str, ...]:
    """The children every Live 12.3 device starts with (up to OverwriteProtectionNumber)."""
    live12, _ = corpus_index
    sequence = next(iter(live12.sequences["Reverb"]))
    return sequence[: sequence.index("OverwriteProtectionNumber")]


def test_live12_device_header_rewrite_holds_for_devices_in_both_versions(corpus_index):
    """The Limiter allowance rests on this: Live 12 writes the device header (the
    children up to OverwriteProtectionNumber) of a Live 11 device as rewritten here."""
    live12, live11 = corpus_index

    def header(sequence):
        return sequence[: sequence.index("OverwriteProtectionNumber")]

    for device in ("Reverb", "Delay"):
        assert live11.sequences[device], f"no Live 11 {device} to compare"
        rewritten = {header(_live12_device_header(s)) for s in live11.sequences[device]}
        assert rewritten == {header(s) for s in live12.sequences[device]}, device


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_child_sequences_match_live123(name, corpus_index):
    live12, live11 = corpus_index
    root = _sample_tree(name)
    native_devices = {
        el.tag for devices in root.iter("Devices") for el in devices if el.tag != "PluginDevice"
    }
    kinds = set(CHECKED_KINDS) | native_devices
    mismatches = []
    seen = set()
    for el in root.iter(*kinds):
        sequence = tuple(child.tag for child in el)
        if (el.tag, sequence) in seen:
            continue
        seen.add((el.tag, sequence))
        if el.tag in LIVE11_ONLY_DEVICES:
            expected = {_live12_device_header(s) for s in live11.sequences[el.tag]}
        else:
            expected = live12.sequences[el.tag]
        if sequence not in expected:
            mismatches.append(f"{el.tag}: {' '.join(sequence)}")
    assert not mismatches, "child sequences Live 12.3 never writes:\n" + "\n".join(mismatches)


# -- (c) content as read by alslint --------------------------------------------------------------


def _clip_spans(track):
    return [(c.name, c.start, c.end) for c in track.arrangement_clips]


def test_demo_content():
    s = alslint.load(SAMPLES_DIR / "demo.als")
    assert s.live_version == "12.3.5"
    assert s.tempo == 124
    assert str(s.time_signature) == "4/4" and s.time_signature.code == 201
    assert (s.scale.root, s.scale.name, s.scale.in_key) == (9, "Minor", True)
    assert [(loc.name, loc.time) for loc in s.locators] == [
        ("Intro", 0),
        ("Verse", 64),
        ("Drop", 128),
        ("Outro", 256),
    ]
    assert len(s.scenes) == 2
    assert [(t.name, t.type, t.group_name) for t in s.tracks] == [
        ("Drums", "group", None),
        ("Kick", "audio", "Drums"),
        ("Snare", "audio", "Drums"),
        ("Bass", "midi", None),
        ("Lead", "midi", None),
        ("Old Vocal", "audio", None),
        ("Pad", "audio", None),
        ("FX", "group", None),
        ("A-Reverb", "return", None),
        ("B-Delay", "return", None),
        ("Main", "master", None),
    ]
    t = {track.name: track for track in s.tracks}
    assert s.arrangement_end == 320  # 80 bars

    kick = t["Kick"]
    assert _clip_spans(kick) == [("Kick Loop", 0, 128), ("Kick Loop", 160, 320)]
    for clip in kick.arrangement_clips:
        assert (clip.loop.on, clip.loop.start, clip.loop.end) == (True, 0, 4)
        assert clip.fades.model_dump() == dict(
            enabled=True,
            fade_in=0,
            fade_out=0,
            default_fade_in=True,
            default_fade_out=True,
            crossfade_in=False,
        )
        assert clip.sample.relative_path == "Samples/Imported/Kick Loop.wav"
        assert clip.sample.path == "/Users/demo/Music/Demo Project/Samples/Imported/Kick Loop.wav"
        assert clip.sample.relative_path_type == 3
        assert [tuple(m) for m in clip.warp_markers] == [(0, 0), (1.935483871, 4)]
    assert [(x.return_name, x.level) for x in kick.mixer.sends] == [
        ("A-Reverb", 0.2511886432),
        ("B-Delay", 0.0003162277571),
    ]
    assert math.isclose(kick.mixer.sends[0].level_db, -12, abs_tol=1e-6)
    assert math.isclose(kick.mixer.volume_db, 3, abs_tol=1e-6)  # the fader above 0 dB

    snare = t["Snare"]
    assert [(d.tag, d.on) for d in snare.devices] == [("Reverb", False)]
    assert _clip_spans(snare) == [("Snare Hit", 64, 128), ("Snare Fill", 124, 128)]
    hit, fill = snare.arrangement_clips
    assert (hit.loop.on, hit.loop.start) == (False, 2)
    assert hit.fades.model_dump() == dict(
        enabled=False,
        fade_in=0,
        fade_out=0,
        default_fade_in=False,
        default_fade_out=False,
        crossfade_in=False,
    )
    assert (fill.loop.on, fill.loop.start) == (False, 0)
    assert (fill.fades.fade_in, fill.fades.fade_out) == (0.01, 0.01)
    assert (fill.fades.default_fade_in, fill.fades.default_fade_out) == (False, False)

    bass = t["Bass"]
    assert [d.tag for d in bass.devices] == ["OriginalSimpler"] and bass.instrument is not None
    assert _clip_spans(bass) == [("Bassline", 0, 256)]
    line = bass.arrangement_clips[0]
    assert (line.loop.on, line.loop.start, line.loop.end) == (True, 0, 16)
    assert len(line.notes) == 8 and set(line.notes.pitches) == {45, 52}
    assert set(line.notes.durations) == {0.25, 0.5}
    assert sorted(line.notes.times) == [0, 1, 2, 4, 6, 8, 10, 12.04]  # one note 0.04 beats late
    [volume] = bass.envelopes
    assert (volume.owner, volume.parameter, volume.default_value) == ("Mixer", "Volume", 0.5)
    assert list(volume.points) == [(32, 0.5), (48, 0.8)]

    lead = t["Lead"]
    [vital] = lead.devices
    assert (vital.plugin_format, vital.plugin_name, vital.is_instrument) == ("vst3", "Vital", True)
    assert _clip_spans(lead) == [("Lead A", 64, 128), ("Lead B", 160, 256), ("Lead Old", 256, 288)]
    assert all(
        (c.loop.on, c.loop.start, c.loop.end) == (True, 0, 8) for c in lead.arrangement_clips
    )
    assert [c.disabled for c in lead.arrangement_clips] == [False, False, True]
    assert [t.name for t in s.tracks if t.mixer.solo] == ["Lead"]

    assert t["Old Vocal"].arrangement_clips == [] and t["Old Vocal"].session_clips == []
    pad = t["Pad"]
    assert pad.mixer.on is False and not s.is_audible(pad)
    assert _clip_spans(pad) == [("Pad", 0, 64)]
    assert pad.arrangement_clips[0].fades.default_fade_in is True
    assert s.children(t["FX"]) == []
    assert [x.name for x in s.children(t["Drums"])] == ["Kick", "Snare"]

    assert [d.tag for d in t["A-Reverb"].devices] == ["Reverb"]
    assert [d.tag for d in t["B-Delay"].devices] == ["Delay"]
    for track in s.tracks:
        if track.type in ("return", "master"):
            continue
        assert len(track.mixer.sends) == 2
        expected_a = 0.2511886432 if track.name == "Kick" else 0.0003162277571
        assert [x.level for x in track.mixer.sends] == [expected_a, 0.0003162277571]
        assert not track.mixer.sends[1].reaches  # nothing feeds B-Delay
    main = s.master
    assert main.mixer.volume == 1 and [d.tag for d in main.devices] == ["Limiter", "StereoGain"]
    assert [(d.name, d.on) for d in main.devices] == [("Limiter", True), ("Utility", True)]
    assert s.tempo_envelope.default_value == 124 and not s.tempo_automated
    assert s.time_signature_envelope.default_value == 201


def test_clean_content():
    s = alslint.load(SAMPLES_DIR / "clean.als")
    assert (s.tempo, str(s.time_signature)) == (126, "4/4")
    assert (s.scale.root, s.scale.name, s.scale.in_key) == (2, "Minor", True)
    assert [(loc.name, loc.time) for loc in s.locators] == [
        ("Intro", 0),
        ("Verse", 32),
        ("Drop", 96),
        ("Break", 160),
        ("Drop 2", 192),
        ("Outro", 256),
    ]
    assert [(t.name, t.type) for t in s.tracks] == [
        ("Kick", "audio"),
        ("Hats", "audio"),
        ("Bass (bounced)", "audio"),
        ("Chords", "audio"),
        ("A-Reverb", "return"),
        ("Main", "master"),
    ]
    kick, hats, bass, chords, reverb, main = s.tracks

    def bars(track):
        assert {c.name for c in track.arrangement_clips} == {track.name}
        return [(int(c.start // 4) + 1, int(c.end // 4)) for c in track.arrangement_clips]

    assert bars(kick) == [(9, 24), (25, 40), (49, 64), (65, 72)]
    assert bars(hats) == [(17, 24), (25, 40), (41, 48), (49, 64)]
    assert bars(bass) == [(25, 40), (49, 64)]
    assert bars(chords) == [(1, 8), (9, 24), (25, 40), (41, 48), (49, 64), (65, 72)]
    assert s.arrangement_end == 288  # 72 bars, 2:17 at 126 BPM
    for track in (kick, hats, bass, chords):
        for clip in track.arrangement_clips:
            assert (clip.loop.on, clip.loop.start, clip.loop.end) == (True, 0, 1)
            fades = clip.fades
            assert (fades.enabled, fades.default_fade_in, fades.default_fade_out) == (
                True,
                True,
                True,
            )
            assert [tuple(m) for m in clip.warp_markers] == [(0, 0), (0.4761904762, 1)]
    assert [(t.mixer.pan, round(t.mixer.volume_db, 6)) for t in (kick, hats, bass, chords)] == [
        (0, 0),
        (0.3, 0),
        (0, -3),
        (-0.3, -3),
    ]
    assert [
        [(x.return_name, round(x.level_db, 6)) for x in t.mixer.sends] for t in (hats, chords)
    ] == [[("A-Reverb", -20)], [("A-Reverb", -12)]]
    [fade_in] = chords.envelopes
    assert (fade_in.owner, fade_in.parameter, list(fade_in.points)) == (
        "Mixer",
        "Volume",
        [(0, 0.2511886432), (32, 0.7079457844)],
    )
    assert [d.tag for d in reverb.devices] == ["Reverb"]
    assert not s.tracks_of("midi")
    assert [d.tag for d in main.devices] == ["Limiter"]


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_clean_samples_are_the_files_the_set_describes(name):
    """The sample references of clean.als match the WAV files beside it (length, rate, size),
    and each file holds one beat at the set's tempo."""
    s = alslint.load(SAMPLES_DIR / "clean.als")
    refs = {
        clip.sample.relative_path: clip.sample for t in s.tracks for clip in t.arrangement_clips
    }
    ref = refs[name]
    path = SAMPLES_DIR / name
    with wave.open(str(path), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth()) == (1, 1)  # 8-bit mono: small files
        assert (ref.duration_samples, ref.sample_rate) == (wav.getnframes(), wav.getframerate())
        assert wav.getnframes() / wav.getframerate() == 60 / s.tempo  # one beat
    assert ref.relative_path_type == 3
    [size] = {
        ref_el.getparent().find("OriginalFileSize").get("Value")
        for ref_el in _sample_tree("clean.als").iter("RelativePath")
        if ref_el.get("Value") == name
    }
    assert int(size) == path.stat().st_size
