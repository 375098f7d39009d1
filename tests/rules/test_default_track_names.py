import pytest

from alslint import testing
from alslint.testing import audio_clip, make_set, make_track
from alslint_rules.default_track_names import DefaultTrackNames, is_generic_name

GENERIC = "Track still has Live's generic name: name it after "
UNRENAMED = "Track was never renamed (Live named it after its first device or clip): name it after "


def findings(tracks, **options):
    live_set = make_set(tracks)
    return testing.findings(DefaultTrackNames, live_set, **options)


@pytest.mark.parametrize(
    "name",
    [
        "3-Audio",
        "1-MIDI",
        "2-Group",
        "A-Return",
        "L-Return",
        # Live 10+ names an audio track after its first clip, a take recorded on an unnamed track:
        "12-10-Audio 3",
        "18-15-14-Audio 1 1",
        "13-6-3-Audio 1 4 [2020-01-11 224132]",
    ],
)
def test_generic_names_from_the_corpus(name):
    assert is_generic_name(name)


@pytest.mark.parametrize(
    "name",
    [
        "4-Grand Piano",
        "1-Kit-Core 808",
        "A-Reverb",
        "B-Saturator | Glue Compressor",
        "2-Tape Recording 3",
        "Audio Bus",
        "audio 19",
        "Kick 2",
        "3-Audio Vox",
    ],
)
def test_names_that_say_something(name):
    assert not is_generic_name(name)


def test_one_finding_per_track_still_named_by_live():
    tracks = [
        make_track("audio", "1-Audio", clips=[audio_clip(0, 8)]),
        make_track("midi", "2-MIDI"),
        make_track("midi", "3-Grand Piano"),  # named after its preset
        make_track("group", "4-Group", id=40),
        make_track("audio", "Vox", user_name="Vox", group_id=40),
        make_track("return", "A-Return"),
        make_track("return", "B-Reverb"),  # named after its effect
        make_track("return", "C-Return", user_name="Return"),  # renamed to Live's bare word
    ]
    assert findings(tracks) == [
        ("1-Audio", GENERIC + "the part it plays"),
        ("2-MIDI", GENERIC + "the part it plays"),
        ("4-Group", GENERIC + "the parts it holds"),
        ("A-Return", GENERIC + "the effect it holds"),
        ("C-Return", GENERIC + "the effect it holds"),
    ]


def test_a_renamed_track_is_never_reported_even_if_it_looks_generated():
    # The user typed "# Audio": Live shows the track number in place of "#".
    assert findings([make_track("audio", "3 Audio", user_name="# Audio")]) == []
    assert findings([make_track("audio", "3-Audio", user_name="3-Audio Vox")]) == []


def test_all_unrenamed_also_reports_names_live_took_from_devices_and_clips():
    tracks = [
        make_track("midi", "1-Grand Piano"),
        make_track("audio", "2-Tape Recording 3"),
        make_track("return", "A-Reverb"),
        make_track("audio", "Lead Vox", user_name="Lead Vox"),
        make_track("audio", "4-Audio"),
    ]
    assert findings(tracks, all_unrenamed=True) == [
        ("1-Grand Piano", UNRENAMED + "the part it plays"),
        ("2-Tape Recording 3", UNRENAMED + "the part it plays"),
        ("A-Reverb", UNRENAMED + "the effect it holds"),
        ("4-Audio", GENERIC + "the part it plays"),
    ]


def test_allow_tracks_and_the_master():
    tracks = [make_track("return", "A-Return"), make_track("audio", "2-Audio")]
    assert findings(tracks, allow_tracks=["*-return"]) == [
        ("2-Audio", GENERIC + "the part it plays")
    ]
    assert findings([]) == []
