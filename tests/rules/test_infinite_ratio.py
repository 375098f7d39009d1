from array import array

from alslint import testing
from alslint.model import Chain, Device, Envelope, Points
from alslint.testing import audio_clip, make_set, make_track, run_rule
from alslint_rules.infinite_ratio import InfiniteRatio

# How Live 8–12 store Compressor settings, read from corpus XML (issue #21): `Ratio` holds the
# ratio itself (197 compressors at 2, 147 at 4 — Live shows "2 : 1", "4 : 1"), and ∞ : 1 is
# 340282326356119256160033759537265639424, the largest 32-bit float (15 compressors, e.g. the
# group "2 BASSI" of the ElektroWaveEP sets); `Threshold` is a linear gain — 241 at 1 (Live's
# default 0 dB), 0.3273 on "2 BASSI" = -9.7 dB; `Gain` is in dB (0, 3.63, -2.31). Glue
# Compressor stores `Ratio` as an index (0, 1, 2 = 2, 4, 10 : 1) and Threshold in dB; Limiter
# stores Ceiling and Gain in dB (89 Limiters at Ceiling -0.3, Live's default).
INF = 3.4028232635611926e38
MINUS_9_7 = 0.3273  # -9.7 dB


def compressor(ratio=INF, threshold=MINUS_9_7, on=True, name="Compressor", key="0"):
    return Device(
        tag="Compressor2",
        name=name,
        key=key,
        on=on,
        parameters={"Threshold": threshold, "Ratio": ratio, "Gain": 0.0},
    )


MESSAGE = (
    "Compressor at ∞ : 1 with its threshold at -9.7 dB: every peak of the {kind} above "
    "-9.7 dB is flattened, so it pumps and loses its punch; use 2 : 1 to 4 : 1 for bus "
    "compression, or a Limiter if you mean to limit"
)


def findings(tracks, master_devices=(), **options):
    live_set = make_set([make_track("audio", "Kick", clips=[audio_clip(0, 16)]), *tracks])
    live_set.master.devices = list(master_devices)
    return testing.findings(InfiniteRatio, live_set, **options)


def test_infinite_ratio_on_a_group_a_return_or_the_main_track():
    tracks = [
        make_track("group", "2 BASSI", id=40, devices=[compressor()]),
        make_track("return", "A-Reverb", devices=[compressor()]),
    ]
    assert findings(tracks, [compressor()]) == [
        ("2 BASSI › Compressor", MESSAGE.format(kind="group")),
        ("A-Reverb › Compressor", MESSAGE.format(kind="return")),
        ("Main › Compressor", MESSAGE.format(kind="mix")),
    ]


def test_inside_a_rack_and_the_named_device():
    rack = Device(
        tag="AudioEffectGroupDevice",
        name="Bus Glue",
        key="0",
        chains=[Chain(name="", devices=[compressor(name="Squash", key="0.0.0")])],
    )
    assert findings([make_track("group", "Drums", id=41, devices=[rack])]) == [
        (
            "Drums › Squash",
            MESSAGE.format(kind="group").replace("Compressor at", 'The compressor "Squash" at'),
        ),
    ]


def test_not_reported():
    automated = compressor()
    ratio_ride = Envelope(
        parameter="Ratio",
        owner="Compressor",
        device_path=["Compressor"],
        device_key="0",
        default_value=4.0,
        points=Points(array("d", [0.0, 16.0]), array("d", [4.0, INF])),
    )
    tracks = [
        # On an audio or MIDI track ∞ : 1 is a deliberate effect (a squashed drum, a ducker).
        make_track("audio", "Snare", devices=[compressor()]),
        # Finite ratios, a threshold at 0 dB (only overs are caught), switched off.
        make_track("group", "Keys", id=42, devices=[compressor(ratio=4.0)]),
        make_track("group", "Pads", id=43, devices=[compressor(threshold=1.0)]),
        make_track("group", "FX", id=44, devices=[compressor(on=False)]),
        make_track("group", "Vox", id=45, devices=[automated], envelopes=[ratio_ride]),
        # Live's Limiter and the Glue Compressor are not Compressor.
        make_track("group", "Bus", id=46, devices=[Device(tag="Limiter", name="Limiter")]),
    ]
    assert findings(tracks) == []


def test_allow_tracks():
    tracks = [make_track("group", "Parallel Smash", id=47, devices=[compressor()])]
    assert len(findings(tracks)) == 1
    assert findings(tracks, allow_tracks=["parallel*"]) == []


def test_a_compressor_named_as_a_limiter_is_meant_to_limit():
    tracks = [
        make_track("group", "Bass", id=48, devices=[compressor(name="Brick Wall")]),
        make_track("group", "Drums", id=49, devices=[compressor(name="Bus Limiter")]),
    ]
    assert findings(tracks) == []
    assert len(findings(tracks, limiter_names=[])) == 2


def test_corpus_hand_check(corpus_dir):
    # Hand check (issue #21): 15 Compressors in the corpus are at ∞ : 1. On buses: only the
    # group "2 BASSI" of the ElektroWaveEP sets (10 sets; threshold -9.7 dB in
    # Dance-with-Sheriff.als, -10.4 dB in the Everest sets) — and there the compressor is
    # named "Brick Wall": meant to limit, not reported (reported with limiter-names = []).
    # The others sit on single tracks — "13-Audio", "38-Audio", the my5t3ry sets' "3-Kick 2",
    # "6-Kick 2", "8-Zebra2": a squashed kick or synth is a sound, not reported.
    from conftest import load_model

    name = "live9.7__FrancoCerone__ElektroWaveEP__Ep__Dance-with-Sheriff__Dance-with-Sheriff.als"
    sheriff = load_model(corpus_dir / name)
    assert run_rule(InfiniteRatio, sheriff) == []
    found = testing.findings(InfiniteRatio, sheriff, limiter_names=[])
    assert found == [
        (
            "2 BASSI › Brick Wall",
            MESSAGE.format(kind="group").replace("Compressor at", 'The compressor "Brick Wall" at'),
        )
    ]
    kick = "live9.7.7__my5t3ry__als-parser__src__main__resources__20200126.als"
    assert run_rule(InfiniteRatio, load_model(corpus_dir / kick)) == []
