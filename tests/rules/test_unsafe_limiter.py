from array import array

from alslint import testing
from alslint.model import Chain, Device, Envelope, Points
from alslint.testing import audio_clip, make_set, make_track, run_rule
from alslint_rules.unsafe_limiter import UnsafeLimiter

# Live's Limiter stores Ceiling and Gain in dB, as it shows them (corpus XML, issue #21): 89
# Limiters at Ceiling -0.3 (Live's default) and 8 at 0; Gain 0 on 94, up to 21 on one track.
# See tests/rules/test_infinite_ratio.py for the Compressor's units.


def limiter(gain=0.0, ceiling=-0.3, on=True, key="0", name="Limiter"):
    return Device(
        tag="Limiter", name=name, key=key, on=on, parameters={"Ceiling": ceiling, "Gain": gain}
    )


def findings(master_devices=(), tracks=(), **options):
    live_set = make_set([make_track("audio", "Mix", clips=[audio_clip(0, 16)]), *tracks])
    live_set.master.devices = list(master_devices)
    return testing.findings(UnsafeLimiter, live_set, **options)


def test_master_limiter_gain_above_the_limit():
    assert findings([limiter(gain=9.5)]) == [
        (
            "Main › Limiter",
            "The master Limiter adds +9.5 dB of gain, more than +6.0 dB: it flattens the mix "
            "to reach loudness, so transients and dynamics are lost; turn the gain down and "
            "bring the level up in the mix",
        ),
    ]
    assert findings([limiter(gain=6.0)]) == []
    assert findings([limiter(gain=6.0)], max_master_gain_db=3) != []


def test_ceiling_above_zero_anywhere():
    track = make_track("group", "Drums", id=40, devices=[limiter(ceiling=0.5)])
    assert findings([limiter(ceiling=1.0)], tracks=[track]) == [
        (
            "Drums › Limiter",
            "Limiter ceiling at +0.5 dB, above 0 dBFS: peaks pass it and can clip; set the "
            "ceiling to 0 dB or lower (-0.3 to -1 dB leaves room for the export)",
        ),
        (
            "Main › Limiter",
            "Limiter ceiling at +1.0 dB, above 0 dBFS: peaks pass it and can clip; set the "
            "ceiling to 0 dB or lower (-0.3 to -1 dB leaves room for the export)",
        ),
    ]


def test_not_reported():
    ride = Envelope(
        parameter="Gain",
        owner="Limiter",
        device_path=["Limiter"],
        device_key="0",
        default_value=0.0,
        points=Points(array("d", [0.0, 16.0]), array("d", [0.0, 12.0])),
    )
    off_rack = Device(
        tag="AudioEffectGroupDevice",
        name="Old",
        key="1",
        on=False,
        chains=[Chain(name="", devices=[limiter(gain=12.0, key="1.0.0")])],
    )
    # A Limiter pushing a single track is a sound; switched off; automated gain.
    tracks = [make_track("audio", "Drums", devices=[limiter(gain=21.0)])]
    assert findings([limiter(gain=12.0, on=False), off_rack], tracks=tracks) == []
    live_set = make_set([make_track("audio", "Mix", clips=[audio_clip(0, 16)])])
    live_set.master.devices = [limiter(gain=12.0)]
    live_set.master.envelopes = [ride]
    assert run_rule(UnsafeLimiter, live_set) == []


def test_corpus_hand_check(corpus_dir):
    # Hand check (issue #21): no Limiter in the corpus has a ceiling above 0 dB (Live's own
    # Limiter stops at 0 dB), and no master Limiter adds gain (hh.als: Gain 0, Ceiling -0.3).
    # Limiters pushing single tracks are left alone: "3-Audio" +21 dB in Projetlive (Live
    # 10.0.5), "46-Autosinfonie" +8 dB in wish2.
    from conftest import load_model

    for name in (
        "live10.0.5__antoinefortin__soundvault__hh.als",
        "live10.0.5__antoinefortin__soundvault__Projetlive__UntitledPor.als",
    ):
        assert run_rule(UnsafeLimiter, load_model(corpus_dir / name)) == [], name
