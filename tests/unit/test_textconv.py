"""`alslint textconv`: the exact rendering, its stability, its never-failing contract, and what
git shows with it (a real git repository in tmp_path, two versions of a corpus set)."""

from __future__ import annotations

import functools
import os
import re
import shlex
import shutil
import subprocess
import sys
from array import array
from pathlib import Path

import pytest

import alslint
from alslint.cli import run
from alslint.describe import db, num, pan
from alslint.gitdiff.textconv import notes_hash, render
from alslint.model import (
    Chain,
    Device,
    Envelope,
    Locator,
    Mixer,
    Points,
    SampleRef,
    Scale,
    Scene,
    Send,
    TimeSignature,
)
from alslint.testing import audio_clip, make_set, make_track, midi_clip

ALSLINT = Path(sys.executable).parent / "alslint"
REPO = Path(__file__).resolve().parents[2]
IN_CI = os.environ.get("CI", "").lower() == "true"


def envelope(owner, parameter, points, path=None) -> Envelope:
    return Envelope(
        parameter=parameter,
        owner=owner,
        device_path=path if path is not None else ([] if owner == "Mixer" else [owner]),
        points=Points(array("d", [t for t, _ in points]), array("d", [v for _, v in points])),
    )


def small_set():
    rack = Device(
        tag="AudioEffectGroupDevice",
        name="Space",
        chains=[
            Chain(
                name="Wet",
                devices=[
                    Device(tag="Reverb", name="Reverb"),
                    Device(
                        tag="PluginDevice",
                        name="Valhalla",
                        plugin_format="vst2",
                        plugin_name="ValhallaVintageVerb",
                        on=False,
                    ),
                ],
            ),
            Chain(name="Dry", on=False),
        ],
    )
    vox = make_track(
        "audio",
        "Vox",
        user_name="Vox",
        group_id=10,
        group_name="Band",
        mixer=Mixer(
            volume=0.5,
            pan=0.3,
            solo=True,
            sends=[Send(return_index=0, return_name="A-Reverb", level=0.1)],
        ),
        devices=[Device(tag="Eq8", name="EQ Eight"), rack],
        clips=[
            audio_clip(8, 24, "Take 2", fade_in=0.25, fade_out=1.5, default_fades=False),
            audio_clip(0, 8, "Take 1", disabled=True),
        ],
        envelopes=[
            envelope("Mixer", "Volume", [(8, 1.0), (16, 0.5), (24, 0.25)]),
            envelope("Valhalla", "Mix", [(0, 0.2), (64, 0.8)], path=["Space", "Valhalla"]),
        ],
    )
    vox.arrangement_clips[0].sample = SampleRef(name="vox take 2.wav", path="/x/vox take 2.wav")
    keys = make_track(
        "midi",
        "Keys\nLeft",
        mixer=Mixer(on=False),
        devices=[Device(tag="Operator", name="Operator", is_instrument=True)],
        clips=[midi_clip(32, 48, 'Chords "A"', notes=[(60, 0, 1), (64, 0, 1), (67, 0, 1)])],
    )
    keys.session_clips = [midi_clip(0, 4, "Idea", notes=[(60, 0, 0.5)])]
    keys.session_clips[0].scene_index = 1
    return make_set(
        [
            make_track("group", "Band", user_name="Band", id=10),
            vox,
            keys,
            make_track("return", "A-Reverb", user_name="Reverb"),
        ],
        tempo=98.5,
        signature="6/8",
        scale=Scale(root=2, name="Dorian", in_key=False),
        locators=[Locator(time=0, name="Intro"), Locator(time=27, name="Verse 1")],
        scenes=[
            Scene(index=0, name="Intro"),
            Scene(
                index=1,
                name="Verse",
                tempo=100.0,
                time_signature=TimeSignature(numerator=3, denominator=4),
            ),
        ],
    )


