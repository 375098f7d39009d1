from alslint.model import Mixer, Send
from alslint.testing import audio_clip, make_set, make_track, midi_clip, run_rule
from alslint_rules.unused_track import UnusedTrack


def findings(live_set, **options):
    return [(str(f.location), f.message) for f in run_rule(UnusedTrack, live_set, **options)]


def test_each_kind_of_unused_track_is_reported_once():
    live_set = make_set(
        [
            make_track("audio", "Kept", clips=[audio_clip(0, 8)]),
            make_track("audio", "Empty"),
            make_track("midi", "Muted Ideas", clips=[midi_clip(0, 4, disabled=True)] * 2),
            make_track("audio", "Off", clips=[audio_clip(0, 8)], on=False),
            make_track("group", "Empty Group", id=50),
            make_track("group", "Drums", id=51),
            make_track("audio", "Kick", clips=[audio_clip(0, 8)], group_id=51),
            make_track("return", "A-Reverb"),
            make_track("return", "B-Delay"),
        ]
    )
    live_set.tracks[0].mixer.sends[0] = Send(return_index=0, return_name="A-Reverb", level=0.25)
    assert findings(live_set) == [
        (
            "Empty",
            "Track has no clips in the arrangement or the session: delete it if it is not needed",
        ),
        ("Muted Ideas", "All 2 clips on this track are deactivated: delete it if it is not needed"),
        ("Off", "Track is switched off: delete it if it is not needed"),
        ("Empty Group", "Group contains no tracks: delete it if it is not needed"),
        ("B-Delay", "No send reaches this return track: delete it if it is not needed"),
    ]


def test_switched_off_send_does_not_reach_its_return():
    live_set = make_set(
        [make_track("audio", "Vox", clips=[audio_clip(0, 8)]), make_track("return", "A-Reverb")]
    )
    live_set.tracks[0].mixer.sends[0] = Send(
        return_index=0, return_name="A-Reverb", level=0.5, active=False
    )
    assert findings(live_set) == [
        ("A-Reverb", "No send reaches this return track: delete it if it is not needed")
    ]


def test_allow_tracks_globs_are_case_insensitive():
    live_set = make_set([make_track("audio", "Resample 1"), make_track("audio", "Spare")])
    assert findings(live_set, allow_tracks=["resample*"]) == [
        (
            "Spare",
            "Track has no clips in the arrangement or the session: delete it if it is not needed",
        )
    ]


def test_master_is_never_reported():
    live_set = make_set([])
    live_set.master.mixer = Mixer(on=False)
    assert findings(live_set) == []
