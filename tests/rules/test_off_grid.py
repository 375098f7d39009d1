import pytest

from alslint.model import Loop
from alslint.testing import audio_clip, make_set, make_track, midi_clip, run_rule
from alslint_rules.off_grid import OffGrid, grid_label

# 120 BPM: one beat is 500 ms, so 0.04 beats = 20 ms and 0.02 beats = 10 ms.
QUANTIZED = [(36, beat, 0.25) for beat in (0, 1, 2, 3, 4, 5, 6, 7)]
FIX_NOTES = "quantize them unless they are meant to be loose"
FIX_NOTE = "quantize it unless it is meant to be loose"
FIX_MOVE = "move it onto the grid unless that is deliberate"
FIX_TRIM = "trim it to the grid unless that is deliberate"
# A long clip on another track, so that no tested clip ends where the song ends.
SONG = make_track("audio", "Pad", clips=[audio_clip(0, 256, "Pad")])


def findings(clips, kind="midi", **options):
    live_set = make_set([make_track(kind, "Drums", clips=clips), SONG])
    return [(str(f.location), f.message) for f in run_rule(OffGrid, live_set, **options)]


def beat_clip(notes, start=0.0, end=8.0, **kwargs):
    return midi_clip(start, end, "Beat", notes=notes, **kwargs)


def test_a_stray_note_in_a_quantized_clip():
    clip = beat_clip(QUANTIZED + [(38, 6.54, 0.25)], start=16, end=24)
    assert findings([clip]) == [
        (
            'Drums › clip "Beat" @ bars 5–6',
            "1 of 9 notes starts off the 1/16 grid (up to 20 ms, bar 6) while the rest are "
            f"quantized: {FIX_NOTE}",
        ),
    ]


def test_several_stray_notes_list_their_bars():
    clip = beat_clip(QUANTIZED + [(38, 0.53, 0.1), (38, 4.46, 0.1)], end=16)
    assert findings([clip]) == [
        (
            'Drums › clip "Beat" @ bars 1–4',
            "2 of 10 notes start off the 1/16 grid (up to 20 ms, bars 1, 2) while the rest are "
            f"quantized: {FIX_NOTES}",
        ),
    ]


def test_played_loose_clips_are_left_alone():
    loose = [(36, beat + offset, 0.25) for beat, offset in zip(range(10), [0.03, -0.05, 0.02] * 4)]
    assert findings([beat_clip(loose, end=12)]) == []


def test_tolerance_and_min_quantized():
    near = beat_clip(QUANTIZED + [(38, 6.51, 0.25)])  # 5 ms off
    assert findings([near]) == []
    assert len(findings([near], tolerance_ms=2)) == 1
    # 8 of 11 notes quantized (73 %): below the default 75 %, checked with a lower share.
    three = beat_clip(QUANTIZED + [(38, t, 0.1) for t in (1.54, 3.54, 5.54)])
    assert findings([three]) == []
    assert len(findings([three], min_quantized=0.7)) == 1


def test_finer_snapped_positions_are_deliberate():
    # 1/32 notes, 1/16 triplets and a 1/64 note are placed with a finer snap, not loose.
    fine = beat_clip(
        QUANTIZED
        + [(42, 1.125, 0.1), (42, 2 + 1 / 6, 0.1), (42, 3 + 1 / 3, 0.1), (42, 4.0625, 0.1)]
    )
    assert findings([fine]) == []


def test_grid_option_and_labels():
    eighths = [(36, beat * 0.5, 0.25) for beat in range(8)]
    clip = beat_clip(eighths + [(38, 3.29, 0.1)])  # on no division of a 1/8 grid
    assert findings([clip], grid=0.5) == [
        (
            'Drums › clip "Beat" @ bars 1–2',
            "1 of 9 notes starts off the 1/8 grid (up to 105 ms, bar 1) while the rest are "
            f"quantized: {FIX_NOTE}",
        ),
    ]
    assert [grid_label(g) for g in (1, 0.5, 0.25, 0.125, 1 / 6, 1 / 3, 0.3)] == [
        "1/4",
        "1/8",
        "1/16",
        "1/32",
        "1/16T",
        "1/8T",
        "0.3-beat",
    ]