SMALL_SET_TEXT = """\
alslint textconv 3
live 12.3.5
tempo 98.5 BPM
time signature 6/8
key D Dorian
locator 1.1 (beat 0) "Intro"
locator 10.1 (beat 27) "Verse 1"
scene 1 "Intro"
scene 2 "Verse", tempo 100 BPM, time signature 3/4
group track "Band"
  volume 0 dB
audio track "Vox"
  in group "Band"
  volume -6.02 dB
  pan 15R
  solo
  send "A-Reverb" -20 dB
  device EQ Eight
  device "Space" (Audio Effect Rack)
    chain 1 "Wet"
      device Reverb
      device "Valhalla" (vst2 plugin "ValhallaVintageVerb"), off
    chain 2 "Dry", off
  clip 1.1 (beat 0): audio clip "Take 1", length 8, loop off 0–8, sample none, fades on: in 0 beats, out 0 beats (Live's automatic in/out), warped, disabled
  clip 3.5 (beat 8): audio clip "Take 2", length 16, loop off 0–16, sample "vox take 2.wav", fades on: in 0.25 beats, out 1.5 beats, warped
  automation Mixer › Volume: 3 points, -12.04 dB–0 dB, bars 3–9, #ae3d6341
  automation Space › Valhalla › Mix: 2 points, 0.2–0.8, bars 1–22, #a5cb3464
midi track "Keys\\nLeft"
  volume 0 dB
  track off
  device Operator
  clip 11.5 (beat 32): midi clip "Chords \\"A\\"", length 16, loop on 0–16, 3 notes #fd3c2124
  slot 2: midi clip "Idea", length 4, loop on 0–4, 1 note #717a0aa2
return track "A-Reverb"
  volume 0 dB
master track
  volume 0 dB
"""


# -- the rendering ------------------------------------------------------------------------------


def test_exact_rendering_of_a_small_set() -> None:
    """Display order, clips by position (6/8 bars), defaults left out, names escaped so that a
    newline in a name cannot break the one-line-per-thing layout."""
    assert render(small_set()) == SMALL_SET_TEXT


def test_a_chain_name_live_made_up_is_left_out() -> None:
    """A chain nobody renamed carries the name Live makes from its devices (Live 11.2+), which
    changes with them and with Live's version: only the number is rendered."""
    live_set = small_set()
    live_set.tracks[1].devices[1].chains[0].auto_name = True  # "Wet", as Live would call it
    lines = render(live_set).splitlines()
    assert lines[lines.index('  device "Space" (Audio Effect Rack)') + 1] == "    chain 1"


def test_numbers_are_rounded_and_stripped() -> None:
    assert [num(v) for v in (120.0, 1.5, 0.1 + 0.2, 2 / 3, -0.0001, 1e-12, 98.5004)] == [
        "120",
        "1.5",
        "0.3",
        "0.667",
        "0",
        "0",
        "98.5",
    ]
    assert num(float("-inf")) == "-inf"
    assert [pan(v) for v in (0.0, -1.0, 0.5, 0.02, -0.007, 0.0004)] == [
        "C",
        "50L",
        "25R",
        "1R",
        "C",
        "C",
    ]
    assert [db(v) for v in (1.0, 0.5, 0.0003162277571, 1.99526238)] == [
        "0 dB",
        "-6.02 dB",
        "-inf dB",
        "6 dB",
    ]


def test_note_hash_is_order_free_and_sees_every_field() -> None:
    def notes(rows):
        return midi_clip(0, 4, notes=rows).notes

    base = notes([(60, 0, 1), (64, 1, 1)])
    assert notes_hash(base) == notes_hash(notes([(64, 1, 1), (60, 0, 1)]))
    assert notes_hash(base) != notes_hash(notes([(60, 0, 1), (64, 1, 2)]))
    assert notes_hash(base) != notes_hash(notes([(60, 0, 1), (65, 1, 1)]))
    muted = notes([(60, 0, 1), (64, 1, 1)])
    muted.enabled[1] = False
    assert notes_hash(base) != notes_hash(muted)
    # Float noise below 1/1000 beat is no change (a set re-saved with other float text).
    noisy = notes([(60, 0.0000001, 1), (64, 0.9999999, 1)])
    assert notes_hash(base) == notes_hash(noisy)


