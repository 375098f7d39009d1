"""`alslint diff` and `alslint.gitdiff`: exact changes on small sets, the CLI contract, and the
real corpus (the same song saved by Live 11 and 12; the edmJM template's successive versions).

The edmJM expectations below were established by reading both versions with the parser (track
lists, groups, device chains, clips) and checking the device changes against the raw XML; they
are what really changed between the commits of that template.
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import re
from array import array
from pathlib import Path

import pytest
from cli_helpers import cli

import alslint
from alslint.gitdiff.changes import Diff
from alslint.gitdiff.compare import diff_sets
from alslint.gitdiff.match import match_tracks
from alslint.gitdiff.render import to_json, to_text
from alslint.gitdiff.textconv import _track_lines
from alslint.model import (
    Chain,
    Device,
    Envelope,
    LiveSet,
    Locator,
    Mixer,
    Points,
    Scale,
    Scene,
    Send,
    TimeSignature,
)
from alslint.testing import audio_clip, make_set, make_track, midi_clip

REPO = Path(__file__).resolve().parents[2]


# -- helpers -----------------------------------------------------------------------------------


def db_gain(db: float) -> float:
    return 10 ** (db / 20)


def envelope(owner: str, parameter: str, points, path=None, default=None) -> Envelope:
    return Envelope(
        parameter=parameter,
        owner=owner,
        device_path=path if path is not None else ([] if owner == "Mixer" else [owner]),
        default_value=default,
        points=Points(array("d", [t for t, _ in points]), array("d", [v for _, v in points])),
    )


def lines(diff: Diff) -> list[tuple[str, str | None, str]]:
    return [(c.kind, c.track, c.message) for c in diff.changes]


def song(**overrides) -> LiveSet:
    """A small song: a drum group with a kick, a bass, a vocal, a reverb return."""
    kick_rack = Device(
        tag="DrumGroupDevice",
        name="Kit",
        is_instrument=True,
        chains=[
            Chain(name="Kick", devices=[Device(tag="OriginalSimpler", name="Simpler")]),
            Chain(name="Snare", devices=[Device(tag="OriginalSimpler", name="Simpler")]),
        ],
    )
    tracks = [
        make_track("group", "Drums", user_name="Drums", id=10),
        make_track(
            "midi",
            "Kick",
            user_name="Kick",
            group_id=10,
            group_name="Drums",
            devices=[kick_rack, Device(tag="Eq8", name="EQ Eight")],
            clips=[
                midi_clip(0, 16, "Beat", notes=[(36, 0, 1), (36, 1, 1)]),
                midi_clip(16, 32, "Beat", notes=[(36, 0, 1), (36, 1, 1)]),
            ],
        ),
        make_track(
            "midi",
            "Bass",
            user_name="Bass",
            devices=[
                Device(tag="Operator", name="Operator", is_instrument=True),
                Device(tag="AutoFilter", name="Auto Filter"),
            ],
            clips=[midi_clip(32, 48, "Riff", notes=[(40, 0, 2)])],
            envelopes=[envelope("Auto Filter", "Frequency", [(32, 200), (48, 4000)])],
        ),
        make_track(
            "audio",
            "Vox",
            user_name="Vox",
            clips=[audio_clip(64, 80, "Take 1"), audio_clip(96, 112, "Take 2")],
        ),
        make_track(
            "return",
            "A-Reverb",
            user_name="A-Reverb",
            devices=[Device(tag="Reverb", name="Reverb")],
        ),
    ]
    live_set = make_set(
        tracks,
        tempo=120,
        scale=Scale(root=9, name="Minor", in_key=True),
        locators=[Locator(time=0, name="Intro"), Locator(time=64, name="Verse")],
        scenes=[Scene(index=0, name="A"), Scene(index=1, name="B")],
    )
    for key, value in overrides.items():
        setattr(live_set, key, value)
    return live_set


def track(live_set: LiveSet, name: str):
    [found] = [t for t in live_set.tracks if t.name == name]
    return found


# -- no difference -----------------------------------------------------------------------------


def test_identical_sets_have_no_difference() -> None:
    diff = diff_sets(song(), song())
    assert diff.changes == [] and not diff.different
    assert (
        to_text(diff) == "test.als (Live 12.3.5) → test.als (Live 12.3.5)\nno musical differences\n"
    )


def test_what_live_rewrites_on_save_is_no_difference() -> None:
    """New ids, the master's name (Master → Main), the Live version, the scale-mode toggle."""
    new = song(live_version="12.0.1", creator="Ableton Live 12.0.1")
    for t in new.tracks:
        if t.id is not None:
            t.id += 1000
        if t.group_id is not None:
            t.group_id += 1000
    new.master.name = "Master"
    new.scale.in_key = False
    assert diff_sets(song(), new).changes == []


