"""livexml, the writer of the sample sets and of the tests' sets (`sample_projects/livexml`).

The sample sets themselves are checked in test_sample_projects.py; here: values are written
the way Live writes them, any text survives the trip through a file, and a set written in
full (Live 12.3's schema) and in the minimal form the tests use reads back the same.
"""

from __future__ import annotations

import pytest
from livexml import (
    AudioClip,
    AudioTrack,
    Automation,
    Fades,
    GroupTrack,
    LiveSet,
    Locator,
    MidiClip,
    MidiTrack,
    Note,
    ReturnTrack,
    Reverb,
    Sample,
    Scale,
    minimal,
    to_als,
)
from livexml.devices import NamedDevice
from livexml.schema import time_signature_code, time_signature_of_code
from livexml.xml import fmt

import alslint


@pytest.mark.parametrize(
    ("value", "text"),
    [(True, "true"), (False, "false"), (3, "3"), (120.0, "120"), (0.1 + 0.2, "0.3"), ("x", "x")],
)
def test_values_are_written_as_live_writes_them(value, text):
    assert fmt(value) == text


def test_a_value_live_cannot_read_is_refused():
    with pytest.raises(ValueError, match="exponent"):
        fmt(1e-7)


@pytest.mark.parametrize(("numerator", "denominator"), [(4, 4), (3, 4), (6, 8), (7, 16)])
def test_time_signature_codes_go_both_ways(numerator, denominator):
    code = time_signature_code(numerator, denominator)
    assert time_signature_of_code(code) == (numerator, denominator)


def _song() -> LiveSet:
    name = 'Say "hi" & <go>\n\tnow'  # every character XML escapes, and white space
    live_set = LiveSet(
        tempo=97.5,
        time_signature=(3, 4),
        scale=Scale.minor("F#"),
        scene_count=2,
        locators=[Locator("Intro", 0), Locator(name, 32)],
        main_devices=[NamedDevice(tag="Limiter")],
    )
    group = live_set.add(GroupTrack("Band", color=3))
    vox = live_set.add(AudioTrack(name, group=group, volume=0.5, pan=-0.25, sends=[0.1]))
    vox.clips.append(
        AudioClip(
            name,
            start=4,
            end=20,
            loop=(0, 4),
            sample=Sample("Samples/Vox.wav", seconds=2.0),
            fades=Fades.explicit(0.5, 0.25),
        )
    )
    vox.session_clips.append(AudioClip("Loop", start=0, end=8, sample=Sample("Samples/L.wav", 4.0)))
    vox.automation.append(Automation("Volume", [(0, 0.25), (16, 0.75)]))
    keys = live_set.add(
        MidiTrack("Keys", active=False, solo=True, devices=[NamedDevice(tag="Operator")])
    )
    keys.clips.append(
        MidiClip(
            "Chords", start=0, end=16, disabled=True, notes=[Note(62, 0, 1), Note(57, 0.5, 2, 90)]
        )
    )
    live_set.add(ReturnTrack("Reverb", devices=[Reverb(on=False)]))
    return live_set


def _read_back(tmp_path, name: str, data: bytes) -> dict:
    path = tmp_path / name
    path.write_bytes(data)
    s = alslint.load(path)
    assert s.damage == []
    return {
        "song": (s.creator, s.tempo, s.time_signature, s.scale, s.locators, len(s.scenes)),
        "tracks": [
            {
                "track": (t.type, t.name, t.user_name, t.group_name, t.mixer),
                "devices": [(d.tag, d.on) for d in t.devices],
                "clips": [
                    (c.kind, c.name, c.start, c.end, c.loop, c.disabled, c.fades, c.warp_markers)
                    + (
                        c.sample and c.sample.relative_path,
                        c.notes and list(c.notes),
                        c.scene_index,
                    )
                    for c in t.arrangement_clips + t.session_clips
                ],
                "envelopes": [(e.parameter, e.default_value, list(e.points)) for e in t.envelopes],
            }
            for t in s.tracks
        ],
    }


def test_the_full_and_the_minimal_form_read_back_the_same(tmp_path):
    full = _read_back(tmp_path, "full.als", to_als(_song()))
    small = _read_back(tmp_path, "minimal.als", minimal.to_als(_song()))
    # Only in full: Live's static tempo and signature envelopes on the main track.
    assert full["tracks"][-1].pop("envelopes") == [
        ("TimeSignature", 200.0, []),
        ("Tempo", 97.5, []),
    ]
    assert small["tracks"][-1].pop("envelopes") == []
    assert small == full
    vox = full["tracks"][1]
    assert vox["track"][1] == 'Say "hi" & <go>\n\tnow'
    assert vox["clips"][0][1] == 'Say "hi" & <go>\n\tnow'
    assert full["song"][4][1].name == 'Say "hi" & <go>\n\tnow'
    assert [t["track"][1] for t in full["tracks"]][-2:] == ["A-Reverb", "Main"]
