from alslint import testing
from alslint.testing import audio_clip, make_set, make_track, midi_clip
from alslint_rules.disabled_clip import DisabledClip

MESSAGE = "Clip is deactivated: delete it, or activate it if it belongs in the song"


def findings(tracks, **options):
    live_set = make_set(tracks)
    return testing.findings(DisabledClip, live_set, **options)


def test_one_finding_per_deactivated_arrangement_clip():
    tracks = [
        make_track(
            "audio",
            "Melody",
            clips=[
                audio_clip(0, 64, "Loop"),
                audio_clip(64, 96, "Loop", disabled=True),
                audio_clip(192, 224, "Loop", disabled=True),
            ],
        ),
        make_track(
            "midi",
            "Keys",
            clips=[midi_clip(0, 16, "Chords"), midi_clip(16, 32, "Chords alt", disabled=True)],
        ),
    ]
    assert findings(tracks) == [
        ('Melody › clip "Loop" @ bars 17–24', MESSAGE),
        ('Melody › clip "Loop" @ bars 49–56', MESSAGE),
        ('Keys › clip "Chords alt" @ bars 5–8', MESSAGE),
    ]


def test_tracks_reported_by_unused_track_are_left_to_it():
    tracks = [
        # All clips deactivated: unused-track reports the track once.
        make_track("audio", "Muted Ideas", clips=[audio_clip(0, 8, disabled=True)] * 2),
        # Switched off (or inside a switched-off group): unused-track reports it.
        make_track(
            "audio", "Off", on=False, clips=[audio_clip(0, 8), audio_clip(8, 16, disabled=True)]
        ),
        make_track("group", "Old Group", id=60, on=False),
        make_track(
            "midi",
            "In Old Group",
            group_id=60,
            clips=[midi_clip(0, 4), midi_clip(4, 8, disabled=True)],
        ),
    ]
    assert findings(tracks) == []


def test_session_and_take_lane_clips_are_not_reported():
    session = audio_clip(0, 8, "Idea", disabled=True).model_copy(update={"scene_index": 0})
    take = audio_clip(0, 8, "Take 2", disabled=True).model_copy(update={"take_lane": 0})
    tracks = [
        make_track(
            "audio",
            "Vox",
            clips=[audio_clip(0, 8, "Take 1")],
            session_clips=[session],
            take_lane_clips=[take],
        )
    ]
    assert findings(tracks) == []


def test_allowed_tracks_are_skipped():
    tracks = [
        make_track("audio", "Alt Vox", clips=[audio_clip(0, 8), audio_clip(8, 16, disabled=True)])
    ]
    assert len(findings(tracks)) == 1
    assert findings(tracks, allow_tracks=["alt *"]) == []
