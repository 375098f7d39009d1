from array import array

from alslint import testing
from alslint.model import Chain, Device, Envelope, Points
from alslint.testing import audio_clip, make_set, make_track, run_rule
from alslint_rules.device_off import DeviceOff


def device(name, on=True, tag="Eq8", chains=(), **fields):
    return Device(tag=tag, name=name, on=on, chains=list(chains), **fields)


def rack(name, *chains, on=True):
    return device(
        name,
        on=on,
        tag="AudioEffectGroupDevice",
        chains=[Chain(name="", devices=list(devices)) for devices in chains],
    )


def on_switch(path, default, points=()):
    return Envelope(
        parameter="On",
        owner=path[-1],
        device_path=list(path),
        default_value=default,
        points=Points(array("d", [t for t, _ in points]), array("d", [v for _, v in points])),
    )


def findings(tracks, **options):
    live_set = make_set(tracks)
    return testing.findings(DeviceOff, live_set, **options)


def test_switched_off_devices_on_tracks_returns_and_the_master():
    live_set = make_set(
        [
            make_track(
                "audio",
                "Vox",
                clips=[audio_clip(0, 8)],
                devices=[device("EQ Eight", on=False), device("Compressor", tag="Compressor2")],
            ),
            make_track("return", "A-Reverb", devices=[device("Reverb", on=False, tag="Reverb")]),
        ]
    )
    live_set.master.devices = [
        device("Ozone 9", on=False, tag="PluginDevice", plugin_format="vst3", plugin_name="Ozone 9")
    ]
    assert testing.findings(DeviceOff, live_set) == [
        ("Vox › EQ Eight", 'Device "EQ Eight" is switched off: delete it or switch it on'),
        ("A-Reverb › Reverb", 'Device "Reverb" is switched off: delete it or switch it on'),
        ("Main › Ozone 9", 'Device "Ozone 9" is switched off: delete it or switch it on'),
    ]


def test_inside_racks_and_a_switched_off_rack_is_reported_as_a_whole():
    tracks = [
        make_track(
            "audio",
            "Bass",
            devices=[
                rack(
                    "Bass Rack",
                    [device("Gate", on=False, tag="Gate"), device("EQ Eight")],
                    [device("Saturator", tag="Saturator")],
                ),
                rack("Old FX", [device("Delay", on=False, tag="Delay")], on=False),
            ],
        )
    ]
    assert findings(tracks) == [
        (
            "Bass › Bass Rack › Gate",
            'Device "Gate" in rack "Bass Rack" is switched off: delete it or switch it on',
        ),
        ("Bass › Old FX", 'Rack "Old FX" is switched off: delete it or switch it on'),
    ]
    assert findings(tracks, inside_racks=False) == [
        ("Bass › Old FX", 'Rack "Old FX" is switched off: delete it or switch it on'),
    ]


def test_repeated_names_get_distinct_locations():
    tracks = [
        make_track(
            "audio",
            "Pad",
            devices=[
                device("Chorus", on=False, tag="Chorus"),
                device("Chorus", on=False, tag="Chorus"),
                rack(
                    "FX",
                    [device("EQ Eight", on=False), device("Reverb", tag="Reverb")],
                    [device("EQ Eight", on=False)],
                ),
            ],
        )
    ]
    assert [location for location, _ in findings(tracks)] == [
        "Pad › Chorus",
        "Pad › Chorus (2)",
        "Pad › FX › EQ Eight",
        "Pad › FX › EQ Eight (2)",
    ]


def test_an_on_switch_that_moves_is_switched_on_purpose():
    tracks = [
        make_track(
            "audio",
            "Drums",
            devices=[
                device("Beat Repeat", on=False, tag="BeatRepeat"),
                rack("Master FX", [device("Redux", on=False, tag="Redux2")], on=False),
            ],
            envelopes=[
                on_switch(["Beat Repeat"], 0.0, [(126.7, 0.0), (130.25, 1.0), (132.0, 0.0)]),
                on_switch(["Master FX"], 0.0, [(312.0, 1.0), (320.0, 0.0)]),
            ],
        )
    ]
    # The automated rack is opened up: a device inside it that is off for good is reported.
    assert findings(tracks) == [
        (
            "Drums › Master FX › Redux",
            'Device "Redux" in rack "Master FX" is switched off: delete it or switch it on',
        ),
    ]


def test_a_flat_on_envelope_holds_its_value():
    tracks = [
        make_track(
            "audio",
            "Keys",
            devices=[
                device("Compressor", on=False, tag="Compressor2"),  # held on by its envelope
                device("Utility", on=True, tag="StereoGain"),  # held off by its envelope
            ],
            envelopes=[
                on_switch(["Compressor"], 1.0, [(448.0, 1.0), (535.0, 1.0)]),
                on_switch(["Utility"], 0.0),
            ],
        )
    ]
    assert findings(tracks) == [
        ("Keys › Utility", 'Device "Utility" is switched off: delete it or switch it on'),
    ]