def test_automatic_names_renumbered_by_an_insert_are_not_renames() -> None:
    old = make_set([make_track("audio", "1-Audio"), make_track("midi", "2-MIDI")])
    new = make_set(
        [
            make_track("audio", "1-Audio"),
            make_track("audio", "2-Audio"),
            make_track("midi", "3-MIDI"),
        ]
    )
    assert lines(diff_sets(old, new)) == [("track-added", "2-Audio", "added")]


# -- set level ---------------------------------------------------------------------------------


def test_set_level_changes() -> None:
    new = song(
        tempo=124.5,
        time_signature=TimeSignature(numerator=3, denominator=4),
        scale=Scale(root=0, name="Major", in_key=True),
        locators=[
            Locator(time=0, name="Start"),
            Locator(time=72, name="Verse"),
            Locator(time=128, name="Drop"),
        ],
        scenes=[
            Scene(index=0, name="A"),
            Scene(index=1, name="Chorus", tempo=128.0),
            Scene(index=2, name="C"),
        ],
    )
    new.tempo_envelope = envelope("Mixer", "Tempo", [(0, 120), (64, 130)], default=120)
    new.master.envelopes = [new.tempo_envelope]
    diff = diff_sets(song(), new)
    assert to_text(diff) == (
        "test.als (Live 12.3.5) → test.als (Live 12.3.5)\n"
        "set\n"
        "  tempo 120 → 124.5 BPM\n"
        "  tempo automation added (bars 1, 22)\n"
        "  time signature 4/4 → 3/4\n"
        "  key A Minor → C Major\n"
        '  locator at bar 1.1 renamed "Intro" → "Start"\n'
        '  locator "Verse" moved bar 17.1 → 25.1\n'
        '  locator "Drop" added at bar 43.3\n'
        '  scene 2 renamed "B" → "Chorus"\n'
        '  scene 2 "Chorus" tempo none → 128 BPM\n'
        '  scene 3 "C" added\n'
        "10 changes\n"
    )
    tempo = diff.changes[0]
    assert (tempo.scope, tempo.subject, tempo.old, tempo.new) == ("set", "tempo", 120.0, 124.5)


def test_many_scenes_in_a_row_are_one_line_of_text() -> None:
    new = song(scenes=[Scene(index=i, name=n) for i, n in enumerate("AB" + "x" * 5)])
    diff = diff_sets(song(), new)
    assert [c.kind for c in diff.changes] == ["scene-added"] * 5
    assert to_text(diff).splitlines()[1:] == ["set", "  scenes 3–7 added (5 scenes)", "5 changes"]


# -- tracks ------------------------------------------------------------------------------------


def test_tracks_added_removed_renamed_moved_regrouped() -> None:
    new = song()
    drums, kick, bass, vox, reverb, master = new.tracks
    kick.name = kick.user_name = "Kick In"  # renamed, same content
    bass.group_id, bass.group_name = 10, "Drums"  # moved into the group
    keys = make_track("midi", "Keys", user_name="Keys", id=77)
    keys.index = 3
    new.tracks = [drums, kick, bass, keys, reverb, master]  # Vox removed, Keys added
    old_reordered = song()
    diff = diff_sets(old_reordered, _reindexed(new))
    assert lines(diff) == [
        ("track-renamed", "Kick In", 'renamed from "Kick"'),
        ("track-group", "Bass", 'moved from no group to group "Drums"'),
        ("track-removed", "Vox", "removed"),  # where it was: after Bass
        ("track-added", "Keys", "added"),
    ]
    assert [c.position for c in diff.changes] == [2, 3, 4, 4]


def _reindexed(live_set: LiveSet) -> LiveSet:
    for index, t in enumerate(live_set.tracks):
        t.index = index
    return live_set


def test_reordered_tracks_report_the_smaller_move() -> None:
    new = song()
    drums, kick, bass, vox, reverb, master = new.tracks
    new.tracks = [drums, kick, vox, bass, reverb, master]
    diff = diff_sets(song(), _reindexed(new))
    # Bass and Vox swapped: one of them moved (equal weights: Bass keeps its place).
    assert [(c.kind, c.track, c.old, c.new) for c in diff.changes] == [("track-moved", "Vox", 4, 3)]


def test_a_moved_group_is_reported_once_not_per_child() -> None:
    new = song()
    drums, kick, bass, vox, reverb, master = new.tracks
    new.tracks = [bass, vox, drums, kick, reverb, master]
    diff = diff_sets(song(), _reindexed(new))
    # The group with its child weighs 2, Bass and Vox weigh 1 each: the group stays.
    assert {(c.kind, c.track) for c in diff.changes} == {
        ("track-moved", "Bass"),
        ("track-moved", "Vox"),
    }
    new = song()
    drums, kick, bass, vox, reverb, master = new.tracks
    new.tracks = [bass, drums, kick, vox, reverb, master]
    diff = diff_sets(song(), _reindexed(new))
    assert lines(diff) == [("track-moved", "Bass", "moved: position 3 → 1")]


