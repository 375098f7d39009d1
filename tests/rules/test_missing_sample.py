import os

import pytest

from alslint import testing
from alslint.model import SampleRef, Scene
from alslint.testing import audio_clip, make_set, make_track, midi_clip
from alslint_rules.missing_sample import MissingSample

SET = "/music/Song Project/Song.als"
KICK_ABS = "/Users/ann/Music/Song Project/Samples/Imported/kick.wav"
KICK_REL = "Samples/Imported/kick.wav"

posix_only = pytest.mark.skipif(os.name == "nt", reason="POSIX paths in the expectations")


def ref(path=KICK_ABS, relative=KICK_REL, kind=3, pack=None):
    name = (path or relative).rsplit("/", 1)[-1]
    return SampleRef(
        name=name, path=path, relative_path=relative, relative_path_type=kind, live_pack_name=pack
    )


def clip(start, end, sample, name="Kick"):
    return audio_clip(start, end, name).model_copy(update={"sample": sample})


def findings(tracks, existing=(), set_path=SET, **options):
    live_set = make_set(tracks, path=set_path, **options.pop("set_fields", {}))
    return testing.findings(MissingSample, live_set, existing_files=existing, **options)


KICK_TRACKS = [make_track("audio", "Kick", clips=[clip(0, 16, ref())])]


@posix_only
def test_found_at_its_absolute_path():
    assert findings(KICK_TRACKS, existing=[KICK_ABS]) == []


@posix_only
def test_moved_project_is_found_through_the_relative_path():
    assert findings(KICK_TRACKS, existing=["/music/Song Project/Samples/Imported/kick.wav"]) == []


PROJECT_INFO = "/music/Song Project/Ableton Project Info/Project8_1.cfg"


@posix_only
def test_set_in_backup_or_a_sub_folder_finds_the_samples_of_its_project_folder():
    existing = ["/music/Song Project/Samples/Imported/kick.wav", PROJECT_INFO]
    backup = "/music/Song Project/Backup/Song [2024-05-01 120000].als"
    assert findings(KICK_TRACKS, existing=existing, set_path=backup) == []
    nested = "/music/Song Project/Sets/Mixdown/Song.als"
    assert findings(KICK_TRACKS, existing=existing, set_path=nested) == []


@posix_only
def test_without_a_project_folder_only_the_sets_own_folder_is_searched():
    # No `Ableton Project Info` above the set: the set's folder is the project folder, and a
    # file that happens to lie at the same relative path higher up is not Live's.
    existing = ["/music/Song Project/Samples/Imported/kick.wav"]
    nested = "/music/Song Project/Sets/Song.als"
    assert findings(KICK_TRACKS, existing=existing, set_path=nested) == [
        (
            'Kick › clip "Kick" @ bars 1–4',
            "Samples/Imported/kick.wav (used by 1 clip on Kick) is missing",
        ),
    ]
    assert (
        findings(KICK_TRACKS, existing=["/music/Song Project/Sets/" + KICK_REL], set_path=nested)
        == []
    )


@posix_only
def test_a_stored_path_that_is_not_absolute_is_never_looked_up_in_the_current_folder():
    # Live 11+ stores some paths relative ("Samples/Combined/Normal.aif"): looking them up as
    # they are would depend on the folder alslint runs in.
    relative_only = ref("Samples/Imported/kick.wav", None, kind=0)
    tracks = [make_track("audio", "Kick", clips=[clip(0, 16, relative_only)])]
    assert findings(tracks, existing=["Samples/Imported/kick.wav"]) == [
        (
            'Kick › clip "Kick" @ bars 1–4',
            "Samples/Imported/kick.wav (used by 1 clip on Kick) is missing",
        ),
    ]


@posix_only
def test_one_finding_per_missing_file_listing_its_clips_and_tracks():
    kick = ref()
    tracks = [
        make_track("audio", "Kick", clips=[clip(16, 32, kick), clip(48, 64, kick)]),
        make_track("audio", "Perc", clips=[clip(0, 8, kick, "Kick Ghost")]),
        make_track(
            "audio", "Snare", clips=[clip(0, 8, ref(None, "Samples/Recorded/snare.wav"), "Snare")]
        ),
    ]
    assert findings(tracks) == [
        (
            'Kick › clip "Kick" @ bars 5–8',
            "Samples/Imported/kick.wav (used by 3 clips on Kick, Perc) is missing",
        ),
        (
            'Snare › clip "Snare" @ bars 1–2',
            "Samples/Recorded/snare.wav (used by 1 clip on Snare) is missing",
        ),
    ]


