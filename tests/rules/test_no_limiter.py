from alslint.model import Chain, Device
from alslint.testing import audio_clip, make_set, make_track, run_rule
from alslint_rules.no_limiter import NoLimiter

LIMITER = Device(tag="Limiter", name="Limiter")
EQ = Device(tag="Eq8", name="EQ Eight")
UTILITY = Device(tag="StereoGain", name="Utility")
SPECTRUM = Device(tag="SpectrumAnalyzer", name="Spectrum")


def plugin(name, plugin_format="vst3", **fields):
    return Device(
        tag="PluginDevice" if plugin_format != "au" else "AuPluginDevice",
        name=name,
        plugin_format=plugin_format,
        plugin_name=name,
        **fields,
    )


def rack(name, *chains, on=True):
    return Device(
        tag="AudioEffectGroupDevice",
        name=name,
        on=on,
        chains=[Chain(name="", devices=list(devices)) for devices in chains],
    )


def findings(master_devices, *, tracks=None, **options):
    if tracks is None:
        tracks = [make_track("audio", "Mix", clips=[audio_clip(0, 16)])]
    live_set = make_set(tracks)
    live_set.master.devices = list(master_devices)
    return [(str(f.location), f.message) for f in run_rule(NoLimiter, live_set, **options)]


NO_LIMITER = (
    "No limiter on the master chain: peaks can clip the export and the song plays "
    "quieter than released music; put a limiter last on the master"
)
PAST = "push peaks past its ceiling: make the limiter the last device on the master (meters may follow it)"


def test_no_limiter_at_all():
    assert findings([]) == [("Main", NO_LIMITER)]
    # A compressor preset named like a limiter is still a compressor.
    glue = Device(tag="GlueCompressor", name="Mastering - gentle limiter")
    assert findings([EQ, glue]) == [("Main", NO_LIMITER)]
    # Ozone's single modules are not the whole suite with its Maximizer.
    assert findings([plugin("Ozone 9 Imager", "au")]) == [("Main", NO_LIMITER)]


def test_max_for_live_devices_count_by_name():
    loudmax = Device(tag="MxDeviceAudioEffect", name="LoudMax Limiter")
    assert findings([EQ, loudmax]) == []


def test_limiter_last_is_fine_native_plugin_or_in_a_rack():
    assert findings([EQ, LIMITER]) == []
    for name in (
        "FabFilter Pro-L",
        "Pro-L 2",
        "L1 limiter Stereo",
        "L3 UltraMaximizer (s)",
        "Ozone 9",
    ):
        assert findings([EQ, plugin(name)]) == [], name
    assert findings([rack("Wide & Warm Master", [EQ, LIMITER])]) == []


def test_meters_may_follow_the_limiter():
    span = plugin("Voxengo SPAN", "vst2")
    assert findings([LIMITER, SPECTRUM, span, rack("Scopes", [plugin("MStereoScope")])]) == []


def test_devices_after_the_limiter():
    assert findings([LIMITER, UTILITY]) == [
        ("Main › Limiter", f'The device "Utility" comes after the limiter and can {PAST}'),
    ]
    master = [rack("Master", [EQ, plugin("Ozone 10"), UTILITY]), SPECTRUM, plugin("Decapitator")]
    assert findings(master) == [
        (
            "Main › Ozone 10",
            '2 devices come after the limiter (inside the rack "Master") '
            f'("Utility", "Decapitator") and can {PAST}',
        ),
    ]


def test_switched_off_devices_after_the_limiter_do_not_count():
    assert findings([LIMITER, UTILITY.model_copy(update={"on": False})]) == []


def test_switched_off_limiter_or_switched_off_rack():
    off = LIMITER.model_copy(update={"on": False})
    assert findings([EQ, off]) == [
        (
            "Main › Limiter",
            "The limiter is switched off: nothing limits the master; switch it on "
            "(last on the chain)",
        ),
    ]
    assert findings([rack("Full Chain Master", [EQ, LIMITER], on=False)]) == [
        (
            "Main › Limiter",
            'The limiter sits in the switched-off rack "Full Chain Master": nothing '
            "limits the master; switch the rack on, or move the limiter out of it (last on the chain)",
        ),
    ]
    # A working limiter elsewhere is enough.
    assert findings([rack("Old", [LIMITER], on=False), plugin("Pro-L 2")]) == []


def test_limiter_in_one_of_parallel_chains():
    assert findings([rack("Split", [EQ, LIMITER], [UTILITY])]) == [
        (
            "Main › Limiter",
            'The limiter sits in one of the 2 parallel chains of the rack "Split": '
            "the other chains reach the master unlimited; put the limiter after the rack",
        ),
    ]


def test_the_last_limiter_decides():
    assert findings([LIMITER, UTILITY, plugin("Pro-L 2")]) == []


def test_options():
    custom = plugin("Kazrog KClip 3")
    assert findings([custom]) == [("Main", NO_LIMITER)]
    assert findings([custom], limiter_names=["*clip*"]) == []
    assert findings([LIMITER, UTILITY], meters=["Utility"]) == []


def test_a_set_with_nothing_to_play_is_not_reported():
    assert findings([], tracks=[make_track("audio", "Empty")]) == []
