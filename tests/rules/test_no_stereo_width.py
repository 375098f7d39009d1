from array import array

from alslint import testing
from alslint.model import Chain, Device, Envelope, Mixer, Points
from alslint.testing import audio_clip, make_set, make_track, midi_clip
from alslint_rules.no_stereo_width import NoStereoWidth


def message(count):
    return (
        f"All {count} sounding tracks are panned dead centre, with no pan automation and no "
        "width device (Auto Pan, Chorus, an imager): the mix may have no stereo width; pan "
        "some parts away from the centre"
    )


def findings(live_set, **options):
    return testing.findings(NoStereoWidth, live_set, **options)


def band(*extra, pans=(0.0, 0.0, 0.0, 0.0), **fields):
    names = ["Kick", "Bass", "Keys", "Vox"]
    tracks = [
        make_track(
            "audio" if i % 2 == 0 else "midi",
            name,
            clips=[audio_clip(0, 16) if i % 2 == 0 else midi_clip(0, 16, notes=[(36, 0, 1)])],
            mixer=Mixer(pan=pan),
            **(fields if i == 0 else {}),
        )
        for i, (name, pan) in enumerate(zip(names, pans))
    ]
    return make_set([*tracks, *extra])


def test_all_centred_is_one_finding_for_the_set():
    assert findings(band()) == [("whole set", message(4))]


def test_one_panned_sounding_track_gives_width():
    assert findings(band(pans=(0.0, 0.0, -0.3, 0.0))) == []
    # Half a step (Live still shows "C") is still the centre.
    assert findings(band(pans=(0.0, 0.0, 0.009, 0.0))) == [("whole set", message(4))]


def test_panned_group_or_return_gives_width_but_not_a_silent_track():
    assert findings(band(make_track("group", "Perc", mixer=Mixer(pan=0.5)))) == []
    assert findings(band(make_track("return", "A-Delay", mixer=Mixer(pan=-0.5)))) == []
    empty = make_track("audio", "Spare", mixer=Mixer(pan=1.0))
    off = make_track("audio", "Off", clips=[audio_clip(0, 4)], mixer=Mixer(pan=1.0, on=False))
    disabled = make_track(
        "audio", "Old", clips=[audio_clip(0, 4, disabled=True)], mixer=Mixer(pan=1.0)
    )
    no_notes = make_track("midi", "Idea", clips=[midi_clip(0, 4)], mixer=Mixer(pan=1.0))
    session = make_track("audio", "Jam", session_clips=[audio_clip(0, 4)], mixer=Mixer(pan=1.0))
    assert findings(band(empty, off, disabled, no_notes, session)) == [("whole set", message(4))]


def test_pan_automation_that_moves_gives_width():
    moving = Envelope(
        parameter="Pan",
        owner="Mixer",
        default_value=0.0,
        points=Points(array("d", [0.0, 16.0]), array("d", [0.0, 0.8])),
    )
    still = moving.model_copy(update={"points": Points(array("d", [0.0]), array("d", [0.0]))})
    assert findings(band(envelopes=[moving])) == []
    assert findings(band(envelopes=[still])) == [("whole set", message(4))]


def test_width_devices_by_type_name_or_plugin_and_inside_racks():
    auto_pan = Device(tag="AutoPan", name="Slow Sweep")
    imager = Device(
        tag="PluginDevice",
        name="Ozone 9 Imager",
        plugin_format="vst3",
        plugin_name="Ozone 9 Imager",
    )
    rack = Device(
        tag="AudioEffectGroupDevice",
        name="FX",
        chains=[Chain(name="", devices=[Device(tag="Chorus2", name="Chorus-Ensemble")])],
    )
    for device in (auto_pan, imager, rack):
        assert findings(band(devices=[device])) == [], device.name


def test_switched_off_width_devices_and_rack_names_do_not_count():
    off = Device(tag="AutoPan", name="Auto Pan", on=False)
    in_off_rack = Device(
        tag="AudioEffectGroupDevice",
        name="FX",
        on=False,
        chains=[Chain(name="", devices=[Device(tag="AutoPan", name="Auto Pan")])],
    )
    wide_named_rack = Device(
        tag="AudioEffectGroupDevice",
        name="Wide & Warm",
        chains=[Chain(name="", devices=[Device(tag="Eq8", name="EQ Eight")])],
    )
    live_set = band(devices=[off, in_off_rack, wide_named_rack])
    assert findings(live_set) == [("whole set", message(4))]


def test_width_devices_option_replaces_the_list():
    spreader = Device(
        tag="PluginDevice", name="MSpreader", plugin_format="vst2", plugin_name="MSpreader"
    )
    assert findings(band(devices=[spreader])) == [("whole set", message(4))]
    assert findings(band(devices=[spreader]), width_devices=["*spread*"]) == []


def test_min_tracks():
    live_set = band()
    assert findings(live_set, min_tracks=5) == []
    live_set.tracks[0].mixer.on = False
    assert findings(live_set) == []  # only 3 tracks sound
    assert findings(live_set, min_tracks=3) == [("whole set", message(3))]
