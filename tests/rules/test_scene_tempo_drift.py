from array import array

from alslint import testing
from alslint.model import Envelope, Points, Scene
from alslint.testing import make_set, run_rule
from alslint_rules.scene_tempo_drift import SceneTempoDrift


def findings(scenes, tempo=126.0, version="12.3.5", **options):
    live_set = make_set(tempo=tempo, scenes=list(scenes))
    live_set.live_version = version
    return testing.findings(SceneTempoDrift, live_set, **options)


def scene(index, name, tempo=None):
    return Scene(index=index, name=name, tempo=tempo)


def test_scene_tempos_a_small_step_off_the_set_tempo():
    scenes = [
        scene(0, "Intro", 127.0),
        scene(1, "Verse", 127.0),
        scene(2, "Chorus"),
        scene(3, "Drop", 128.0),  # the set's tempo: fine
        scene(4, "Break", 128.35),
    ]
    assert findings(scenes, tempo=128.0) == [
        (
            "scene Intro",
            'Scenes "Intro" and "Verse" set the tempo to 127 BPM, 1 BPM below the set\'s 128 BPM: '
            "launching them changes the tempo by a step too small to be meant; set them to "
            "128 BPM, or switch their tempo off",
        ),
        (
            "scene Break",
            'Scene "Break" sets the tempo to 128.35 BPM, 0.35 BPM above the set\'s 128 BPM: '
            "launching it changes the tempo by a step too small to be meant; set it to 128 BPM, "
            "or switch its tempo off",
        ),
    ]


def test_deliberate_tempo_changes_and_rounding_are_fine():
    scenes = [
        scene(0, "Half time", 63.0),
        scene(1, "Fast", 140.0),
        scene(2, "Next song", 124.0),
        scene(3, "Same", 126.001),  # Live shows 126.00
    ]
    assert findings(scenes) == []
    # 2 BPM off: a deliberate change by default, reported with a wider option.
    assert findings([scene(0, "Lift", 128.0)]) == []
    assert len(findings([scene(0, "Lift", 128.0)], max_difference_bpm=2)) == 1


def test_live_8_to_10_scene_names_carry_the_tempo():
    scenes = [
        scene(0, "intro 125bpm"),
        scene(1, "basso + vocal 125 BPM"),
        scene(2, "basso125bpm"),  # no separate number: Live's reading is not certain
        scene(3, "outro 126bpm"),
        scene(4, "chorus"),
    ]
    assert findings(scenes, version="9.7.2") == [
        (
            "scene intro 125bpm",
            'Scenes "intro 125bpm" and "basso + vocal 125 BPM" set the tempo to 125 BPM, 1 BPM '
            "below the set's 126 BPM: launching them changes the tempo by a step too small to "
            "be meant; set them to 126 BPM, or remove the tempo from their names",
        ),
    ]
    # Live 11+ reads the scene's own tempo, not its name.
    assert findings(scenes, version="11.0.12") == []


def test_many_scenes_are_counted_and_an_automated_tempo_is_not_judged():
    scenes = [scene(i, f"S{i}", 126.5) for i in range(5)]
    assert findings(scenes) == [
        (
            "scene S0",
            'Scenes "S0", "S1" and 3 more set the tempo to 126.5 BPM, 0.5 BPM above the set\'s '
            "126 BPM: launching them changes the tempo by a step too small to be meant; set them "
            "to 126 BPM, or switch their tempo off",
        ),
    ]
    live_set = make_set(tempo=126.0, scenes=scenes)
    live_set.tempo_envelope = Envelope(
        parameter="Tempo",
        owner="Mixer",
        default_value=126.0,
        points=Points(array("d", [0.0, 64.0]), array("d", [126.0, 140.0])),
    )
    assert run_rule(SceneTempoDrift, live_set) == []


def test_corpus_hand_check(corpus_dir):
    # Hand check (issue #21). No Live 11+ corpus set gives a scene its own tempo; Live 8–10
    # sets name scenes with tempos. Read by hand, none is an accident at 1 BPM:
    # Dance-with-Sheriff.als (186 BPM) launches its other songs' scenes at 180, 189 and
    # 190 BPM, Drake (90 BPM) "tempBomba  88bpm", Time4you (137 BPM) "1-1 intro 90bpm" —
    # deliberate tempo changes, not reported; Everest-Radio-Edit (123 BPM) scenes all say
    # "123bpm" ("basso123bpm" is not read: no separate number). With
    # max-difference-bpm = 3, Dance-with-Sheriff's "intro 189bpm" group (12 scenes) and
    # Drake's "tempBomba  88bpm" are reported.
    from conftest import load_model

    for name in (
        "live9.7__FrancoCerone__ElektroWaveEP__Ep__Dance-with-Sheriff__Dance-with-Sheriff.als",
        "live9.2.3__FrancoCerone__ElektroWaveEP__singoli__Drake__24022016.als",
        "live9.7__FrancoCerone__ElektroWaveEP__Ep__Everest__Everest-Radio-Edit.als",
    ):
        assert run_rule(SceneTempoDrift, load_model(corpus_dir / name)) == [], name
    sheriff = load_model(
        corpus_dir
        / "live9.7__FrancoCerone__ElektroWaveEP__Ep__Dance-with-Sheriff__Dance-with-Sheriff.als"
    )
    wider = [str(f.location) for f in run_rule(SceneTempoDrift, sheriff, max_difference_bpm=3)]
    assert wider == ["scene intro 189bpm"]