def test_renamed_track_found_by_place_and_content() -> None:
    new = song()
    vox = track(new, "Vox")
    vox.name = vox.user_name = "Lead Vocal"
    vox.arrangement_clips[1].start += 4  # and edited a little
    vox.arrangement_clips[1].end += 4
    diff = diff_sets(song(), new)
    assert lines(diff) == [
        ("track-renamed", "Lead Vocal", 'renamed from "Vox"'),
        ("clip-moved", "Lead Vocal", 'clip "Take 2" moved bar 25.1 → 26.1'),
    ]
    # A different track of another type in its place is not a rename.
    other = song()
    other.tracks[3] = make_track("midi", "Lead Vocal", user_name="Lead Vocal")
    other.tracks[3].index = 3
    assert {c.kind for c in diff_sets(song(), other).changes} == {"track-added", "track-removed"}


def test_mixer_changes_in_db() -> None:
    new = song()
    bass = track(new, "Bass")
    bass.mixer = Mixer(
        volume=db_gain(-3.5),
        pan=-0.5,
        on=False,
        solo=True,
        sends=[Send(return_index=0, return_name="A-Reverb", level=db_gain(-12), active=False)],
    )
    diff = diff_sets(song(), new)
    assert lines(diff) == [
        ("track-switched", "Bass", "switched off"),
        ("solo", "Bass", "soloed"),
        ("volume", "Bass", "volume 0 dB → -3.5 dB"),
        ("pan", "Bass", "pan C → 25L"),
        ("send", "Bass", 'send to "A-Reverb" -inf dB → -12 dB'),
        ("send-switched", "Bass", 'send to "A-Reverb" switched off'),
    ]
    volume = diff.changes[2]
    assert (volume.subject, volume.old, volume.new) == ("volume", 0.0, -3.5)
    assert diff.changes[4].old is None  # -inf is null in JSON


def test_sends_follow_their_returns_when_a_return_is_inserted() -> None:
    """Live letters returns by place: inserting one turns "A-Delay" into "B-Delay"."""
    old = make_set(
        [
            make_track("audio", "Gtr", user_name="Gtr"),
            make_track("return", "A-Delay", user_name="Delay"),
        ]
    )
    track(old, "Gtr").mixer.sends[0].level = db_gain(-10)
    new = make_set(
        [
            make_track("audio", "Gtr", user_name="Gtr"),
            make_track("return", "A-Verb", user_name="Verb"),
            make_track("return", "B-Delay", user_name="Delay"),
        ]
    )
    track(new, "Gtr").mixer.sends[1].level = db_gain(-10)  # the same send, now to return B
    assert lines(diff_sets(old, new)) == [("track-added", "A-Verb", "added")]
    track(new, "Gtr").mixer.sends[1].level = db_gain(-7)
    assert lines(diff_sets(old, new))[0] == ("send", "Gtr", 'send to "B-Delay" -10 dB → -7 dB')


# -- devices -----------------------------------------------------------------------------------


def test_device_changes_at_any_depth() -> None:
    new = song()
    kick, bass, reverb = track(new, "Kick"), track(new, "Bass"), track(new, "A-Reverb")
    kit = kick.devices[0]
    kit.chains[1].devices[0].on = False  # Snare's Simpler off
    kit.chains.append(Chain(name="Hat"))
    kick.devices[1].on = False  # EQ Eight off
    bass.devices.insert(
        1,
        Device(
            tag="PluginDevice",
            name="Serum",
            plugin_format="vst3",
            plugin_name="Serum",
            is_instrument=True,
        ),
    )
    bass.devices.pop(0)  # Operator removed
    reverb.devices[0].name = "Big Hall"  # renamed
    diff = diff_sets(song(), new)
    assert lines(diff) == [
        ("device-switched", "Kick", 'device "Kit" › Simpler switched off'),
        ("chain-added", "Kick", 'chain "Hat" added to "Kit" (Drum Rack)'),
        ("device-switched", "Kick", "device EQ Eight switched off"),
        ("device-removed", "Bass", "device Operator removed"),
        ("device-added", "Bass", 'device "Serum" (vst3 plugin "Serum") added'),
        ("device-renamed", "A-Reverb", 'device Reverb renamed to "Big Hall"'),
    ]
    assert diff.changes[0].subject == "Kit › Simpler"  # device path, as automation names it
    assert diff.changes[4].new == {
        "name": "Serum",
        "device": "PluginDevice",
        "plugin_format": "vst3",
        "plugin": "Serum",
        "on": True,
    }


