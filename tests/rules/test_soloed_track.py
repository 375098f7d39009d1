from alslint import testing
from alslint.model import Mixer
from alslint.testing import audio_clip, make_set, make_track
from alslint_rules.soloed_track import SoloedTrack

MESSAGE = (
    "Track is left soloed: the tracks that are not soloed stay silent in playback and "
    "in an export; unsolo it"
)


def findings(live_set, **options):
    return testing.findings(SoloedTrack, live_set, **options)


def test_one_finding_per_soloed_track_of_any_kind():
    live_set = make_set(
        [
            make_track("audio", "Kick", clips=[audio_clip(0, 16)], mixer=Mixer(solo=True)),
            make_track("audio", "Snare", clips=[audio_clip(0, 16)]),
            make_track("group", "Drums", mixer=Mixer(solo=True)),
            make_track("return", "A-Reverb", mixer=Mixer(solo=True)),
        ]
    )
    assert findings(live_set) == [("Kick", MESSAGE), ("Drums", MESSAGE), ("A-Reverb", MESSAGE)]


def test_switched_off_soloed_track_is_still_reported():
    # Solo silences the others whether or not the soloed track itself plays.
    live_set = make_set([make_track("midi", "Lead", mixer=Mixer(solo=True, on=False))])
    assert findings(live_set) == [("Lead", MESSAGE)]


def test_nothing_soloed_and_master_never_reported():
    live_set = make_set([make_track("audio", "Vox", clips=[audio_clip(0, 4)])])
    live_set.master.mixer = Mixer(solo=True)
    assert findings(live_set) == []
