from array import array

from alslint import testing
from alslint.model import Device, Envelope, Mixer, Points, Send
from alslint.testing import audio_clip, make_set, make_track
from alslint_rules.no_send_effects import NoSendEffects

REVERB = Device(tag="Reverb", name="Reverb")
DEPTH = "no shared reverb or delay places the parts at different depths"


def findings(live_set, **options):
    return testing.findings(NoSendEffects, live_set, **options)


def song(*returns, players=4):
    tracks = [
        make_track("audio", f"Part {n}", clips=[audio_clip(0, 16)]) for n in range(1, players + 1)
    ]
    return make_set([*tracks, *returns])


def send(live_set, track_index, return_index, level=0.25, active=True):
    returns = live_set.returns
    live_set.tracks[track_index].mixer.sends[return_index] = Send(
        return_index=return_index,
        return_name=returns[return_index].name,
        level=level,
        active=active,
    )


def test_no_return_tracks_at_all():
    assert findings(song()) == [
        (
            "whole set",
            f"The set has no return tracks: {DEPTH}; add a return with a reverb and "
            "send the parts that should sit further back to it",
        ),
    ]


def test_returns_that_no_send_reaches():
    live_set = song(
        make_track("return", "A-Reverb", devices=[REVERB]),
        make_track("return", "B-Delay", devices=[REVERB]),
    )
    send(live_set, 0, 1, level=0.0003162277571)  # at -inf
    send(live_set, 1, 0, active=False)  # switched off
    assert findings(live_set) == [
        (
            "whole set",
            f'No send reaches any of the 2 return tracks ("A-Reverb", "B-Delay"): '
            f"{DEPTH}; turn up the sends of the parts that should sit further back",
        ),
    ]
    send(live_set, 2, 1)
    assert findings(live_set) == []


def test_many_returns_are_named_up_to_four():
    live_set = song(*[make_track("return", f"{letter}-Return") for letter in "ABCDEF"])
    [(_, message)] = findings(live_set)
    assert message.startswith(
        'No send reaches any of the 6 return tracks ("A-Return", '
        '"B-Return", "C-Return", "D-Return" and 2 more): '
    )


def test_sends_reaching_only_empty_or_switched_off_returns():
    live_set = song(
        make_track("return", "A-Empty"),
        make_track("return", "B-Off", devices=[REVERB], mixer=Mixer(on=False)),
        make_track("return", "C-Reverb Off", devices=[REVERB.model_copy(update={"on": False})]),
    )
    for position in range(3):
        send(live_set, 0, position)
    assert findings(live_set) == [
        (
            "whole set",
            "Sends reach only return tracks that are switched off or hold no effect "
            f'("A-Empty", "B-Off", "C-Reverb Off"): {DEPTH}; put a reverb or delay on the return '
            "and switch it on",
        ),
    ]


def test_sends_from_switched_off_tracks_do_not_count():
    live_set = song(
        make_track("return", "A-Reverb", devices=[REVERB]),
        make_track("audio", "Muted", clips=[audio_clip(0, 4)], on=False),
    )
    send(live_set, 5, 0)  # the switched-off track
    assert [location for location, _ in findings(live_set)] == ["whole set"]


def test_send_automation_that_opens_a_send_counts():
    live_set = song(
        make_track("return", "A-Reverb", devices=[REVERB]),
        make_track("return", "B-Delay", devices=[REVERB]),
    )
    ride = Envelope(
        parameter="Sends › Send B",
        owner="Mixer",
        default_value=0.0003162277571,
        points=Points(array("d", [32.0]), array("d", [0.5])),
    )
    live_set.tracks[3].envelopes = [ride]
    assert findings(live_set) == []
    closed = ride.model_copy(
        update={"points": Points(array("d", [32.0]), array("d", [0.0003162277571]))}
    )
    live_set.tracks[3].envelopes = [closed]
    assert len(findings(live_set)) == 1


def test_small_sets_are_not_reported_and_min_tracks():
    assert findings(song(players=3)) == []
    assert len(findings(song(players=3), min_tracks=3)) == 1
