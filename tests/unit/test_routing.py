"""Routing in the model, textconv, inspect and diff (issue #13): the stored targets of every
Live version read into `Route`s, and only what is not Live's default shown."""

from array import array

import pytest

from alslint.als.routing import route
from alslint.gitdiff.compare import diff_sets
from alslint.gitdiff.textconv import envelope_summary, render
from alslint.inspect.overview import overview
from alslint.model import Envelope, Points, Route, Routing
from alslint.testing import audio_clip, make_set, make_track


@pytest.mark.parametrize(
    ("target", "kind", "track_id"),
    [
        ("AudioOut/Master", "master", None),  # Live 8-11
        ("AudioOut/Main", "master", None),  # Live 12
        ("AudioOut/GroupTrack", "group", None),
        ("AudioOut/None", "sends-only", None),
        ("AudioOut/Track.316/TrackIn", "track", 316),
        ("AudioOut/External/S0", "external", None),
        ("AudioIn/External/S0", "external", None),
        ("AudioIn/Master", "resampling", None),
        ("AudioIn/Track.-1/TrackOut", "track", -1),  # Live 8-9: the master's output
        ("AudioIn/Track.12/DeviceOut.0.B0,PostFxOut", "device", 12),
        ("AudioIn/None", "none", None),
        ("MidiIn/External.All/-1", "external", None),
        ("MidiIn/Track.5/PostFxOut", "track", 5),
        ("MidiOut/None", "none", None),
        ("MidiOut/Track.50/TrackIn", "track", 50),
        ("MidiOut/Track.-1/DeviceIn.1.0", "device", -1),
        ("MidiOut/External.Dev:TD-15/0", "external", None),
        ("AudioIn/ReWire.Reason/S0", "external", None),
    ],
)
def test_every_stored_target_is_a_route(target, kind, track_id):
    assert route(target) == Route(kind=kind, track_id=track_id, target=target)


def _routed_set():
    to_bus = Routing(
        audio_out=Route(
            kind="track",
            track_id=70,
            target="AudioOut/Track.70/TrackIn",
            display="Bus | Track In",
        ),
        monitoring="in",
    )
    return make_set(
        [
            make_track("audio", "Vox", id=60, clips=[audio_clip(0, 8)], routing=to_bus),
            make_track(
                "audio",
                "Bus",
                id=70,
                routing=Routing(audio_out=Route(kind="master", target="AudioOut/Main")),
            ),
        ]
    )


def test_textconv_and_inspect_show_routing_that_is_not_the_default():
    live_set = _routed_set()
    text = render(live_set)
    assert '  audio to "Bus" (Track In)\n  monitoring In\n' in text
    assert "audio to Main" not in text  # the bus plays to the main track: Live's default
    tracks = overview(live_set)["tracks"]
    assert [t["routing"] for t in tracks] == [
        {"audio to": '"Bus" (Track In)', "monitoring": "In"},
        {},
        {},
    ]


def test_diff_shows_a_routing_change():
    old = _routed_set()
    new = _routed_set()
    new.tracks[0].routing = Routing(
        audio_out=Route(kind="master", target="AudioOut/Main"), monitoring="auto"
    )
    changes = [(c.kind, c.track, c.message) for c in diff_sets(old, new).changes]
    assert changes == [
        ("routing", "Vox", 'audio to "Bus" (Track In) → Main'),
        ("routing", "Vox", "monitoring In → Auto"),
    ]


def test_send_automation_ranges_are_in_db_as_real_sets_name_them():
    # Real sets name a send's envelope "Sends › Send A"; its range is a gain shown in dB.
    live_set = make_set([make_track("audio", "Vox")])
    ride = Envelope(
        parameter="Sends › Send A",
        owner="Mixer",
        points=Points(array("d", [0.0, 16.0]), array("d", [0.0003162277571, 1.0])),
    )
    assert ", -inf dB–0 dB, " in envelope_summary(ride, live_set.timeline())
