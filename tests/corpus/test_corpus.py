"""alslint.load() on every real set of the corpus, checked against counts taken from the raw
XML by tests/corpus_counts.py (plain lxml, no alslint code), and against the corpus's own
PROVENANCE.tsv / FEATURES.tsv.
"""

from __future__ import annotations

import csv
import hashlib
from functools import cache
from pathlib import Path

import pytest
from corpus_counts import note_digest
from corpus_lookup import load_model, load_raw

from alslint.model import TimeSignature

# The three signature codes in the corpus (value = numerator - 1 + 99 * log2(denominator)).
SIGNATURES = {201: (4, 4), 200: (3, 4), 304: (8, 8)}


@cache
def _tsv(path: Path) -> dict[str, dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return {row["file"]: row for row in csv.DictReader(handle, delimiter="\t")}


def _notes(clips) -> int:
    return sum(len(clip.notes) for clip in clips if clip.notes is not None)


# -- the corpus itself ---------------------------------------------------------------------


def test_corpus_files_match_provenance_sha256(corpus_dir):
    provenance = _tsv(corpus_dir / "PROVENANCE.tsv")
    on_disk = {p.name for p in corpus_dir.glob("*.als")}
    assert on_disk == set(provenance)
    assert len(on_disk) == 101
    wrong = [
        name
        for name, row in provenance.items()
        if hashlib.sha256((corpus_dir / name).read_bytes()).hexdigest() != row["sha256"]
        or (corpus_dir / name).stat().st_size != int(row["bytes"])
    ]
    assert wrong == []


# -- per file: the model against the raw XML -----------------------------------------------


def test_loads_without_damage(als_file, live_set, raw, corpus_dir):
    row = _tsv(corpus_dir / "PROVENANCE.tsv")[als_file.name]
    assert live_set.damage == []
    assert live_set.creator == raw.creator == row["creator"]
    assert live_set.live_version == raw.creator.removeprefix("Ableton Live ")
    assert live_set.schema_family == raw.schema_family
    assert als_file.name.startswith(f"live{live_set.live_version}__")


def test_track_kinds(live_set, raw, corpus_dir, als_file):
    assert raw.masters == 1
    assert [t.type for t in live_set.tracks] == [t.kind for t in raw.tracks]
    assert {k: len(live_set.tracks_of(k)) for k in raw.kinds} == raw.kinds
    provenance = _tsv(corpus_dir / "PROVENANCE.tsv")[als_file.name]
    assert sum(raw.kinds.values()) == int(provenance["tracks"])
    assert live_set.master is live_set.tracks[-1]
    assert live_set.master.type == "master" and live_set.master.id is None
    assert [t.index for t in live_set.tracks] == list(range(len(raw.tracks)))
    assert [t.id for t in live_set.tracks] == [t.id for t in raw.tracks]
    assert [t.frozen for t in live_set.tracks] == [t.frozen for t in raw.tracks]


def test_track_names(live_set, raw):
    for track, ref in zip(live_set.tracks, raw.tracks):
        assert track.user_name == ref.user_name
        if ref.effective_name is not None:  # Live 8.2.1 stores none; the parser derives one
            assert track.name == ref.effective_name
        else:
            assert track.name != ""


def test_arrangement_clips(live_set, raw):
    for track, ref in zip(live_set.tracks, raw.tracks):
        assert [(c.kind, c.start, c.end) for c in track.arrangement_clips] == ref.arrangement_clips
        assert all(c.scene_index is None and c.take_lane is None for c in track.arrangement_clips)


def test_session_clips(live_set, raw):
    for track, ref in zip(live_set.tracks, raw.tracks):
        assert [(c.scene_index, c.kind) for c in track.session_clips] == ref.session_clips
        assert all(c.start == 0.0 for c in track.session_clips)


def test_take_lane_clips(live_set, raw):
    for track, ref in zip(live_set.tracks, raw.tracks):
        got = [(c.take_lane, c.kind, c.start, c.end) for c in track.take_lane_clips]
        assert got == ref.take_lane_clips


def test_midi_notes(live_set, raw):
    clips = [t.arrangement_clips + t.session_clips + t.take_lane_clips for t in live_set.tracks]
    per_track = [_notes(c) for c in clips]
    assert per_track == [t.notes for t in raw.tracks]
    # Everything else in the document that is a note belongs to groove-pool clips.
    assert sum(per_track) + raw.groove_notes == raw.all_notes
    notes = [[note for clip in c if clip.notes is not None for note in clip.notes] for c in clips]
    muted = [sum(not note.enabled for note in track) for track in notes]
    assert muted == [t.muted_notes for t in raw.tracks]
    assert [note_digest(track) for track in notes] == [t.note_digest for t in raw.tracks]


def test_tempo_and_time_signature(live_set, raw):
    assert live_set.tempo == raw.tempo
    assert raw.signature_code in SIGNATURES
    numerator, denominator = SIGNATURES[raw.signature_code]
    assert live_set.time_signature == TimeSignature(numerator=numerator, denominator=denominator)
    assert live_set.time_signature.code == raw.signature_code


def test_tempo_and_signature_envelopes(live_set, raw):
    for envelope, ref, name in (
        (live_set.tempo_envelope, raw.tempo_envelope, "Tempo"),
        (live_set.time_signature_envelope, raw.signature_envelope, "TimeSignature"),
    ):
        if ref is None:
            assert envelope is None
            continue
        assert (envelope.owner, envelope.parameter) == ("Mixer", name)
        assert (envelope.default_value, len(envelope.points)) == ref
    if live_set.schema_family >= 5:  # every Live 10+ master carries both envelopes
        assert raw.tempo_envelope is not None and raw.signature_envelope is not None


def test_locators_sorted_by_time(live_set, raw):
    assert [(loc.time, loc.name) for loc in live_set.locators] == sorted(
        raw.locators, key=lambda loc: loc[0]
    )


def test_envelopes(live_set, raw):
    for track, ref in zip(live_set.tracks, raw.tracks):
        assert [(e.default_value, len(e.points)) for e in track.envelopes] == ref.envelopes
        for envelope in track.envelopes:
            assert envelope.parameter and envelope.owner  # resolved to a named parameter
            assert list(envelope.points.times) == sorted(envelope.points.times)
            if live_set.schema_family >= 5:
                assert envelope.default_value is not None


def test_plugins(live_set, raw):
    for track, ref in zip(live_set.tracks, raw.tracks):
        plugins = [(d.plugin_format, d.plugin_name) for d in track.all_devices() if d.is_plugin]
        assert plugins == ref.plugins


def test_devices(live_set, raw):
    # Every device, racks opened in chain order, Drum Rack return chains (ReturnBranches) too.
    for track, ref in zip(live_set.tracks, raw.tracks):
        assert [d.tag for d in track.all_devices()] == ref.devices, f"track {track.name!r}"


def test_instrument_samples(live_set, raw):
    # Simpler's and Sampler's zones and Impulse's slots, in device order.
    for track, ref in zip(live_set.tracks, raw.tracks):
        samples = [
            (device.tag, sample.zone, sample.sample.name)
            for device in track.all_devices()
            for sample in device.samples
        ]
        assert samples == ref.instrument_samples, f"track {track.name!r}"


def test_routing(live_set, raw):
    # Every chooser's stored target and the monitoring state, Live 8.2 to 12.
    monitoring = {"0": "in", "1": "auto", "2": "off", None: None}
    for track, ref in zip(live_set.tracks, raw.tracks):
        routing = track.routing
        targets = tuple(
            None if route is None else route.target
            for route in (routing.audio_in, routing.audio_out, routing.midi_in, routing.midi_out)
        )
        assert targets == ref.routing, f"track {track.name!r}"
        assert routing.monitoring == monitoring[ref.monitoring], f"track {track.name!r}"


def test_routing_between_tracks(live_set, raw):
    # Tracks routed into another track (by its Id; -1 is the main track), counted from the
    # raw targets, are the model's sources of that track.
    ids = [ref.id if ref.kind != "master" else -1 for ref in raw.tracks]
    expected = {}
    for position, ref in enumerate(raw.tracks):
        for target in ref.routing:
            if target and target.split("/")[1].startswith("Track."):
                other = int(target.split("/")[1].removeprefix("Track."))
                if other in ids and ids.index(other) != position:
                    into = target.startswith(("AudioOut", "MidiOut"))
                    pair = (position, ids.index(other)) if into else (ids.index(other), position)
                    expected.setdefault(pair[1], set()).add(pair[0])
    found = {
        track.index: {source.index for source in live_set.sources(track)}
        for track in live_set.tracks
        if live_set.sources(track)
    }
    assert found == expected


# -- raw counts against FEATURES.tsv -------------------------------------------------------


def test_features_tsv(raw, als_file, corpus_dir):
    row = {
        k: int(v)
        for k, v in _tsv(corpus_dir / "FEATURES.tsv")[als_file.name].items()
        if k not in ("file", "creator")
    }
    # FEATURES counts more widely than the model: its arrangement clips include take-lane
    # clips and FreezeSequencer arrangement clips, its session clips FreezeSequencer slots,
    # and its notes every MidiNoteEvent in the file (groove-pool clips too).
    assert row == {
        "audio_tracks": raw.kinds["audio"],
        "midi_tracks": raw.kinds["midi"],
        "group_tracks": raw.kinds["group"],
        "return_tracks": raw.kinds["return"],
        "arr_audio_clips": raw.clips("arrangement_clips", "audio")
        + raw.clips("take_lane_clips", "audio")
        + raw.clips("freeze_arrangement", "audio"),
        "arr_midi_clips": raw.clips("arrangement_clips", "midi")
        + raw.clips("take_lane_clips", "midi")
        + raw.clips("freeze_arrangement", "midi"),
        "session_clips": sum(len(t.session_clips) + len(t.freeze_session) for t in raw.tracks),
        "midi_notes": raw.all_notes,
        "automation_envelopes_or_inline_auto": sum(len(t.envelopes) for t in raw.tracks),
        "locators": len(raw.locators),
        "vst2": sum(t.count("vst2") for t in raw.tracks),
        "vst3": sum(t.count("vst3") for t in raw.tracks),
        "au": sum(t.count("au") for t in raw.tracks),
        "frozen_tracks": sum(t.frozen for t in raw.tracks),
        "crlf_line_endings": row["crlf_line_endings"],  # not a model property
        "gzip_os_byte": als_file.read_bytes()[9],
    }


# -- a few documented facts, exactly -------------------------------------------------------


def test_freeze_clips_of_an_unfrozen_track(corpus_file):
    # docs §11: unfrozen MIDI track "kik sc" keeps 16 session AudioClips of an old freeze in
    # its FreezeSequencer; they are not the track's clips (it has 16 MIDI clips of its own).
    path = corpus_file("live11.1.6__MenkeTechnologies__AbletonLiveTemplates__edmJM@3b88fa83.als")
    live_set, raw = load_model(path), load_raw(path)
    (index,) = [t.index for t in live_set.tracks if t.name == "kik sc"]
    track, ref = live_set.tracks[index], raw.tracks[index]
    assert (track.type, track.frozen) == ("midi", False)
    assert ref.freeze_session == ["audio"] * 16
    assert [c.kind for c in track.session_clips] == ["midi"] * 16
    assert track.arrangement_clips == [] and track.take_lane_clips == []


def test_muted_notes_of_live_12_2(corpus_file):
    # docs §6: 12.2+ writes IsEnabled only on muted notes: 4,273 of 113,810 here.
    path = corpus_file("live12.2.6__MenkeTechnologies__AbletonLiveTemplates__edmJM@4b708984.als")
    tracks = load_model(path).tracks
    clips = [c for t in tracks for c in t.arrangement_clips + t.session_clips + t.take_lane_clips]
    enabled = [flag for clip in clips if clip.notes for flag in clip.notes.enabled]
    assert (len(enabled), enabled.count(0)) == (113_810, 4_273)


def test_locators_of_the_automation_test_set(corpus_file):
    path = corpus_file("live10.1.7__offlinemark__dawtool__tests__als__automation.als")
    got = [(loc.time, loc.name) for loc in load_model(path).locators]
    assert got == [(0.0, "A"), (4.0, "B"), (6.0, "D"), (8.0, "C"), (10.0, "Z"), (14.0, "E")]


@pytest.mark.parametrize(
    "name, signature",
    [
        ("live10.1.7__BillMoriarty__song-glitchy__glitchy.als", "3/4"),
        ("live9.7__FrancoCerone__ElektroWaveEP__Ep__Movements__Movements.als", "8/8"),
        ("live9.7__FrancoCerone__ElektroWaveEP__Ep__Reggae__Reggae.als", "8/8"),
        ("live8.3.4__burtlo__monsters-101-album__dont-wake-the-giant.als", "4/4"),
    ],
)
def test_documented_time_signatures(corpus_file, name, signature):
    assert str(load_model(corpus_file(name)).time_signature) == signature


# -- the same song saved by different Live versions ----------------------------------------

MICHELLE = (
    "live11.3.21__LiveDBApp__node-als-parser__tests__test-data__projects__Michelle.als",
    "live12.3.2__LiveDBApp__node-als-parser__tests__test-data__projects__Michelle-12.3.als",
)


def _clip_positions(track) -> list[tuple]:
    return (
        [("arrangement", c.kind, c.start, c.end) for c in track.arrangement_clips]
        + [("session", c.kind, c.scene_index, c.end) for c in track.session_clips]
        + [("take", c.kind, c.take_lane, c.start, c.end) for c in track.take_lane_clips]
    )


def _track_notes(track) -> int:
    return _notes(track.arrangement_clips + track.session_clips + track.take_lane_clips)


def _note_lists(track) -> list[list]:
    clips = track.arrangement_clips + track.session_clips + track.take_lane_clips
    return [list(c.notes) for c in clips if c.notes is not None]


def _plugins(track) -> list[tuple[str, str]]:
    return [(d.plugin_format, d.plugin_name) for d in track.all_devices() if d.is_plugin]


def test_michelle_live11_and_live12_agree(corpus_file):
    old, new = (load_model(corpus_file(name)) for name in MICHELLE)
    assert (old.live_version, new.live_version) == ("11.3.21", "12.3.2")
    # Same song: only the master's name (MasterTrack → MainTrack) and the key toggle differ.
    assert [(t.type, t.name) for t in old.tracks[:-1]] == [
        (t.type, t.name) for t in new.tracks[:-1]
    ]
    assert (old.master.name, new.master.name) == ("Master", "Main")
    assert len(old.tracks) == len(new.tracks) == 14
    for a, b in zip(old.tracks, new.tracks):
        assert _clip_positions(a) == _clip_positions(b), a.name
        assert _plugins(a) == _plugins(b), a.name
        assert [d.name for d in a.all_devices()] == [d.name for d in b.all_devices()], a.name
        assert a.mixer == b.mixer, a.name
        assert [e.label for e in a.envelopes] == [e.label for e in b.envelopes], a.name
        # Note by note, although 12.3 leaves default attributes out (docs §6).
        assert _note_lists(a) == _note_lists(b), a.name
    assert [_track_notes(t) for t in old.tracks] == [_track_notes(t) for t in new.tracks]
    assert sum(_track_notes(t) for t in old.tracks) == 27
    assert (old.tempo, new.tempo) == (126.0, 126.0)
    assert str(old.time_signature) == str(new.time_signature) == "4/4"
    assert old.locators == new.locators == []
    assert old.scenes == new.scenes and len(old.scenes) == 8
    assert (old.scale.root, old.scale.name, old.scale.in_key) == (0, "Major", False)
    assert (new.scale.root, new.scale.name, new.scale.in_key) == (0, "Major", True)


# The edmJM template re-saved by successive Live versions, in version order.
EDMJM = [
    "live11.0.12__MenkeTechnologies__AbletonLiveTemplates__edmJM@b140f4e1.als",
    "live11.1.6__MenkeTechnologies__AbletonLiveTemplates__edmJM@3b88fa83.als",
    "live11.2.10__MenkeTechnologies__AbletonLiveTemplates__edmJM@74b77f94.als",
    "live11.3.13__MenkeTechnologies__AbletonLiveTemplates__edmJM@db0a68f1.als",
    "live12.1.5__MenkeTechnologies__AbletonLiveTemplates__edmJM@259522b7.als",
    "live12.2.6__MenkeTechnologies__AbletonLiveTemplates__edmJM@4b708984.als",
    "live12.3.2__MenkeTechnologies__AbletonLiveTemplates__edmJM@4f778416.als",
    "live12.3.5__MenkeTechnologies__AbletonLiveTemplates__edmJM.als",
]

# What the template's author changed between consecutive versions, found by comparing the
# files. Tracks are matched by (Id, type, name); a renamed track counts as removed + added.
# (tracks matched, Ids whose clips/notes changed, Ids whose plugins changed, master plugins changed)
EDMJM_CHANGES = [
    (21, {693, 694, 695, 696, 702, 704, 709, 710}, set(), True),  # big rework, many renames
    (66, {640}, set(), False),  # "dr kik" gets session clips; "fx 3rd" → "fx lo 3rd"
    (68, {248}, {718}, False),  # "const sc" clips to the arrangement; Ozone 9 → 10
    (68, set(), {636, 718, 738}, True),  # plugins moved between buses and the main track
    (68, set(), set(), False),  # three tracks added
    (54, {712}, set(), False),  # seventeen tracks removed, one clip deleted
    (54, set(), set(), False),  # two tracks added
]


def test_edmjm_series_is_sorted_and_complete(corpus_dir):
    assert sorted(p.name for p in corpus_dir.glob("*edmJM*.als")) == sorted(EDMJM)


def test_edmjm_song_settings_never_change(corpus_file):
    sets = [load_model(corpus_file(name)) for name in EDMJM]
    for live_set in sets:
        assert (live_set.tempo, str(live_set.time_signature)) == (140.0, "4/4")
        assert live_set.locators == sets[0].locators
    assert len(sets[0].locators) == 11
    assert [(loc.time, loc.name) for loc in sets[0].locators[:5]] == [
        (128.0, "Prev track start"),
        (248.0, "2b pre"),
        (256.0, "start"),
        (384.0, "bass"),
        (512.0, "leads"),
    ]


def _edmjm_step_id(step: int) -> str:
    return "-".join(EDMJM[i].split("__")[0].removeprefix("live") for i in (step, step + 1))


@pytest.mark.parametrize("step", range(len(EDMJM) - 1), ids=_edmjm_step_id)
def test_edmjm_consecutive_versions_agree(corpus_file, step):
    old, new = load_model(corpus_file(EDMJM[step])), load_model(corpus_file(EDMJM[step + 1]))
    matched, clips_changed, plugins_changed, master_changed = EDMJM_CHANGES[step]
    by_key = {(t.id, t.type, t.name): t for t in new.tracks[:-1]}
    pairs = [(a, by_key[k]) for a in old.tracks[:-1] if (k := (a.id, a.type, a.name)) in by_key]
    assert len(pairs) == matched
    got_clips = {
        a.id
        for a, b in pairs
        if _clip_positions(a) != _clip_positions(b) or _track_notes(a) != _track_notes(b)
    }
    got_plugins = {a.id for a, b in pairs if _plugins(a) != _plugins(b)}
    assert (got_clips, got_plugins) == (clips_changed, plugins_changed)
    assert (_plugins(old.master) != _plugins(new.master)) == master_changed
    # Unchanged tracks hold the same notes, note by note (12.2+ omits default attributes).
    for a, b in pairs:
        if a.id not in clips_changed:
            assert _note_lists(a) == _note_lists(b), a.name