@posix_only
def test_live_8_to_10_relative_path_going_up_from_the_project_folder():
    # Parsed from <RelativePathElement Dir="" /> <RelativePathElement Dir="Shared" />.
    pad = ref("/Users/ann/Music/Shared/pad.aif", "../Shared/pad.aif", kind=1)
    tracks = [make_track("audio", "Pad", clips=[clip(0, 32, pad, "Pad")])]
    assert findings(tracks, existing=["/music/Shared/pad.aif"]) == []
    # Outside the project: the message shows the absolute path as saved.
    assert findings(tracks) == [
        (
            'Pad › clip "Pad" @ bars 1–8',
            "/Users/ann/Music/Shared/pad.aif (used by 1 clip on Pad) is missing",
        ),
    ]


@posix_only
def test_relative_path_climbing_above_the_root_gives_no_candidate():
    far = ref(None, "../../../../../../../Music/ref.mp3", kind=1)
    tracks = [make_track("audio", "Ref", clips=[clip(0, 4, far, "Ref")])]
    assert findings(tracks, existing=["/Music/ref.mp3"]) == [
        (
            'Ref › clip "Ref" @ bar 1',
            "../../../../../../../Music/ref.mp3 (used by 1 clip on Ref) is missing",
        ),
    ]


@posix_only
def test_windows_path_does_not_crash_and_the_relative_path_still_finds_it():
    haptic = ref("C:/Users/REI/Downloads/hapticmusic.aif", "../Downloads/hapticmusic.aif", kind=1)
    tracks = [make_track("audio", "1-hapticmusic", clips=[clip(0, 8, haptic, "hapticmusic")])]
    # A C:/ path cannot exist on macOS/Linux: it is not looked up (not even as a relative path).
    assert findings(tracks, existing=["C:/Users/REI/Downloads/hapticmusic.aif"]) == [
        (
            '1-hapticmusic › clip "hapticmusic" @ bars 1–2',
            "C:/Users/REI/Downloads/hapticmusic.aif (used by 1 clip on 1-hapticmusic) is missing",
        ),
    ]
    assert findings(tracks, existing=["/music/Downloads/hapticmusic.aif"]) == []


@posix_only
def test_pack_content_is_reported_apart_and_never_looked_up_in_the_project():
    conga = ref(
        "/Applications/Ableton Live 10 Suite.app/Contents/App-Resources/Core Library/"
        "Samples/Drums/Conga/A-Conga Hi Muted 1.aif",
        "Samples/Drums/Conga/A-Conga Hi Muted 1.aif",
        kind=5,
        pack="Core Library",
    )
    tracks = [
        make_track(
            "audio", "Conga", clips=[clip(0, 4, conga, "Conga"), clip(8, 12, conga, "Conga")]
        )
    ]
    in_project = "/music/Song Project/Samples/Drums/Conga/A-Conga Hi Muted 1.aif"
    assert findings(tracks, existing=[in_project]) == [
        (
            'Conga › clip "Conga" @ bar 1',
            'Samples/Drums/Conga/A-Conga Hi Muted 1.aif from the Live pack "Core Library" (used by '
            "2 clips on Conga) was not found at its saved location: is it installed on this computer?",
        ),
    ]
    assert findings(tracks, existing=[conga.path]) == []
    assert findings(tracks, check_packs=False) == []


@posix_only
def test_live_8_library_content_is_reported_as_library_content():
    tabata = ref(
        "/Users/b/Library/Application Support/Ableton/Library/Samples/Tremors/Kick.aif",
        "Samples/Tremors/Kick.aif",
        kind=2,
    )
    tracks = [make_track("audio", "1-Audio", clips=[clip(0, 4, tabata)])]
    assert findings(tracks) == [
        (
            '1-Audio › clip "Kick" @ bar 1',
            "Samples/Tremors/Kick.aif from the Live Library (used by 1 clip on 1-Audio) was not found "
            "at its saved location: is it installed on this computer?",
        ),
    ]


@posix_only
def test_session_clips_are_located_by_scene_and_midi_or_sampleless_clips_ignored():
    session = clip(0, 8, ref(None, "Samples/Recorded/0001 Vox.aif"), "Vox").model_copy(
        update={"scene_index": 1}
    )
    tracks = [
        make_track("audio", "Vox", session_clips=[session]),
        make_track("audio", "Empty", clips=[audio_clip(0, 4)]),  # no sample reference
        make_track("midi", "Keys", clips=[midi_clip(0, 4)]),
    ]
    scenes = [Scene(index=0, name="Intro"), Scene(index=1, name="Verse")]
    assert findings(tracks, set_fields={"scenes": scenes}) == [
        (
            'Vox › clip "Vox" › scene "Verse"',
            "Samples/Recorded/0001 Vox.aif (used by 1 clip on Vox) is missing",
        ),
    ]