def test_a_chain_name_live_made_up_is_no_rename() -> None:
    """Live 10+ names a chain nobody renamed itself ("Chain" up to 11.1, its devices from
    11.2 on): that name follows the devices and Live's version, so only a name the user gave
    (on either side) makes a chain-renamed change."""

    def with_chain(name: str, auto_name: bool) -> LiveSet:
        live_set = song()
        live_set.tracks[1].devices[0].chains[0] = Chain(
            name=name, auto_name=auto_name, devices=[Device(tag="OriginalSimpler", name="Simpler")]
        )
        return live_set

    assert lines(diff_sets(with_chain("Chain", True), with_chain("Simpler", True))) == []
    assert lines(diff_sets(with_chain("Chain", True), with_chain("Kick", False))) == [
        ("chain-renamed", "Kick", 'chain "Chain" in "Kit" renamed to "Kick"'),
    ]
    assert lines(diff_sets(with_chain("Kick", False), with_chain("Simpler", True))) == [
        ("chain-renamed", "Kick", 'chain "Kick" in "Kit" renamed to "Simpler"'),
    ]


# -- clips -------------------------------------------------------------------------------------


def test_clip_changes() -> None:
    new = song()
    kick, bass, vox = track(new, "Kick"), track(new, "Bass"), track(new, "Vox")
    kick.arrangement_clips[1] = midi_clip(16, 32, "Beat", notes=[(36, 0, 1), (38, 1, 1)])
    kick.arrangement_clips.append(midi_clip(32, 48, "Fill", notes=[(38, 0, 0.25)]))
    bass.arrangement_clips[0].end = 56  # resized
    bass.arrangement_clips[0].loop.on = False
    vox.arrangement_clips[0].name = "Take 1 (comp)"  # renamed in place
    vox.arrangement_clips[1].start, vox.arrangement_clips[1].end = 128, 144  # moved
    vox.arrangement_clips[1].disabled = True
    vox.session_clips = [audio_clip(0, 4, "Loop")]
    vox.session_clips[0].scene_index = 1
    diff = diff_sets(song(), new)
    assert lines(diff) == [
        ("clip-edited", "Kick", 'clip "Beat" at bar 5.1: notes edited (2 notes)'),
        ("clip-added", "Kick", 'clip "Fill" added at bar 9.1 (16 beats)'),
        ("clip-resized", "Bass", 'clip "Riff" at bar 9.1 resized 16 → 24 beats'),
        ("clip-edited", "Bass", 'clip "Riff" at bar 9.1: loop on 0–16 → off 0–16'),
        ("clip-renamed", "Vox", 'clip at bar 17.1 renamed "Take 1" → "Take 1 (comp)"'),
        ("clip-moved", "Vox", 'clip "Take 2" moved bar 25.1 → 33.1'),
        ("clip-switched", "Vox", 'clip "Take 2" at bar 33.1 deactivated'),
        ("clip-added", "Vox", 'session clip "Loop" added in slot 2'),
    ]
    moved = diff.changes[5]
    assert (moved.old, moved.new, moved.bars) == (
        {"start": 96.0, "end": 112.0},
        {"start": 128.0, "end": 144.0},
        [33, 36],
    )


def test_clips_with_one_name_are_matched_by_position() -> None:
    """Unnamed clips: removing one in the middle removes that one, the others stay."""
    old = make_set(
        [
            make_track(
                "midi",
                "Arp",
                user_name="Arp",
                clips=[midi_clip(i * 16, i * 16 + 16, "") for i in range(4)],
            )
        ]
    )
    new = old.model_copy(deep=True)
    del new.tracks[0].arrangement_clips[2]
    assert lines(diff_sets(old, new)) == [("clip-removed", "Arp", 'clip "" at bar 9.1 removed')]


def test_session_clips_follow_inserted_scenes() -> None:
    old = song()
    track(old, "Kick").session_clips = [midi_clip(0, 4, "Groove")]
    track(old, "Kick").session_clips[0].scene_index = 1  # scene "B"
    new = song(
        scenes=[Scene(index=0, name="A"), Scene(index=1, name="New"), Scene(index=2, name="B")]
    )
    track(new, "Kick").session_clips = [midi_clip(0, 4, "Groove")]
    track(new, "Kick").session_clips[0].scene_index = 2  # still scene "B"
    assert lines(diff_sets(old, new)) == [("scene-added", None, 'scene 2 "New" added')]


# -- automation --------------------------------------------------------------------------------


