import pytest
from conftest import load_model

from alslint import testing
from alslint.model import Chain, Device
from alslint.testing import audio_clip, make_set, make_track
from alslint_rules._master_chain import DEFAULT_LIMITER_NAMES, is_limiter
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
    return testing.findings(NoLimiter, live_set, **options)


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


COMPRESSOR = Device(tag="Compressor2", name="Compressor")


def test_plugin_names_as_producers_see_them():
    # Issue #21: "iZotope Ozone 5" (vendor prefix) was reported as "no limiter"; the real
    # finding is the compressor after it.
    assert findings([plugin("iZotope Ozone 5", "vst2"), COMPRESSOR]) == [
        (
            "Main › iZotope Ozone 5",
            f'The device "Compressor" comes after the limiter and can {PAST}',
        ),
    ]
    for name in (
        "FabFilter Pro-L 2",  # vendor prefix
        "Pro-L 2 (x64)",  # architecture suffix
        "Pro-L 2 VST3",  # format suffix
        "Ozone 9 (Stereo)",
        "iZotope Ozone 11 Advanced",
        "Ozone 7 Maximizer",
        "Waves L2 Stereo",
        "Voxengo Elephant",
        "DMG Limitless",
        "Slate Digital FG-X 2",
        "Tokyo Dawn Labs TDR Limiter 6 GE",
        "LoudMax64",
        "Elevate-1.5",
    ):
        assert findings([EQ, plugin(name)]) == [], name
    # The suite's single modules are not its Maximizer, whatever the spelling.
    assert findings([plugin("iZotope Ozone 9 Imager", "vst2")]) == [("Main", NO_LIMITER)]
    assert findings([plugin("Ozone 9 Equalizer (s)", "au")]) == [("Main", NO_LIMITER)]


#: Every plugin and Max for Live device name in the corpus (Live 8.2–12.3, 101 sets), and
#: whether it is a limiter. The corpus test below keeps this table complete.
CORPUS_LIMITERS = {
    "FabFilter Pro-L",
    "L1 limiter Stereo",
    "L3 UltraMaximizer (s)",
    "Ozone 10",
    "Ozone 8",
    "Ozone 9",
    "Ozone 9 Elements",
    "Pro-L 2",
}
CORPUS_OTHERS = set(
    [
        "2.44chOSCSend1",
        "2.44chOSCSend2",
        "2.44chOSCSend3",
        "808 Bass Module2",
        "API-550A Stereo",
        "Adjustable RMS Meter",
        "Albino 3",
        "Align Delay",
        "AmpliTube 4",
        "Analog Lab V",
        "Antresol",
        "ArtsAcoustic Reverb",
        "CLA-2A Stereo",
        "CLA-76 Stereo",
        "CamelCrusher",
        "Convolution Reverb Pro",
        "DS Snare",
        "Decapitator",
        "Delay BRIGADE",
        "Diva",
        "Doubler2 (s)",
        "Efx FRAGMENTS",
        "FabFilter Pro-C 2",
        "FabFilter Pro-Q",
        "FabFilter Pro-Q 3",
        "Fresh Air",
        "Godfazer",
        "Guitar Rig 5",
        "H-Comp Stereo",
        "H-Delay (s)",
        "Heat Up 3",
        "Insight 2",
        "Kick 2",
        "Kontakt 5",
        "LABS",
        "LFO",
        "LFO MIDI",
        "LFO-Morf_7.1",
        "LexVintagePlate",
        "Looperator",
        "Lustrous Plates",
        "Lusus",
        "MAutoEqualizer",
        "MEqualizer",
        "MOscilloscope",
        "MPowerSynth",
        "MStereoScope",
        "Massive",
        "Neutron 3",
        "Neutron 3 Equalizer",
        "Neutron 3 Sculptor",
        "Neutron 3 Transient Shaper",
        "Note Echo",
        "OTT",
        "Omnisphere",
        "OneKnob Phatter Stereo",
        "Ozone 9 Imager",
        "Portal",
        "Pro-Q 3",
        "ProgChange-JM",
        "ProgramBankChange",
        "Punch-BD",
        "Quanta 2",
        "RMX-1000 Plug-in",
        "Rapture Pro",
        "Rapture Session",
        "Raum",
        "Reaktor5",
        "Renaissance Axx Stereo",
        "Repeater",
        "Resolume Clip Launcher",
        "Resolume Dispatcher",
        "Resolume Parameter Forwarder",
        "RoughRider3",
        "SRX STUDIO",
        "SmallClubReverb",
        "Sonarworks Reference 4 VST",
        "Spacerek",
        "Spire",
        "Spire-1.5",
        "Splice Bridge",
        "SubLab",
        "Sylenth1",
        "Synplant",
        "TAL Chorus LX Plugin",
        "TAL-Chorus-LX",
        "Tape Delay v1_2",
        "Thermal",
        "Tonal Balance Control 2",
        "TrueVerb Mono/Stereo",
        "TrueVerb Stereo",
        "UADx Manley Massive Passive MST",
        "ValhallaVintageVerb",
        "Vocal Rider Live (m)",
        "Voxengo SPAN",
        "Waves Tune Real-Time (m)",
        "Wolfram",
        "XYPadCon",
        "XYPadCon_for_AudioTrack",
        "Zebra2",
        "aThings",
        "euclidean sequencer 1.1",
        "gainContol",
        "iZotope Stutter Edit",
        "iZotope Trash 2",
    ]
)


@pytest.mark.parametrize("name", sorted(CORPUS_LIMITERS | CORPUS_OTHERS))
def test_known_limiters_against_every_corpus_plugin_name(name):
    for device in (plugin(name), Device(tag="MxDeviceAudioEffect", name=name)):
        assert is_limiter(device, DEFAULT_LIMITER_NAMES) == (name in CORPUS_LIMITERS), name


def test_the_table_holds_every_plugin_name_of_the_corpus(corpus_dir):
    # Hand check (issue #21): run over the corpus after vendor/format/version matching, the
    # limiters found are exactly the eight names above; "iZotope Stutter Edit", "iZotope
    # Trash 2", "Ozone 9 Imager", "Neutron 3 …", "FabFilter Pro-C 2" (a compressor) and
    # "Tonal Balance Control 2" stay non-limiters; no corpus set changes its finding.
    names = set()
    for path in sorted(corpus_dir.glob("*.als")):
        for track in load_model(path).tracks:
            for device in track.all_devices():
                if device.is_plugin or device.tag.startswith("MxDevice"):
                    names.add(device.plugin_name or device.name)
    assert names - (CORPUS_LIMITERS | CORPUS_OTHERS) == set()
