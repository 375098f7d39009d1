from alslint import testing
from alslint.model import Chain, Device
from alslint.testing import make_set
from alslint_rules.stacked_limiters import StackedLimiters

LIMITER = Device(tag="Limiter", name="Limiter")
PRO_L = Device(tag="PluginDevice", name="Pro-L 2", plugin_format="vst3", plugin_name="Pro-L 2")
EQ = Device(tag="Eq8", name="EQ Eight")


def findings(master_devices, **options):
    live_set = make_set([])
    live_set.master.devices = list(master_devices)
    return testing.findings(StackedLimiters, live_set, **options)


def message(count, names):
    return (
        f"{count} limiters work on the master chain ({names}): each one squashes peaks the "
        "one before has already limited; keep one, last on the chain, unless the serial "
        "limiting is deliberate"
    )


def test_two_limiters_one_finding_in_chain_order():
    rack = Device(
        tag="AudioEffectGroupDevice", name="Glue", chains=[Chain(name="", devices=[EQ, LIMITER])]
    )
    assert findings([rack, PRO_L]) == [("Main", message(2, '"Limiter", "Pro-L 2"'))]
    assert findings([LIMITER, EQ, LIMITER, PRO_L]) == [
        ("Main", message(3, '"Limiter", "Limiter", "Pro-L 2"'))
    ]


def test_one_working_limiter_is_fine():
    assert findings([EQ, PRO_L]) == []
    assert findings([]) == []
    off = LIMITER.model_copy(update={"on": False})
    off_rack = Device(
        tag="AudioEffectGroupDevice",
        name="Old Chain",
        on=False,
        chains=[Chain(name="", devices=[LIMITER])],
    )
    assert findings([off, off_rack, PRO_L]) == []


def test_limiter_names_option():
    clipper = Device(tag="PluginDevice", name="KClip", plugin_format="vst2", plugin_name="KClip")
    assert findings([clipper, LIMITER]) == []
    assert findings([clipper, LIMITER], limiter_names=["kclip"]) == [
        ("Main", message(2, '"KClip", "Limiter"'))
    ]
