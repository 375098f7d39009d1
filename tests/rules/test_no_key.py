from alslint import testing
from alslint.model import Scale
from alslint.testing import make_set
from alslint_rules.no_key import NoKey

DEFAULT_11 = "No key is chosen (the set still holds Live's default, C Major with Scale Mode off): decide the song's root and scale now"
DEFAULT_10 = "No key is chosen (the set still holds Live's default, C Major): decide the song's root and scale now"
NONE = "No key is chosen (the set stores no scale): decide the song's root and scale now"


def findings(version, scale):
    live_set = make_set([], scale=scale)
    live_set.live_version, live_set.creator = version, f"Ableton Live {version}"
    return testing.findings(NoKey, live_set)


def test_live_11_and_12_default_c_major_with_scale_mode_off():
    assert findings("12.3.5", Scale(root=0, name="Major", in_key=False)) == [
        ("whole set", DEFAULT_11)
    ]
    assert findings("11.0", Scale(root=0, name="Major", in_key=False)) == [
        ("whole set", DEFAULT_11)
    ]


def test_scale_mode_on_or_another_key_is_a_choice():
    assert findings("12.3.2", Scale(root=0, name="Major", in_key=True)) == []
    assert findings("11.3.21", Scale(root=9, name="Minor", in_key=False)) == []
    assert findings("12.1.5", Scale(root=0, name="Dorian", in_key=False)) == []


def test_live_10_1_stores_c_major_without_a_scale_switch():
    assert findings("10.1.30", Scale(root=0, name="Major")) == [("whole set", DEFAULT_10)]
    assert findings("10.1.30", Scale(root=2, name="Minor")) == []


def test_live_9_7_and_10_0_store_no_scale_until_one_is_chosen():
    assert findings("9.7.1", None) == [("whole set", NONE)]
    assert findings("10.0.5", None) == [("whole set", NONE)]
    assert findings("12.0b16", None) == [("whole set", NONE)]


def test_before_live_9_7_a_set_cannot_store_a_key():
    assert findings("9.2.3", None) == []
    assert findings("9.1", None) == []
    assert findings("8.3.4", None) == []