def test_rendering_does_not_depend_on_ids_or_stored_order() -> None:
    other = small_set()
    for t in other.tracks:
        if t.id is not None:
            t.id += 500
    other.tracks[1].arrangement_clips.reverse()  # clips are rendered by position
    other.tracks[1].envelopes.reverse()  # automation by device and parameter
    assert render(other) == render(small_set())


def test_a_small_change_is_a_small_text_change() -> None:
    before = render(small_set()).splitlines()
    changed = small_set()
    changed.tracks[1].mixer.volume = 0.25
    after = render(changed).splitlines()
    assert [(a, b) for a, b in zip(before, after) if a != b] == [
        ("  volume -6.02 dB", "  volume -12.04 dB")
    ]


# -- the command ------------------------------------------------------------------------------------


def _write_plain_set(path: Path, track_name: str = "Gtr") -> Path:
    """A minimal plain-XML Live 12 set (alslint reads plain XML as well as gzip)."""

    def param(tag: str, value) -> str:
        return f'<{tag}><Manual Value="{value}"/><AutomationTarget Id="0"/></{tag}>'

    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<Ableton MajorVersion="5" MinorVersion="12.0_12300" Creator="Ableton Live 12.3.5">'
        f'<LiveSet><Tracks><AudioTrack Id="7"><Name><EffectiveName Value="{track_name}"/>'
        f'<UserName Value="{track_name}"/></Name><TrackGroupId Value="-1"/><DeviceChain><Mixer>'
        f"{param('Volume', 1)}{param('Pan', 0)}{param('Speaker', 'true')}</Mixer>"
        "<DeviceChain><Devices/></DeviceChain></DeviceChain></AudioTrack></Tracks>"
        f"<MainTrack><DeviceChain><Mixer>{param('Tempo', 120)}{param('TimeSignature', 201)}"
        "</Mixer><DeviceChain><Devices/></DeviceChain></DeviceChain></MainTrack>"
        "</LiveSet></Ableton>\n",
        encoding="utf-8",
    )
    return path


def test_command_prints_the_rendering(tmp_path, capsys) -> None:
    path = _write_plain_set(tmp_path / "song.als", "Gitarre ü")
    assert run(["textconv", str(path)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out == (
        "alslint textconv 3\nlive 12.3.5\ntempo 120 BPM\ntime signature 4/4\nkey none\n"
        'audio track "Gitarre ü"\n  volume 0 dB\nmaster track\n  volume 0 dB\n'
    )


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "empty file, not a Live set"),
        (
            b"version https://git-lfs.github.com/spec/v1\noid sha256:00\nsize 12\n",
            "is a Git LFS pointer, not the set itself (run `git lfs pull` to fetch it)",
        ),
        (b'<?xml version="1.0"?><Ableton><LiveSet/></Ableton>', "not a Live set (no master track)"),
        (None, "no such file"),
    ],
    ids=["empty", "lfs-pointer", "no-master", "missing"],
)
def test_unreadable_set_is_one_line_and_exit_0(tmp_path, content, reason) -> None:
    """What git needs: text on stdout and success, whatever the file is."""
    path = tmp_path / "song.als"
    if content is not None:
        path.write_bytes(content)
    result = subprocess.run([str(ALSLINT), "textconv", str(path)], capture_output=True)
    assert (result.returncode, result.stderr) == (0, b"")
    assert result.stdout.decode() == f"alslint: cannot read this set: {reason}\n"