def test_automation_changes_name_the_bars() -> None:
    new = song()
    bass, vox = track(new, "Bass"), track(new, "Vox")
    bass.envelopes = [envelope("Auto Filter", "Frequency", [(32, 200), (40, 900), (48, 4000)])]
    vox.envelopes = [envelope("Mixer", "Volume", [(64, 1.0), (80, 0.5)])]
    diff = diff_sets(song(), new)
    assert lines(diff) == [
        ("automation-changed", "Bass", "automation Auto Filter › Frequency changed at bar 11"),
        ("automation-added", "Vox", "automation Mixer › Volume added (bars 17, 21)"),
    ]
    assert diff.changes[0].bars == [11, 11]
    # Automation of a removed device goes with the device.
    gone = song()
    track(gone, "Bass").devices.pop()
    assert lines(diff_sets(song(), gone)) == [
        ("device-removed", "Bass", "device Auto Filter removed")
    ]


# -- rendering ---------------------------------------------------------------------------------


def _readme_example() -> tuple[LiveSet, LiveSet]:
    def bass(name, db, start, devices, points):
        return make_track(
            "midi",
            name,
            user_name=name,
            mixer=Mixer(volume=db_gain(db)),
            devices=[Device(tag=tag, name=label) for tag, label in devices],
            clips=[
                midi_clip(start, start + 16, "Verse", notes=[(36, 0, 1)]),
                midi_clip(192, 224, "Chorus"),
            ],
            envelopes=[envelope("Auto Filter", "Frequency", points, default=1000.0)],
        )

    drums = make_track("audio", "Drums", user_name="Drums", clips=[audio_clip(0, 64, "Beat")])
    old = make_set(
        [
            drums,
            bass(
                "Bass 1",
                -6,
                64,
                [("Operator", "Operator"), ("AutoFilter", "Auto Filter")],
                [(128, 500), (160, 2000)],
            ),
        ],
        tempo=126,
        path="v1/song.als",
    )
    old.live_version = "12.3.2"
    new = make_set(
        [
            drums,
            bass(
                "Bass",
                -4.5,
                80,
                [
                    ("Operator", "Operator"),
                    ("AutoFilter", "Auto Filter"),
                    ("Saturator", "Saturator"),
                ],
                [(132, 500), (156, 3000), (160, 2000)],
            ),
            make_track("group", "Vox Bus", user_name="Vox Bus"),
        ],
        tempo=128,
        path="v2/song.als",
        locators=[Locator(time=128, name="Drop")],
    )
    return old, new


def test_readme_example_is_real_output() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"\$ alslint diff v1/song.als v2/song.als\n(.*?)```", readme, re.S)
    assert block, "README lost its `alslint diff` example"
    assert to_text(diff_sets(*_readme_example())) == block.group(1)


def test_json_document() -> None:
    document = json.loads(to_json(diff_sets(*_readme_example())))
    assert set(document) == {"schema_version", "old", "new", "different", "changes", "summary"}
    assert document["schema_version"] == 1 and document["different"] is True
    assert document["old"] == {"path": "v1/song.als", "live_version": "12.3.2"}
    assert document["summary"] == {
        "changes": 8,
        "kinds": {
            "automation-changed": 1,
            "clip-moved": 1,
            "device-added": 1,
            "locator-added": 1,
            "tempo": 1,
            "track-added": 1,
            "track-renamed": 1,
            "volume": 1,
        },
    }
    keys = {
        "kind",
        "scope",
        "message",
        "track",
        "track_type",
        "position",
        "subject",
        "old",
        "new",
        "bars",
    }
    assert all(set(change) == keys for change in document["changes"])
    renamed = next(c for c in document["changes"] if c["kind"] == "track-renamed")
    assert renamed == {
        "kind": "track-renamed",
        "scope": "track",
        "message": 'renamed from "Bass 1"',
        "track": "Bass",
        "track_type": "midi",
        "position": 2,
        "subject": None,
        "old": "Bass 1",
        "new": "Bass",
        "bars": None,
    }
    automation = next(c for c in document["changes"] if c["kind"] == "automation-changed")
    assert automation["bars"] == [33, 40] and automation["subject"] == "Auto Filter › Frequency"


# -- the command line ----------------------------------------------------------------------------


def _write_set(path: Path, tracks: list[tuple[str, str, float]], tempo: float = 120) -> Path:
    """A minimal Live 12 set: (kind, name, volume) per track."""
    tags = {
        "audio": "AudioTrack",
        "midi": "MidiTrack",
        "group": "GroupTrack",
        "return": "ReturnTrack",
    }

    def param(tag: str, value) -> str:
        return f'<{tag}><Manual Value="{value}"/><AutomationTarget Id="0"/></{tag}>'

    body = "".join(
        f'<{tags[kind]} Id="{i}"><Name><EffectiveName Value="{name}"/><UserName Value="{name}"/></Name>'
        f'<TrackGroupId Value="-1"/><DeviceChain><Mixer>{param("Volume", volume)}{param("Pan", 0)}'
        f"{param('Speaker', 'true')}</Mixer><DeviceChain><Devices/></DeviceChain></DeviceChain>"
        f"</{tags[kind]}>"
        for i, (kind, name, volume) in enumerate(tracks)
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<Ableton MajorVersion="5" MinorVersion="12.0_12300" Creator="Ableton Live 12.3.5">'
        f"<LiveSet><Tracks>{body}</Tracks><MainTrack><DeviceChain><Mixer>"
        f"{param('Tempo', tempo)}{param('TimeSignature', 201)}</Mixer>"
        "<DeviceChain><Devices/></DeviceChain></DeviceChain></MainTrack></LiveSet></Ableton>\n"
    )
    path.write_bytes(gzip.compress(xml.encode(), mtime=0))
    return path


