"""`alslint diff` pairs tracks whose automatic names collide by what they hold (issue #13)."""

from alslint.gitdiff.compare import diff_sets
from alslint.testing import audio_clip, make_set, make_track


def test_diff_pairs_tracks_with_colliding_automatic_names_by_content():
    # Issue #13: "5-Audio" was deleted and a new "7-Audio" added above "4-Audio", which still
    # plays the same recording. Live's automatic names all read "Audio" once numbers go.
    from alslint.model import SampleRef

    def take(name, start, sample):
        return audio_clip(start, start + 16, name).model_copy(
            update={"sample": SampleRef(name=sample, path=f"/p/{sample}")}
        )

    kick = make_track("audio", "4-Audio", clips=[take("Kick", 0, "kick.wav")])
    old = make_set(
        [
            make_track("audio", "Bass", clips=[take("Bass", 0, "bass.wav")]),
            kick,
            make_track("audio", "5-Audio", clips=[take("Snare", 16, "snare.wav")]),
        ]
    )
    new = make_set(
        [
            make_track("audio", "Bass", clips=[take("Bass", 0, "bass.wav")]),
            make_track("audio", "7-Audio", clips=[take("Perc", 32, "perc.wav")]),
            kick,
        ]
    )
    changes = [(c.kind, c.track, c.message) for c in diff_sets(old, new).changes]
    assert changes == [
        ("track-added", "7-Audio", "added"),
        ("track-removed", "5-Audio", "removed"),
    ]