def test_output_is_the_same_in_every_process(tmp_path) -> None:
    """No hash seeds, locales or paths leak into the output (git runs it on temporary files)."""
    first = _write_plain_set(tmp_path / "one.als", "Ä")
    second = tmp_path / "elsewhere" / "tmp_XYZ_song.als"
    second.parent.mkdir()
    shutil.copy(first, second)
    outputs = set()
    for path, seed, locale in ((first, "1", "C"), (second, "2", "C.UTF-8"), (first, "3", "POSIX")):
        env = dict(os.environ, PYTHONHASHSEED=seed, LC_ALL=locale, LANG=locale)
        result = subprocess.run([str(ALSLINT), "textconv", str(path)], capture_output=True, env=env)
        assert result.returncode == 0
        outputs.add(result.stdout)
    assert len(outputs) == 1 and "Ä".encode() in outputs.pop()


# -- the corpus -------------------------------------------------------------------------------------


def _corpus_dir() -> Path:
    env = os.environ.get("ALSLINT_CORPUS")
    return Path(env) if env else REPO.parent / "shared" / "corpus"


def corpus_file(name: str) -> Path:
    path = _corpus_dir() / name
    if not path.is_file():
        reason = f"corpus set {name} not found in {_corpus_dir()} (set ALSLINT_CORPUS)"
        if IN_CI:
            pytest.fail(reason + "; the corpus is required when CI=true")
        pytest.skip(reason)
    return path


@functools.cache
def rendered(name: str) -> str:
    return render(alslint.load(corpus_file(name)))


MICHELLE_11 = "live11.3.21__LiveDBApp__node-als-parser__tests__test-data__projects__Michelle.als"
MICHELLE_12 = (
    "live12.3.2__LiveDBApp__node-als-parser__tests__test-data__projects__Michelle-12.3.als"
)
EDM_12_2 = "live12.2.6__MenkeTechnologies__AbletonLiveTemplates__edmJM@4b708984.als"
EDM_12_3 = "live12.3.2__MenkeTechnologies__AbletonLiveTemplates__edmJM@4f778416.als"


def test_same_song_saved_by_live_11_and_12_differs_only_in_the_version_line() -> None:
    old, new = rendered(MICHELLE_11).splitlines(), rendered(MICHELLE_12).splitlines()
    assert len(old) == len(new) > 100
    assert [(a, b) for a, b in zip(old, new) if a != b] == [("live 11.3.21", "live 12.3.2")]


def test_corpus_rendering_is_repeatable_and_holds_no_save_noise() -> None:
    text = rendered(EDM_12_3)
    assert render(alslint.load(corpus_file(EDM_12_3))) == text
    assert not re.search(r"\bId\b|WinPos|Buffer|ProcessorState|LomId", text)
    assert text.count("\nmaster track\n") == 1 and text.endswith("\n")


# -- git --------------------------------------------------------------------------------------------

#: Tracks deleted between the two edmJM commits (12.2.6 → 12.3.2), as git shows them.
REMOVED_TRACKS = [
    'midi track "fx lo 1st"',
    'midi track "fx lo 2nd"',
    'midi track "fx lo 3rd"',
    'group track "bus fx sc JM"',
    'midi track "fx atm JM"',
    'midi track "fx swe JM"',
    'midi track "fx swe po{1,2,4} JM"',
    'midi track "fx swe pr1/{8,4,2} JM"',
    'midi track "fx tonal/fill JM"',
    'midi track "fx break JM"',
    'group track "bus fx hit short JM"',
    'midi track "fx hit po1,on,pr1/16 JM"',
    'midi track "fx hit toshift JM"',
    'midi track "fx hit po1/{8,4,2} JM"',
    'midi track "fx hit pr1/{8,4,2} JM"',
    'midi track "fx hit pr{1,2,4} JM"',
    'midi track "fx hit po{1,2,4} JM"',
]


def _git(repo: Path, *args: str) -> str:
    env = dict(
        os.environ,
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_PAGER="cat",
        LC_ALL="C",
    )
    result = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True)
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout.decode("utf-8")