def test_small_clips_muted_notes_and_notes_that_never_play():
    few = beat_clip(QUANTIZED[:5] + [(38, 2.54, 0.1)])
    assert findings([few]) == []
    assert len(findings([few], min_notes=4)) == 1
    muted = beat_clip(QUANTIZED + [(38, 6.54, 0.1)])
    muted.notes.enabled[-1] = 0
    assert findings([muted]) == []
    # The clip plays only its first 4 beats: the stray note at 6.54 is never heard.
    cut = beat_clip(QUANTIZED + [(38, 6.54, 0.1)], end=4, looped=False)
    cut = cut.model_copy(update={"loop": Loop(on=False, start=0.0, end=8.0)})
    assert findings([cut], min_notes=4) == []


def test_looped_clip_reports_where_a_note_is_first_heard():
    # Loop 0–8, start marker at beat 4: the stray note at 1.54 is first heard on the second
    # pass, 4 beats after the clip starts at beat 32 plus 1.54: bar 10.
    clip = beat_clip(QUANTIZED + [(38, 1.54, 0.1)], start=32, end=64)
    clip = clip.model_copy(update={"loop": Loop(on=True, start=0.0, end=8.0, start_relative=4.0)})
    assert findings([clip]) == [
        (
            'Drums › clip "Beat" @ bars 9–16',
            "1 of 9 notes starts off the 1/16 grid (up to 20 ms, bar 10) while the rest are "
            f"quantized: {FIX_NOTE}",
        ),
    ]


def test_clip_moved_off_the_grid_with_its_content():
    moved = beat_clip(QUANTIZED, start=15.96, end=23.96)
    assert findings([moved]) == [
        (
            'Drums › clip "Beat" @ bars 4–6',
            f"Clip is placed 20 ms before the 1/16 grid, so everything in it plays 20 ms early: {FIX_MOVE}",
        ),
    ]


def test_trimmed_edges_just_off_the_grid():
    # Content stays on the grid (start marker moved with the edge): only the cut is off.
    trimmed = beat_clip(QUANTIZED, start=31.96, end=40.02)
    trimmed = trimmed.model_copy(update={"loop": Loop(on=False, start=15.96, end=24.02)})
    assert findings([trimmed]) == [
        (
            'Drums › clip "Beat" @ bars 8–11',
            f"Clip starts 20 ms before and ends 10 ms after the 1/16 grid: {FIX_TRIM}",
        ),
    ]
    late_end = beat_clip(QUANTIZED, start=0, end=8.05)
    assert findings([late_end]) == [
        ('Drums › clip "Beat" @ bars 1–3', f"Clip ends 25 ms after the 1/16 grid: {FIX_TRIM}"),
    ]


def test_edges_far_off_snapped_or_at_the_song_end_are_deliberate():
    far = beat_clip(QUANTIZED, start=16.1, end=24.1)  # 50 ms: more than edge-max-ms
    snapped = beat_clip(QUANTIZED, start=32.0625, end=40.0625)  # on the 1/64 grid
    assert findings([far, snapped]) == []
    assert len(findings([far], edge_max_ms=60)) == 1
    live_set = make_set([make_track("midi", "Outro", clips=[beat_clip(QUANTIZED, end=8.02)])])
    assert run_rule(OffGrid, live_set) == []


def test_audio_clips_edges_unless_unwarped():
    recorded = audio_clip(16, 24.03, "Take")
    assert findings([recorded], kind="audio") == [
        ('Drums › clip "Take" @ bars 5–7', f"Clip ends 15 ms after the 1/16 grid: {FIX_TRIM}"),
    ]
    unwarped = recorded.model_copy(update={"warped": False})
    assert findings([unwarped], kind="audio") == []
    assert findings([recorded], kind="audio", check_edges=False) == []


def test_edges_and_notes_make_one_finding_per_clip():
    clip = beat_clip(QUANTIZED + [(38, 6.54, 0.25)], start=8, end=16.05)
    assert findings([clip]) == [
        (
            'Drums › clip "Beat" @ bars 3–5',
            f"Clip ends 25 ms after the 1/16 grid: {FIX_TRIM}; 1 of 9 notes starts off the 1/16 "
            f"grid (up to 20 ms, bar 4) while the rest are quantized: {FIX_NOTE}",
        ),
    ]


@pytest.mark.parametrize("where", ["disabled", "track off", "allowed"])
def test_skipped_clips_and_tracks(where):
    clip = beat_clip(
        QUANTIZED + [(38, 6.54, 0.25)], start=15.96, end=23.96, disabled=where == "disabled"
    )
    live_set = make_set([make_track("midi", "Drums", clips=[clip], on=where != "track off"), SONG])
    options = {"allow_tracks": ["drum*"]} if where == "allowed" else {}
    assert run_rule(OffGrid, live_set, **options) == []