def test_cli_exit_codes_and_output(tmp_path, capsys) -> None:
    old = _write_set(tmp_path / "old.als", [("audio", "Gtr", 1.0), ("midi", "Keys", 1.0)])
    same = _write_set(tmp_path / "same.als", [("audio", "Gtr", 1.0), ("midi", "Keys", 1.0)])
    new = _write_set(tmp_path / "new.als", [("audio", "Gtr", 0.5)], tempo=100)

    assert cli(capsys, "diff", str(old), str(same)) == (
        0,
        f"{old} (Live 12.3.5) → {same} (Live 12.3.5)\nno musical differences\n",
        "",
    )
    code, out, err = cli(capsys, "diff", str(old), str(new))
    assert (code, err) == (1, "")
    assert out == (
        f"{old} (Live 12.3.5) → {new} (Live 12.3.5)\n"
        "set\n"
        "  tempo 120 → 100 BPM\n"
        'audio track "Gtr"\n'
        "  volume 0 dB → -6.02 dB\n"
        'midi track "Keys"\n'
        "  removed\n"
        "3 changes in 2 tracks\n"
    )
    code, out, err = cli(capsys, "diff", "--format", "json", str(old), str(new))
    document = json.loads(out)
    assert (code, err, document["different"], document["summary"]["changes"]) == (1, "", True, 3)
    code, out, err = cli(capsys, "diff", "--format", "json", str(old), str(same))
    assert (code, json.loads(out)["changes"]) == (0, [])


def test_cli_unreadable_set_is_one_error_line(tmp_path, capsys) -> None:
    good = _write_set(tmp_path / "good.als", [("audio", "Gtr", 1.0)])
    pointer = tmp_path / "lfs.als"
    pointer.write_text("version https://git-lfs.github.com/spec/v1\noid sha256:00\nsize 1\n")
    code, out, err = cli(capsys, "diff", str(good), str(pointer))
    assert (code, out) == (2, "")
    assert err.startswith(f"alslint: error: {pointer}: ") and err.count("\n") == 1
    code, out, err = cli(capsys, "diff", str(tmp_path / "missing.als"), str(good))
    assert (code, out, err) == (
        2,
        "",
        f"alslint: error: {tmp_path / 'missing.als'}: no such file\n",
    )
    assert cli(capsys, "diff", str(good))[0] == 2  # usage error


# -- the corpus ----------------------------------------------------------------------------------


def _corpus_dir() -> Path:
    env = os.environ.get("ALSLINT_CORPUS")
    return Path(env) if env else REPO.parent / "shared" / "corpus"


def corpus_file(name: str) -> Path:
    path = _corpus_dir() / name
    if not path.is_file():
        reason = f"corpus set {name} not found in {_corpus_dir()} (set ALSLINT_CORPUS)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason + "; the corpus is required when CI=true")
        pytest.skip(reason)
    return path


@functools.cache
def _load(path: Path) -> LiveSet:
    return alslint.load(path)


def load(name: str) -> LiveSet:
    return _load(corpus_file(name))


MICHELLE = (
    "live11.3.21__LiveDBApp__node-als-parser__tests__test-data__projects__Michelle.als",
    "live12.3.2__LiveDBApp__node-als-parser__tests__test-data__projects__Michelle-12.3.als",
)
EDM = "live{}__MenkeTechnologies__AbletonLiveTemplates__edmJM{}.als"
EDM_SERIES = [
    EDM.format("11.0.12", "@b140f4e1"),
    EDM.format("11.1.6", "@3b88fa83"),
    EDM.format("11.2.10", "@74b77f94"),
    EDM.format("11.3.13", "@db0a68f1"),
    EDM.format("12.1.5", "@259522b7"),
    EDM.format("12.2.6", "@4b708984"),
    EDM.format("12.3.2", "@4f778416"),
    EDM.format("12.3.5", ""),
]
EDM_PAIRS = list(zip(EDM_SERIES, EDM_SERIES[1:]))
EDM_IDS = [f"{a.split('__')[0][4:]}-{b.split('__')[0][4:]}" for a, b in EDM_PAIRS]


