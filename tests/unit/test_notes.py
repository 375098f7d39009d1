"""The note decoder on hand-written `<KeyTracks>` contents (the corpus tests check real ones)."""

import pytest

from alslint.als.notes import decode_notes


def key_track(pitch: int, *notes: str) -> str:
    return f'<KeyTrack Id="0"><Notes>{"".join(notes)}</Notes><MidiKey Value="{pitch}" /></KeyTrack>'


def decode(content: str):
    data = b"<KeyTracks>" + content.encode() + b"</KeyTracks>"
    notes = decode_notes(data, len(b"<KeyTracks>"), len(data) - len(b"</KeyTracks>"))
    return [tuple(note) for note in notes]


def test_notes_in_live_order_with_every_column():
    content = key_track(
        36,
        '<MidiNoteEvent Time="0" Duration="0.25" Velocity="100" OffVelocity="64" IsEnabled="true" />',
        '<MidiNoteEvent Time="1.5" Duration="0.5" Velocity="90.5" OffVelocity="64" IsEnabled="false" />',
    ) + key_track(
        38,
        '<MidiNoteEvent Time="1" Duration="1" Velocity="127" OffVelocity="64" IsEnabled="true" />',
    )
    assert decode(content) == [
        (36, 0.0, 0.25, 100.0, True),
        (36, 1.5, 0.5, 90.5, False),
        (38, 1.0, 1.0, 127.0, True),
    ]


def test_live_12_2_writes_is_enabled_only_on_muted_notes():
    content = key_track(
        60,
        '<MidiNoteEvent Time="0" Duration="1" Velocity="100" NoteId="1" />',
        '<MidiNoteEvent Time="1" Duration="1" Velocity="100" IsEnabled="false" NoteId="2" />',
        '<MidiNoteEvent Time="2" Duration="1" Velocity="100" NoteId="3" />',
    ) + key_track(
        62, '<MidiNoteEvent Time="3" Duration="1" Velocity="100" IsEnabled="false" NoteId="4" />'
    )
    assert [enabled for *_, enabled in decode(content)] == [True, False, True, False]


def test_attributes_in_another_order_are_read_by_name():
    content = key_track(
        48,
        '<MidiNoteEvent Velocity="80" Time="2" Duration="0.5" />',
        '<MidiNoteEvent Time="3" Duration="0.25" Velocity="70" />',
    )
    assert decode(content) == [(48, 2.0, 0.5, 80.0, True), (48, 3.0, 0.25, 70.0, True)]


def test_key_tracks_without_notes_are_skipped():
    assert decode(
        key_track(40) + key_track(41, '<MidiNoteEvent Time="0" Duration="1" Velocity="1" />')
    ) == [(41, 0.0, 1.0, 1.0, True)]
    assert decode("") == []


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (
            key_track(36, '<MidiNoteEvent Time="0" Velocity="100" />'),
            "a note without a time, duration or velocity",
        ),
        (
            '<KeyTrack Id="0"><Notes><MidiNoteEvent Time="0" Duration="1" Velocity="1" /></Notes></KeyTrack>',
            "a key track without a MIDI key",
        ),
        (
            key_track(36, '<MidiNoteEvent Time="NaN" Duration="1" Velocity="1" />'),
            "a note has a value that is not a finite number",
        ),
        (
            key_track(36, '<MidiNoteEvent Time="2e7" Duration="1" Velocity="1" />'),
            "a note lies beyond any arrangement",
        ),
        (
            '<KeyTrack IsEnabled="false" Id="0"><Notes><MidiNoteEvent Time="0" Duration="1" Velocity="1" />'
            '</Notes><MidiKey Value="1" /></KeyTrack>',
            "a mute mark outside any note",
        ),
    ],
)
def test_damaged_notes_raise_value_error(content, problem):
    with pytest.raises(ValueError) as raised:
        decode(content)
    assert str(raised.value) == problem
