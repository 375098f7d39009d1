from array import array

from alslint import testing
from alslint.model import Envelope, Points, SampleRef, WarpMarker
from alslint.testing import audio_clip, make_set, make_track, run_rule
from alslint_rules.overstretched_audio import OverstretchedAudio

ADVICE = (
    "stretching this far smears transients and adds artifacts; use material closer to the "
    "set's tempo, or resample it at the set's tempo with a better warp mode"
)


def warped(start, end, source_bpm, file="Loop.wav", name="Loop", markers=2, **fields):
    """A warped clip whose file plays at `source_bpm` before warping (one beat = 60/bpm s)."""
    points = [
        WarpMarker(seconds=beat * 60.0 / source_bpm, beat=float(beat)) for beat in range(markers)
    ]
    points[-1] = WarpMarker(seconds=16 * 60.0 / source_bpm, beat=16.0)
    return audio_clip(start, end, name).model_copy(
        update={"sample": SampleRef(name=file), "warp_markers": points, **fields}
    )


def findings(tracks, tempo=120.0, **options):
    live_set = make_set(tracks, tempo=tempo)
    return testing.findings(OverstretchedAudio, live_set, **options)


def test_clips_warped_far_from_the_set_tempo():
    tracks = [
        make_track("audio", "Break", clips=[warped(0, 16, 90.0, "Break.wav", "Break")]),
        make_track("audio", "Pad", clips=[warped(0, 16, 160.0, "Pad.wav", "Pad")]),
        make_track("audio", "Drums", clips=[warped(0, 16, 126.0, "Drums.wav", "Drums")]),
    ]
    assert findings(tracks) == [
        (
            'Break › clip "Break" @ bars 1–4',
            f'"Break.wav" is warped from 90 BPM to the set\'s 120 BPM and plays 33 % faster '
            f"than it was recorded: {ADVICE}",
        ),
        (
            'Pad › clip "Pad" @ bars 1–4',
            f'"Pad.wav" is warped from 160 BPM to the set\'s 120 BPM and plays 25 % slower '
            f"than it was recorded: {ADVICE}",
        ),
    ]


def test_repeated_clips_of_one_file_are_one_finding():
    clips = [warped(start, start + 16, 90.0, "Break.wav", "Break") for start in (0, 32, 64)]
    assert findings([make_track("audio", "Break", clips=clips)]) == [
        (
            'Break › clip "Break" @ bars 1–4',
            f'"Break.wav" (3 clips, bars 1–4, 9–12, 17–20) is warped from 90 BPM to the set\'s '
            f"120 BPM and plays 33 % faster than it was recorded: {ADVICE}",
        ),
    ]


def test_what_is_not_judged():
    tracks = [
        make_track(
            "audio",
            "Mixed",
            clips=[
                warped(0, 16, 90.0, warped=False),  # unwarped: plays at its own speed
                warped(16, 32, 240.0),  # exactly half speed: a deliberate half-time
                warped(32, 48, 60.0),  # exactly double speed
                warped(48, 64, 90.0, disabled=True),
                warped(64, 80, 90.0).model_copy(update={"warp_markers": []}),
            ],
        ),
        make_track("audio", "Off", on=False, clips=[warped(0, 16, 90.0)]),
    ]
    assert findings(tracks) == []
    # The option.
    assert (
        findings(
            [make_track("audio", "Drums", clips=[warped(0, 16, 126.0)])], max_stretch_percent=4
        )
        != []
    )


def test_an_automated_tempo_is_not_judged():
    live_set = make_set([make_track("audio", "Break", clips=[warped(0, 16, 90.0)])], tempo=120.0)
    live_set.tempo_envelope = Envelope(
        parameter="Tempo",
        owner="Mixer",
        default_value=120.0,
        points=Points(array("d", [0.0, 64.0]), array("d", [120.0, 90.0])),
    )
    assert run_rule(OverstretchedAudio, live_set) == []


def test_corpus_hand_check(corpus_dir):
    # Hand check (issue #21), with the file names as evidence of the files' own tempos:
    # - Dance-with-Sheriff.als (186 BPM): "Dubstep Burial-128bpm.aif" has warp markers at
    #   128 BPM and plays 45 % faster on "Tremolo" and "DIST+REV"; "Tabla and Dolak-85bpm.aif"
    #   in India_Bounce.als (210 BPM) is warped from 170 BPM (its tempo counted double): 24 %;
    # - Drake (90 BPM): "Drake - Hotline Bling.mp3" warped from 134.66 BPM, 33 % slower.
    # Not reported: the 180-BPM bounces of the same Drake set ("0083 drum1.aif" and others)
    # played at exactly half speed, and the 7 % stretches common in the corpus (loops at
    # 120 BPM in 128 BPM sets). 33 findings in 7 sets; sets with tempo automation are skipped.
    from conftest import load_model

    def run(name):
        live_set = load_model(corpus_dir / name)
        return testing.findings(OverstretchedAudio, live_set)

    sheriff = run(
        "live9.7__FrancoCerone__ElektroWaveEP__Ep__Dance-with-Sheriff__Dance-with-Sheriff.als"
    )
    assert (
        'Tremolo › clip "Dubstep Burial-128bpm" @ bars 34–49',
        '"Dubstep Burial-128bpm.aif" (4 clips, bars 34–49, 50–65, 65–81, 89–105) is warped '
        "from 128 BPM to the set's 186 BPM and plays 45 % faster than it was recorded: "
        f"{ADVICE}",
    ) in sheriff
    drake = run("live9.2.3__FrancoCerone__ElektroWaveEP__singoli__Drake__24022016.als")
    assert not [f for f in drake if "drum1" in f[1]]
    assert sum("Hotline Bling" in message for _, message in drake) == 3