def test_same_song_saved_by_live_11_and_12_has_no_musical_difference(capsys) -> None:
    old, new = (corpus_file(name) for name in MICHELLE)
    code, out, err = cli(capsys, "diff", str(old), str(new))
    assert (code, err) == (0, "")
    assert out == f"{old} (Live 11.3.21) → {new} (Live 12.3.2)\nno musical differences\n"
    assert diff_sets(load(MICHELLE[1]), load(MICHELLE[0])).changes == []


MOVED_SLOT_KIK = [
    ("clip-moved", "dr kik", 'session clip "" moved slot 1 → 5'),
    *[("clip-added", "dr kik", f'session clip "" added in slot {n}') for n in range(6, 10)],
]

#: What really changed between consecutive commits of the edmJM template (see module doc).
EDM_EXPECTED = {
    # 11.1.6 → 11.2.10: a kick stub track, the "fx lo" bus moved below the "nofx" bus, a
    # rename, two devices on "fx master edits", the kick pattern copied into more slots.
    EDM_PAIRS[1]: [
        *MOVED_SLOT_KIK,
        ("track-added", "dr stub kik", "added"),
        ("track-moved", "bus fx lo JM", "moved: position 6 → 13"),
        ("track-renamed", "fx lo 3rd", 'renamed from "fx 3rd"'),
        ("device-added", "fx master edits", 'device "Master FX JM" (Audio Effect Rack) added'),
        ("device-added", "fx master edits", "device Auto Filter added"),
    ],
    # 11.2.10 → 11.3.13: two scenes named, "const sc" from 20 session clips to one long
    # arrangement clip, Ozone 9 Elements replaced by Ozone 10 in the master rack.
    EDM_PAIRS[2]: [
        ("scene-renamed", None, 'scene 23 renamed " 23" → "kik"'),
        ("scene-renamed", None, 'scene 24 renamed " 24" → "stop"'),
        ("clip-added", "const sc", 'clip "" added at bar 1.1 (3348 beats)'),
        *[
            ("clip-removed", "const sc", f'session clip "" in slot {n} removed')
            for n in range(1, 21)
        ],
        (
            "device-removed",
            "bus master JM",
            'device "Master 21 JM" › "master EQ limit 21 JM" › '
            '"Ozone 9 Elements" (vst3 plugin "Ozone 9 Elements") removed',
        ),
        (
            "device-added",
            "bus master JM",
            'device "Master 21 JM" › "master EQ limit 21 JM" › '
            '"Ozone 10" (vst3 plugin "Ozone 10") added',
        ),
    ],
    # 11.3.13 → 12.1.5 (Live 11 → 12): device work only.
    EDM_PAIRS[3]: [
        ("device-added", "bus main JM", 'device "Master FX Rack" (Audio Effect Rack) added'),
        ("device-added", "bus fx hi JM", "device Auto Filter added"),
        ("device-added", "bus fx spot JM", "device Auto Filter added"),
        ("device-added", "bus fx sc JM", "device Auto Filter added"),
        ("device-removed", "bus premaster JM", 'device "Master FX JM" (Audio Effect Rack) removed'),
        (
            "device-removed",
            "bus premaster JM",
            'device "Efx FRAGMENTS" (vst3 plugin "Efx FRAGMENTS") removed',
        ),
        ("device-switched", "bus master JM", 'device "Master 21 JM" › EQ Three switched off'),
        (
            "device-removed",
            "bus master JM",
            'device "Master 21 JM" › "master EQ limit 21 JM" › '
            '"Ozone 10" (vst3 plugin "Ozone 10") removed',
        ),
        (
            "device-added",
            "Main",
            'device "PostMaster Check JM" › "Ozone 10" (vst3 plugin "Ozone 10") added',
        ),
    ],
    # 12.1.5 → 12.2.6: 159 empty scenes, a "bs cold" group with two "sc" tracks, a rack on.
    EDM_PAIRS[4]: [
        *[("scene-added", None, f'scene {n} "" added') for n in range(180, 339)],
        ("track-added", "bs cold", "added"),
        ("track-added", "sc", "added"),
        ("track-added", "sc", "added"),
        (
            "device-switched",
            "bus fx hi JM",
            'device "HPEQ Comp JM" (Audio Effect Rack) switched on',
        ),
    ],
    # 12.2.6 → 12.3.2: the "fx lo" variations, the "fx sc" and "fx hit short" buses deleted.
    EDM_PAIRS[5]: [
        ("clip-removed", "fx lo all", 'clip "fx lo JM" at bar 65.1 removed'),
        *[
            ("track-removed", name, "removed")
            for name in (
                "fx lo 1st",
                "fx lo 2nd",
                "fx lo 3rd",
                "bus fx sc JM",
                "fx atm JM",
                "fx swe JM",
                "fx swe po{1,2,4} JM",
                "fx swe pr1/{8,4,2} JM",
                "fx tonal/fill JM",
                "fx break JM",
                "bus fx hit short JM",
                "fx hit po1,on,pr1/16 JM",
                "fx hit toshift JM",
                "fx hit po1/{8,4,2} JM",
                "fx hit pr1/{8,4,2} JM",
                "fx hit pr{1,2,4} JM",
                "fx hit po{1,2,4} JM",
            )
        ],
    ],
    # 12.3.2 → 12.3.5: a vocal bus with an audio track; "ld loop" moved to the "ld acc" bus;
    # the premaster bus's input chooser went from the interface to No Input.
    EDM_PAIRS[6]: [
        ("track-added", "bus vox JM", "added"),
        ("track-added", "33-Audio", "added"),
        ("track-group", "ld loop", 'moved from group "bus support JM" to group "bus ld acc JM"'),
        ("routing", "bus premaster JM", "audio from Ext. In (1) → No Input"),
    ],
}


