from array import array

from alslint import testing
from alslint.model import Chain, Device, Envelope, Points
from alslint.testing import make_set
from alslint_rules.master_chain_off import MasterChainOff

EQ = Device(tag="Eq8", name="EQ Eight")
LIMITER = Device(tag="Limiter", name="Limiter")
FIX = "switch it on if the master needs it, or delete it"


def off(device):
    return device.model_copy(update={"on": False})


def rack(name, *devices, on=True):
    return Device(
        tag="AudioEffectGroupDevice",
        name=name,
        on=on,
        chains=[Chain(name="", devices=list(devices))],
    )


def plugin(name):
    return Device(tag="PluginDevice", name=name, plugin_format="vst2", plugin_name=name)


def findings(master_devices, envelopes=(), **options):
    live_set = make_set([])
    live_set.master.devices = list(master_devices)
    live_set.master.envelopes = list(envelopes)
    return testing.findings(MasterChainOff, live_set, **options)


def test_one_finding_per_switched_off_device():
    assert findings([off(EQ), LIMITER, off(plugin("RMX-1000 Plug-in"))]) == [
        ("Main › EQ Eight", f"Device is switched off on the master chain: {FIX}"),
        ("Main › RMX-1000 Plug-in", f"Device is switched off on the master chain: {FIX}"),
    ]


def test_inside_racks_but_not_inside_switched_off_racks():
    master = [rack("Master JM", off(rack("Master FX JM", EQ)), rack("Inner", off(EQ))), LIMITER]
    assert findings(master) == [
        (
            "Main › Master FX JM",
            f'Device is switched off inside the rack "Master JM" on the master chain: {FIX}',
        ),
        (
            "Main › EQ Eight",
            f'Device is switched off inside the rack "Inner" on the master chain: {FIX}',
        ),
    ]


def test_whole_chain_off_is_one_finding():
    master = [
        rack("Full Chain Master", EQ, LIMITER, on=False),
        rack("Wide & Warm Master", on=False),
    ]
    assert findings(master) == [
        (
            "Main",
            'All 2 devices on the master chain are switched off ("Full Chain Master", '
            '"Wide & Warm Master"): the master plays unprocessed; switch on what the master needs '
            "and delete the rest",
        ),
    ]
    # A single device is reported as itself.
    assert findings([off(LIMITER)]) == [
        ("Main › Limiter", f"Device is switched off on the master chain: {FIX}")
    ]


def test_meters_and_monitoring_correction_may_stay_off():
    spectrum = Device(tag="SpectrumAnalyzer", name="Linear Scale Low CPU", on=False)
    assert (
        findings(
            [off(plugin("Insight 2")), off(plugin("Sonarworks Reference 4 VST")), spectrum, LIMITER]
        )
        == []
    )
    # They do not make "all devices off" either.
    assert findings([off(plugin("Insight 2")), off(EQ)]) == [
        ("Main › EQ Eight", f"Device is switched off on the master chain: {FIX}")
    ]


def test_allow_devices_option_replaces_the_list():
    assert findings([off(plugin("iZotope Stutter Edit"))], allow_devices=["*stutter*"]) == []
    assert findings([off(plugin("Insight 2"))], allow_devices=[]) == [
        ("Main › Insight 2", f"Device is switched off on the master chain: {FIX}")
    ]


def test_a_device_whose_switch_is_automated_is_not_left_off():
    beat_repeat = rack("slowdemdown_FX", Device(tag="BeatRepeat", name="Beat Repeat"), on=False)
    switch = Envelope(
        parameter="On",
        owner="slowdemdown_FX",
        device_path=["slowdemdown_FX"],
        default_value=0.0,
        points=Points(array("d", [128.0, 132.0]), array("d", [1.0, 0.0])),
    )
    assert findings([beat_repeat, off(EQ)], envelopes=[switch]) == [
        ("Main › EQ Eight", f"Device is switched off on the master chain: {FIX}")
    ]
    never_moves = switch.model_copy(update={"points": Points(array("d", [0.0]), array("d", [0.0]))})
    assert len(findings([beat_repeat], envelopes=[never_moves])) == 1
