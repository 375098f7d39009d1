from alslint import testing
from alslint.model import Device
from alslint.testing import make_set, make_track, midi_clip
from alslint_rules.unbounced_midi import UnbouncedMidi

OPERATOR = Device(tag="Operator", name="Operator", is_instrument=True)
ARP = Device(tag="MidiArpeggiator", name="Arpeggiator", is_midi_effect=True)
VITAL = Device(
    tag="PluginDevice", name="Vital", is_instrument=True, plugin_format="vst3", plugin_name="Vital"
)


def played(start, end):
    return midi_clip(start, end, notes=[(60, 0, 1)])


def findings(live_set, **options):
    return testing.findings(UnbouncedMidi, live_set, **options)


def test_native_and_plugin_instruments_are_named():
    live_set = make_set(
        [
            make_track("midi", "Bass", clips=[played(0, 16)], devices=[OPERATOR]),
            make_track("midi", "Lead", clips=[played(0, 16)], devices=[ARP, VITAL]),
        ]
    )
    assert findings(live_set) == [
        (
            "Bass › Operator",
            'MIDI track still plays through the instrument "Operator": '
            "bounce it to audio (or freeze and flatten it) before mixing",
        ),
        (
            "Lead › Vital",
            'MIDI track still plays through the VST3 plugin "Vital": '
            "bounce it to audio (or freeze and flatten it) before mixing",
        ),
    ]


def test_frozen_silent_or_instrumentless_tracks_are_not_reported():
    effect_only = Device(tag="Reverb", name="Reverb")
    off_instrument = OPERATOR.model_copy(update={"on": False})
    live_set = make_set(
        [
            make_track("midi", "Frozen", clips=[played(0, 4)], devices=[OPERATOR], frozen=True),
            make_track("midi", "Off", clips=[played(0, 4)], devices=[OPERATOR], on=False),
            make_track("midi", "No clips", devices=[OPERATOR]),
            make_track(
                "midi", "Only disabled", clips=[midi_clip(0, 4, disabled=True)], devices=[OPERATOR]
            ),
            make_track(
                "midi", "Effect first", clips=[played(0, 4)], devices=[effect_only, OPERATOR]
            ),
            make_track("midi", "Instrument off", clips=[played(0, 4)], devices=[off_instrument]),
        ]
    )
    assert findings(live_set) == []


def test_allow_tracks():
    live_set = make_set(
        [make_track("midi", "Live Synth", clips=[played(0, 4)], devices=[OPERATOR])]
    )
    assert findings(live_set, allow_tracks=["live *"]) == []


def test_tracks_without_notes_or_silent_are_left_to_unused_track():
    # Issue #21: a MIDI track whose clips hold no notes, or whose fader is at -inf and not
    # automated, is unused (ALS302 tells to delete it), not something to bounce.
    from alslint.model import Mixer

    live_set = make_set(
        [
            make_track("midi", "Sketch", clips=[midi_clip(0, 16)], devices=[OPERATOR]),
            make_track(
                "midi",
                "Pad",
                clips=[midi_clip(0, 16, notes=[(60, 0, 1)])],
                devices=[OPERATOR],
                mixer=Mixer(volume=0.0003162277571),
            ),
        ]
    )
    assert findings(live_set) == []