@pytest.mark.parametrize("pair", EDM_PAIRS[1:], ids=EDM_IDS[1:])
def test_edm_series_lists_exactly_the_real_changes(pair) -> None:
    old, new = (load(name) for name in pair)
    assert lines(diff_sets(old, new)) == EDM_EXPECTED[pair]


def test_edm_restructure_matches_renamed_tracks() -> None:
    """11.0.12 → 11.1.6 renamed most buses ("dr" → "bus dr JM"), added and removed tracks."""
    diff = diff_sets(*(load(name) for name in EDM_PAIRS[0]))
    renames = [(c.old, c.new) for c in diff.changes if c.kind == "track-renamed"]
    assert renames == [
        ("sc", "sc JM"),
        ("internal", "kik sc"),
        ("sc", "const sc"),
        ("non fx lo JM", "bus nofx lo JM"),
        ("dr kik", "bus kik JM"),
        ("bs lo", "bus bs lo JM"),
        ("bus non fx sends Jm", "bus nofx sends JM"),
        ("non fx hi JM", "bus nofx hi JM"),
        ("dr", "bus dr JM"),
        ("bs", "bus bs JM"),
        ("non bass", "bus nobs JM"),
        ("ld", "bus ld JM"),
        ("support", "bus support JM"),
        ("pd", "bus pd JM"),
        ("pad 1", "pd 1"),
        ("ld misc", "bus ld acc JM"),
        ("ld misc 1", "ld acc 1"),
        ("fx hi JM", "bus fx hi JM"),
        ("fx sc", "bus fx sc JM"),
        ("fx hit JM", "bus fx hit short JM"),
        ("Resample", "resample JM"),
        ("A-3/16 Delay", "A-3/16 Delay JM"),
        ("B-5/16 Delay", "B-5/16 Delay JM"),
        ("C-Rvb", "C-Compress Rvb JM"),
        ("D-Room Rvb", "D-Room Rvb JM"),
        ("E-Drum Send", "E-Drum Send JM"),
        ("F-Bass Send", "F-Bass Send JM"),
        ("G-Mute escape", "G-Mute escape JM"),
    ]
    added = [c.track for c in diff.changes if c.kind == "track-added"]
    removed = [c.track for c in diff.changes if c.kind == "track-removed"]
    assert added == [
        "bus fx lo JM",
        "fx lo all",
        "fx lo 1st",
        "fx lo 2nd",
        "fx 3rd",
        "bus fx spot JM",
        "fx spot 1",
        "prelength JM",
        "fx master edits",
        "bus premaster JM",
        "bus master JM",
        "ref JM",
    ]
    assert removed == ["External sc", "sc", "fx lo JM"]


@pytest.mark.parametrize("pair", EDM_PAIRS, ids=EDM_IDS)
def test_unchanged_tracks_never_appear_as_changed(pair) -> None:
    """A matched track is reported exactly when its textconv rendering changed (apart from its
    name, group and send names, which follow renames of other tracks)."""
    old, new = (load(name) for name in pair)
    diff = diff_sets(old, new)
    quiet = {"track-renamed", "track-moved", "track-group"}
    reported = {
        c.position
        for c in diff.changes
        if c.scope == "track" and c.kind not in quiet | {"track-removed"}
    }

    def body(live_set: LiveSet, t) -> list[str]:
        rendered = list(_track_lines(live_set, t, live_set.timeline()))[1:]
        return [
            re.sub(r'^  send ".*?" ', "  send ", line)
            for line in rendered
            if not line.startswith("  in group ")
        ]

    for i, j in match_tracks(old, new):
        changed = body(old, old.tracks[i]) != body(new, new.tracks[j])
        assert changed == (j + 1 in reported), new.tracks[j].name


@pytest.mark.parametrize("name", [*EDM_SERIES[1:], *MICHELLE])
def test_a_set_compared_with_itself_has_no_difference(name) -> None:
    live_set = load(name)
    assert diff_sets(live_set, live_set).changes == []