def _changed_lines(patch: str) -> tuple[list[str], list[str]]:
    lines = patch.splitlines()
    removed = [line[1:] for line in lines if line.startswith("-") and not line.startswith("---")]
    added = [line[1:] for line in lines if line.startswith("+") and not line.startswith("+++")]
    return removed, added


def test_git_diff_and_log_show_sets_as_text(tmp_path) -> None:
    """The README set-up, exactly, in a fresh repository, with two versions of a real set."""
    if shutil.which("git") is None:
        if IN_CI:
            pytest.fail("git is not installed; CI=true needs it")
        pytest.skip("git is not installed")
    v1, v2 = corpus_file(EDM_12_2), corpus_file(EDM_12_3)
    repo = tmp_path / "music"
    repo.mkdir()
    _git(repo, "init", "-q")
    _git(repo, "config", "user.name", "Producer")
    _git(repo, "config", "user.email", "producer@example.com")
    (repo / ".gitattributes").write_text("*.als diff=als\n")
    _git(repo, "config", "diff.als.textconv", f"{shlex.quote(str(ALSLINT))} textconv")
    _git(repo, "config", "diff.als.cachetextconv", "true")

    shutil.copyfile(v1, repo / "song.als")
    _git(repo, "add", ".gitattributes", "song.als")
    _git(repo, "commit", "-q", "-m", "first version")
    shutil.copyfile(v2, repo / "song.als")
    _git(repo, "commit", "-q", "-a", "-m", "second version")

    patch = _git(repo, "diff", "HEAD~1")
    assert "Binary files" not in patch
    removed, added = _changed_lines(patch)
    # What changed: the Live version, one clip on "fx lo all", 17 tracks deleted.
    assert added == ["live 12.3.2"]
    assert removed[0] == "live 12.2.6"
    assert removed[1] == (
        '  clip 65.1 (beat 256): midi clip "fx lo JM", length 2304, '
        "loop off 0–2304, 232 notes #8b33394c"
    )
    headers = [line for line in removed if not line.startswith(" ")]
    assert headers == ["live 12.2.6", *REMOVED_TRACKS]
    # The hunk that starts inside "fx lo all" is named after it; unchanged tracks stay context.
    assert re.search(r'^@@ -\d+,\d+ \+\d+,\d+ @@ midi track "fx lo all"$', patch, re.M)
    for unchanged in (
        'midi track "kik sc"',
        'midi track "fx lo all"',
        'audio track "prelength JM"',
        "master track",
    ):
        assert unchanged not in headers and f"+{unchanged}" not in patch

    log = _git(repo, "log", "-p", "--format=commit %s", "--", "song.als")
    second, first = log.split("commit first version\n")
    assert second.startswith("commit second version\n")
    assert _changed_lines(second) == (removed, added)
    first_removed, first_added = _changed_lines(first)
    assert first_removed == [] and first_added[:2] == ["alslint textconv 3", "live 12.2.6"]
    assert 'midi track "fx lo 1st"' in first_added and "master track" in first_added

    # cachetextconv stored the renderings; the README's command clears the cache.
    assert "refs/notes/textconv/als" in _git(repo, "show-ref")
    _git(repo, "update-ref", "-d", "refs/notes/textconv/als")
    assert "refs/notes/textconv/als" not in _git(repo, "show-ref")

    # A set git cannot read as a set (here an LFS pointer) is one line, never an error.
    (repo / "song.als").write_text(
        "version https://git-lfs.github.com/spec/v1\noid sha256:00\nsize 1\n"
    )
    removed, added = _changed_lines(_git(repo, "diff"))
    assert added == [
        "alslint: cannot read this set: is a Git LFS pointer, not the set itself "
        "(run `git lfs pull` to fetch it)"
    ]
    assert removed[:2] == ["alslint textconv 3", "live 12.3.2"]