@posix_only
def test_many_tracks_are_summarised():
    shared = ref()
    tracks = [make_track("audio", f"Kick {n}", clips=[clip(0, 4, shared)]) for n in range(1, 7)]
    [(_, message)] = findings(tracks)
    assert message == (
        "Samples/Imported/kick.wav (used by 6 clips on Kick 1, Kick 2, Kick 3, Kick 4 "
        "and 2 more tracks) is missing"
    )


@posix_only
def test_set_path_relative_to_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    existing = [str(tmp_path / "Song Project" / "Samples" / "Imported" / "kick.wav")]
    assert findings(KICK_TRACKS, existing=existing, set_path="Song Project/Song.als") == []


# Network paths: never opened (Windows would contact the server and send the user's NTLM
# hash), reported as on another machine.

NETWORK_PATHS = [
    "\\\\server\\share\\Samples\\kick.wav",
    "//server/share/Samples/kick.wav",
    "\\\\?\\UNC\\server\\share\\Samples\\kick.wav",
    "smb://server/share/Samples/kick.wav",
    "file://server/share/Samples/kick.wav",
]


def _asked(tracks, existing=()):
    """The findings, and every path the rule asked the file system about."""
    from pathlib import Path

    from alslint.api import Context

    asked = []

    def file_exists(path):
        asked.append(str(path))
        return str(path) in existing

    live_set = make_set(tracks, path=SET)
    context = Context(live_set, Path(SET), file_exists=file_exists)
    found = MissingSample().check(live_set, MissingSample.Options(), context)
    return [(str(f.location), f.message) for f in found], asked


@pytest.mark.parametrize("network", NETWORK_PATHS)
def test_a_network_path_is_never_opened_and_reported_as_on_another_machine(network):
    tracks = [make_track("audio", "Kick", clips=[clip(0, 16, ref(network, None, kind=1))])]
    found, asked = _asked(tracks)
    assert not [path for path in asked if "server" in path]
    assert found == [
        (
            'Kick › clip "Kick" @ bars 1–4',
            f"{network} (used by 1 clip on Kick) is on another machine: alslint never opens "
            "network paths; collect it into the project (File › Collect All and Save)",
        )
    ]


@posix_only
def test_a_network_path_whose_project_copy_exists_is_found():
    tracks = [make_track("audio", "Kick", clips=[clip(0, 16, ref(NETWORK_PATHS[0]))])]
    found, asked = _asked(tracks, existing=["/music/Song Project/Samples/Imported/kick.wav"])
    assert found == []
    assert not [path for path in asked if "server" in path]


# -- instruments: Simpler, Sampler zones, Impulse slots, Drum Rack pads -------------------------


def _device(tag, name, samples=(), chains=()):
    from alslint.model import Device, InstrumentSample

    return Device(
        tag=tag,
        name=name,
        samples=[InstrumentSample(zone=zone, sample=sample) for zone, sample in samples],
        chains=list(chains),
    )


@posix_only
def test_instrument_samples_name_the_device_zone_and_pad():
    from alslint.model import Chain

    snare = ref(None, "Samples/Imported/snare.wav")
    kick = ref()
    drum_rack = _device(
        "DrumGroupDevice",
        "808 Kit",
        chains=[
            Chain(name="Kick", devices=[_device("OriginalSimpler", "Simpler", [(None, kick)])]),
            Chain(name="Snare", devices=[_device("OriginalSimpler", "Simpler", [(None, snare)])]),
        ],
    )
    keys = _device("MultiSampler", "Sampler", [("Low C", ref(None, "Samples/Imported/low.wav"))])
    perc = _device("InstrumentImpulse", "Impulse", [("slot 3", snare)])
    tracks = [
        make_track("midi", "Drums", devices=[drum_rack]),
        make_track("midi", "Keys", devices=[keys]),
        make_track("midi", "Perc", devices=[perc]),
        make_track("audio", "Kick", clips=[clip(0, 16, kick)]),
    ]
    existing = ["/music/Song Project/Samples/Imported/low.wav"]
    assert findings(tracks, existing=existing) == [
        (
            "Drums › Simpler",
            'Samples/Imported/kick.wav (used by 1 clip on Kick and Simpler on pad "Kick" on '
            "Drums) is missing",
        ),
        (
            "Drums › Simpler",
            'Samples/Imported/snare.wav (used by Simpler on pad "Snare" on Drums and Impulse '
            "slot 3 on Perc) is missing",
        ),
    ]
