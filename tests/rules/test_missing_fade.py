from alslint import testing
from alslint.model import Loop, SampleRef, WarpMarker
from alslint.testing import audio_clip, make_set, make_track, run_rule
from alslint_rules.missing_fade import MissingFade

# A 4-second sample at 44.1 kHz; at 120 BPM one beat is half a second.
SAMPLE = SampleRef(name="hit.wav", duration_samples=176400, sample_rate=44100.0)
WARP = [WarpMarker(0.0, 0.0), WarpMarker(2.0, 4.0)]


def clip(start, end, *, offset=0.0, looped=False, **fades):
    base = audio_clip(start, end, "Hit", looped=looped, **fades)
    return base.model_copy(
        update={
            "loop": Loop(on=looped, start=offset, end=offset + end - start),
            "sample": SAMPLE,
            "warp_markers": WARP,
        }
    )


def findings(clips, **options):
    live_set = make_set([make_track("audio", "Perc", clips=clips)])
    return testing.findings(MissingFade, live_set, **options)


NO_FADES = dict(default_fades=False, fade_switch=False)


def test_cut_at_both_edges_without_fades():
    assert findings([clip(16, 20, offset=2, **NO_FADES)]) == [
        (
            'Perc › clip "Hit" @ bar 5',
            "Clip cuts into its sample at both edges with no fade-in or fade-out: it may click",
        ),
    ]


def test_clip_from_sample_start_needs_no_fade_in():
    assert findings([clip(0, 4, **NO_FADES)]) == [
        ('Perc › clip "Hit" @ bar 1', "Clip ends inside its sample with no fade-out: it may click")
    ]


def test_clip_to_sample_end_needs_no_fade_out():
    # Offset 4 beats = 2 s; 4 beats more = 4 s, the end of the sample.
    assert findings([clip(0, 4, offset=4, **NO_FADES)]) == [
        (
            'Perc › clip "Hit" @ bar 1',
            "Clip starts 0:02.0 into its sample with no fade-in: it may click",
        )
    ]


def test_whole_sample_needs_no_fades():
    assert findings([clip(0, 8, **NO_FADES)]) == []


def test_looped_clip_always_needs_a_fade_out():
    assert findings([clip(0, 32, looped=True, **NO_FADES)]) == [
        (
            'Perc › clip "Hit" @ bars 1–8',
            "Clip ends inside its sample with no fade-out: it may click",
        )
    ]


def test_live_default_fades_count_unless_disabled_by_option():
    default = clip(16, 20, offset=2, default_fades=True, fade_switch=True)
    assert findings([default]) == []
    assert len(findings([default], accept_default_fades=False)) == 1


def test_default_fade_state_with_fade_switch_off_is_no_fade():
    assert len(findings([clip(16, 20, offset=2, default_fades=True, fade_switch=False)])) == 1


def test_hand_drawn_fades_count_and_min_length_applies():
    drawn = clip(16, 20, offset=2, fade_in=0.01, fade_out=0.01, **NO_FADES)  # 5 ms at 120 BPM
    assert findings([drawn]) == []
    assert findings([drawn], min_fade_ms=10) == [
        (
            'Perc › clip "Hit" @ bar 5',
            "Clip cuts into its sample at both edges with no fade-in or fade-out: it may click",
        ),
    ]


def test_unwarped_clip_markers_are_seconds():
    unwarped = clip(0, 4, offset=1.0, **NO_FADES).model_copy(update={"warped": False})
    # Starts 1 s in and plays 2 s (4 beats at 120 BPM): ends at 3 s, inside the 4 s sample.
    assert findings([unwarped]) == [
        (
            'Perc › clip "Hit" @ bar 1',
            "Clip cuts into its sample at both edges with no fade-in or fade-out: it may click",
        ),
    ]


def test_disabled_clips_and_switched_off_tracks_are_skipped():
    live_set = make_set(
        [
            make_track("audio", "Off", clips=[clip(0, 4, offset=2, **NO_FADES)], on=False),
            make_track("audio", "On", clips=[clip(0, 4, offset=2, disabled=True, **NO_FADES)]),
        ]
    )
    assert run_rule(MissingFade, live_set) == []


def test_crossfades_are_fades():
    # Issue #13: the first clip's fade-out (1 beat) is longer than the gap (0): the two clips
    # crossfade, so the second needs no fade-in of its own. The third starts a bar later,
    # after the second's fade-out ended: it does.
    first = clip(16, 20, offset=0, fade_out=1.0, **NO_FADES)
    second = clip(20, 24, offset=1, fade_out=0.25, **NO_FADES)
    third = clip(28, 32, offset=1, fade_out=0.25, **NO_FADES)
    assert findings([first, second, third]) == [
        (
            'Perc › clip "Hit" @ bar 8',
            "Clip starts 500 ms into its sample with no fade-in: it may click",
        ),
    ]


def test_live_crossfade_state_counts_as_a_fade_in():
    first = clip(16, 20, offset=0, fade_out=0.25, **NO_FADES)
    second = clip(20, 24, offset=1, fade_out=0.25, **NO_FADES)
    second = second.model_copy(
        update={"fades": second.fades.model_copy(update={"crossfade_in": True})}
    )
    assert findings([first, second]) == []