def test_other_envelopes_do_not_count_and_switched_off_tracks_are_skipped():
    band_on = Envelope(
        parameter="Bands.0 › ParameterA › On",
        owner="EQ Eight",
        device_path=["EQ Eight"],
        default_value=0.0,
        points=Points(array("d", [4.0]), array("d", [1.0])),
    )
    tracks = [
        make_track("audio", "Vox", devices=[device("EQ Eight", on=False)], envelopes=[band_on]),
        make_track("audio", "Old Vox", on=False, devices=[device("EQ Eight", on=False)]),
    ]
    assert findings(tracks) == [
        ("Vox › EQ Eight", 'Device "EQ Eight" is switched off: delete it or switch it on'),
    ]


def test_allowed_devices_and_tracks():
    tracks = [
        make_track(
            "audio",
            "Vox",
            devices=[
                device("Spectrum", on=False, tag="SpectrumAnalyzer"),
                device("EQ Eight", on=False),
            ],
        ),
        make_track("audio", "Reference", devices=[device("EQ Eight", on=False)]),
    ]
    assert findings(tracks, allow_devices=["spectrum"], allow_tracks=["Ref*"]) == [
        ("Vox › EQ Eight", 'Device "EQ Eight" is switched off: delete it or switch it on'),
    ]


def test_a_rack_chain_with_every_device_off_is_one_finding():
    # Issue #21: a template with many racks gave one line per switched-off device inside one
    # rack (191 lines for one set); a chain whose devices are all off is one finding.
    def chain(name, *devices):
        return Chain(name=name, devices=list(devices))

    drums = device(
        "Drum FX",
        tag="AudioEffectGroupDevice",
        chains=[
            chain("Dry", device("EQ Eight")),
            chain(
                "Crush",
                device("Redux", on=False, tag="Redux2"),
                device("Saturator", on=False, tag="Saturator"),
                device("Erosion", on=False, tag="Erosion"),
            ),
        ],
    )
    spare = device(
        "Spare Rack",
        tag="AudioEffectGroupDevice",
        chains=[
            chain("A", device("Chorus", on=False, tag="Chorus"), device("Delay", on=False)),
            chain("B", device("Phaser", on=False, tag="Phaser")),
        ],
    )
    one = rack("One", [device("Gate", on=False, tag="Gate")])
    tracks = [make_track("audio", "Drums", devices=[drums, spare, one])]
    assert findings(tracks) == [
        (
            "Drums › Drum FX › Crush",
            'All 3 devices of chain "Crush" in rack "Drum FX" are switched off: delete the '
            "chain or switch them on",
        ),
        (
            "Drums › Spare Rack",
            'All 3 devices in rack "Spare Rack" are switched off: delete the rack or switch '
            "them on",
        ),
        # A single device stays a device finding.
        (
            "Drums › One › Gate",
            'Device "Gate" in rack "One" is switched off: delete it or switch it on',
        ),
    ]


def test_corpus_hand_check(corpus_dir):
    # Hand check (issues #21, #13): in the edmJM template (Live 12.3.5) the rack "Master FX
    # Rack" on "bus main JM" holds "Master FX JM", "phaser fragments fx" and "Efx FRAGMENTS",
    # all three switched off but mapped to computer keys (KeyMidi with a key string): the
    # producer switches them while playing, so they are not reported (they were one rack
    # finding). Inside "phaser fragments fx", "Redux" is off and mapped to nothing.
    from conftest import load_model

    live_set = load_model(
        corpus_dir / "live12.3.5__MenkeTechnologies__AbletonLiveTemplates__edmJM.als"
    )
    found = [
        (str(f.location), f.message)
        for f in run_rule(DeviceOff, live_set)
        if f.location.track == "bus main JM"
    ]
    assert found == [
        (
            "bus main JM › Auto Filter",
            'Device "Auto Filter" is switched off: delete it or switch it on',
        ),
        (
            "bus main JM › Master FX Rack › phaser fragments fx › Redux",
            'Device "Redux" in rack "phaser fragments fx" is switched off: delete it or switch it on',
        ),
    ]


def test_switches_mapped_to_a_macro_a_key_or_midi_are_not_off():
    # Issue #13: a producer switches these while playing; only the unmapped one is off.
    live_set = make_set(
        [
            make_track(
                "audio",
                "Vox",
                clips=[audio_clip(0, 8)],
                devices=[
                    device("Beat Repeat", on=False, on_mapping="macro"),
                    device("Redux", on=False, on_mapping="key"),
                    device("Auto Filter", on=False, on_mapping="midi"),
                    device("Chorus", on=False),
                ],
            )
        ]
    )
    assert testing.findings(DeviceOff, live_set) == [
        ("Vox › Chorus", 'Device "Chorus" is switched off: delete it or switch it on'),
    ]
