"""alslint.activity: which tracks sound in which bar."""

from array import array

from corpus_lookup import corpus_set

import alslint
from alslint.activity import (
    bar_runs,
    song_bars,
    song_span,
    sounding_bars,
    sounding_clips,
    tracks_per_bar,
)
from alslint.model import Envelope, Points
from alslint.testing import audio_clip, make_set, make_track, midi_clip

NOTE = [(60, 0.0, 1.0)]


def bars(start_bar, end_bar, name="Clip"):
    """An audio clip over whole 4/4 bars, `end_bar` exclusive."""
    return audio_clip((start_bar - 1) * 4.0, (end_bar - 1) * 4.0, name)


def signature_change(beat, code):
    """A time-signature envelope switching to Live's signature `code` at `beat`."""
    return Envelope(
        parameter="TimeSignature",
        owner="Mixer",
        default_value=201.0,
        points=Points(array("d", [beat]), array("d", [float(code)])),
    )


def names(live_set, indexes):
    return sorted(live_set.tracks[index].name for index in indexes)


def test_only_audible_clips_on_audio_and_midi_tracks_sound():
    live_set = make_set(
        [
            make_track("audio", "Drums", clips=[bars(1, 5, "Beat")]),
            make_track(
                "midi",
                "Keys",
                clips=[midi_clip(0, 8, "Chords", notes=NOTE), midi_clip(8, 16, "Empty")],
            ),
            make_track("audio", "Off", clips=[bars(1, 5)], on=False),
            make_track("group", "Muted Group", id=60, on=False),
            make_track("audio", "Inside", clips=[bars(1, 5)], group_id=60),
            make_track("audio", "Disabled", clips=[audio_clip(0, 16, disabled=True)]),
            make_track("audio", "Zero", clips=[audio_clip(4, 4)]),
            make_track("midi", "Ghost", clips=[midi_clip(0, 8, notes=[(60, 0.0, 1.0)])]),
        ]
    )
    live_set.tracks[7].arrangement_clips[0].notes.enabled[0] = False
    assert [(track.name, clip.name) for track, clip in sounding_clips(live_set)] == [
        ("Drums", "Beat"),
        ("Keys", "Chords"),
    ]


def test_session_clips_do_not_sound_in_the_arrangement():
    track = make_track("audio", "Loops", session_clips=[audio_clip(0, 16)])
    live_set = make_set([track])
    assert sounding_clips(live_set) == []
    assert song_span(live_set) is None
    assert song_bars(live_set, live_set.timeline()) is None
    assert sounding_bars(live_set, live_set.timeline()) == {}
    assert tracks_per_bar(live_set, live_set.timeline()) == {}


def test_a_clip_sounds_in_every_bar_it_touches_but_not_past_its_end():
    live_set = make_set(
        [
            make_track("audio", "Pad", clips=[bars(2, 4)]),  # bars 2–3, ends on a bar line
            make_track("audio", "Crash", clips=[audio_clip(13.0, 14.0)]),  # one beat in bar 4
        ]
    )
    playing = sounding_bars(live_set, live_set.timeline())
    assert {bar: names(live_set, tracks) for bar, tracks in playing.items()} == {
        2: ["Pad"],
        3: ["Pad"],
        4: ["Crash"],
    }
    assert song_span(live_set) == (4.0, 14.0)
    assert song_bars(live_set, live_set.timeline()) == (2, 4)


def test_tracks_per_bar_counts_silent_bars_between_first_and_last():
    live_set = make_set(
        [
            make_track("audio", "Drums", clips=[bars(3, 5), bars(8, 9)]),
            make_track("audio", "Bass", clips=[bars(4, 5)]),
        ]
    )
    assert tracks_per_bar(live_set, live_set.timeline()) == {3: 1, 4: 2, 5: 0, 6: 0, 7: 0, 8: 1}


def test_bars_follow_time_signature_changes():
    # 4/4 for two bars (8 beats), then 3/4 (code 200): bar 3 starts at beat 8, bar 4 at 11.
    live_set = make_set(
        [make_track("audio", "Waltz", clips=[audio_clip(8.0, 14.0)])],
        time_signature_envelope=signature_change(8.0, 200),
    )
    timeline = live_set.timeline()
    assert sorted(sounding_bars(live_set, timeline)) == [3, 4]
    assert song_bars(live_set, timeline) == (3, 4)


def test_bar_runs_merges_consecutive_bars():
    assert bar_runs([9, 3, 4, 5, 4]) == [(3, 5), (9, 9)]
    assert bar_runs([]) == []


# -- real sets (the reference corpus; skipped when it is missing, except under CI=true) ------


def _corpus_set(name):
    return alslint.load(corpus_set(name))


def test_corpus_glitchy_in_three_four():
    # Checked by hand: 3/4; three tracks for 16 bars, a fourth joins until bar 35, drops out
    # for bars 36–38 and comes back to the end of bar 64.
    live_set = _corpus_set("live10.1.7__BillMoriarty__song-glitchy__glitchy.als")
    counts = tracks_per_bar(live_set, live_set.timeline())
    expected = {bar: 3 if bar <= 16 or 36 <= bar <= 38 else 4 for bar in range(1, 65)}
    assert counts == expected


def test_corpus_9lives_sketch_with_holes():
    # Nothing sounds before bar 36; two holes between the loops at bars 39–40 and 43–52.
    live_set = _corpus_set("live9.7.5__KaiMohr__beatz__9lives-Project__9lives.als")
    timeline = live_set.timeline()
    assert song_bars(live_set, timeline) == (36, 101)
    counts = tracks_per_bar(live_set, timeline)
    assert bar_runs(bar for bar, count in counts.items() if count == 0) == [(39, 40), (43, 52)]
