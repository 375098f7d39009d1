"""`reader.slim`: what is cut from a set's XML before parsing, and what is kept."""

from lxml import etree

from alslint.als.slim import slim


def test_clips_and_note_blocks_become_references_and_unread_parts_are_dropped():
    data = (
        b'<A><MidiClip Id="1"><Notes><KeyTracks><KeyTrack>n1</KeyTrack></KeyTracks></Notes></MidiClip>'
        b'<AudioClip Id="2"><Onsets><OnsetEvent /></Onsets><Name Value="x" /></AudioClip>'
        b'<MidiClip Id="3"><Notes><KeyTracks>n2</KeyTracks></Notes></MidiClip></A>'
    )
    xml, blocks = slim(data)
    assert xml == b'<A><MidiClip Block="0" /><AudioClip Block="1" /><MidiClip Block="2" /></A>'
    assert blocks.clips == [
        b'<MidiClip Id="1"><Notes><KeyTracks Block="0" /></Notes></MidiClip>',
        b'<AudioClip Id="2"><Onsets /><Name Value="x" /></AudioClip>',
        b'<MidiClip Id="3"><Notes><KeyTracks Block="1" /></Notes></MidiClip>',
    ]
    assert [bytes(data[start:end]) for start, end in blocks.note_spans] == [
        b"<KeyTrack>n1</KeyTrack>",
        b"n2",
    ]


def test_sample_references_are_cut_out_as_spans_of_the_raw_bytes():
    data = (
        b'<A><AudioClip Id="1"><SampleRef><FileRef><Name Value="a.wav" /></FileRef></SampleRef>'
        b"</AudioClip><Slot><Value><SampleRef><FileRef /></SampleRef></Value></Slot></A>"
    )
    xml, blocks = slim(data)
    assert (
        xml == b'<A><AudioClip Block="0" /><Slot><Value><SampleRef Block="1" /></Value></Slot></A>'
    )
    assert blocks.clips == [b'<AudioClip Id="1"><SampleRef Block="0" /></AudioClip>']
    assert [bytes(data[start:end]) for start, end in blocks.sample_spans] == [
        b'<FileRef><Name Value="a.wav" /></FileRef>',
        b"<FileRef />",
    ]


def test_clip_blocks_are_bytes_even_from_a_bytearray():
    # Large sets arrive as a bytearray; a block is bytes all the same, immutable and hashable.
    _, blocks = slim(bytearray(b'<A><AudioClip Id="1"><Name Value="x" /></AudioClip></A>'))
    assert blocks.clips == [b'<AudioClip Id="1"><Name Value="x" /></AudioClip>']
    assert type(blocks.clips[0]) is bytes


def test_a_clip_block_is_parsed_on_its_own():
    _, blocks = slim(b'<A><AudioClip Id="2" Time="4"><Name Value="x" /></AudioClip></A>')
    clip = blocks.parse(blocks.clips[0], "song.als")
    assert (clip.tag, clip.get("Time"), clip.find("Name").get("Value")) == ("AudioClip", "4", "x")


def test_an_empty_clip_element_is_left_in_place():
    data = b'<A><MidiClip Id="1" /><AudioClip Id="2"><Name Value="y" /></AudioClip></A>'
    xml, blocks = slim(data)
    assert xml == b'<A><MidiClip Id="1" /><AudioClip Block="0" /></A>'
    assert blocks.clips == [b'<AudioClip Id="2"><Name Value="y" /></AudioClip>']


def test_a_frozen_tracks_recorded_clips_go_with_everything_in_them():
    data = (
        b"<DeviceChain><MainSequencer><KeyTracks>kept</KeyTracks></MainSequencer>"
        b"<FreezeSequencer><Onsets>o</Onsets><KeyTracks>frozen</KeyTracks></FreezeSequencer>"
        b"<Mixer /></DeviceChain>"
    )
    xml, blocks = slim(data)
    assert xml == (
        b'<DeviceChain><MainSequencer><KeyTracks Block="0" /></MainSequencer>'
        b"<FreezeSequencer /><Mixer /></DeviceChain>"
    )
    assert [bytes(data[start:end]) for start, end in blocks.note_spans] == [b"kept"]


def test_samplers_sample_zones_are_cut_to_their_names_and_samples_but_not_its_parameters():
    data = (
        b"<MultiSampler><Player><MultiSampleMap><SampleParts>"
        b'<MultiSamplePart Id="0"><LomId Value="0" /><Name Value="Low &amp; C" />'
        b"<SampleRef><FileRef><Path Value='/a.wav' /></FileRef></SampleRef></MultiSamplePart>"
        b'<MultiSamplePart Id="1"><Name Value="No file" /></MultiSamplePart>'
        b'</SampleParts></MultiSampleMap><Reverse><AutomationTarget Id="7" /></Reverse>'
        b"</Player></MultiSampler>"
    )
    xml, blocks = slim(data)
    assert xml == (
        b'<MultiSampler><Player><MultiSampleMap Block="0" /><Reverse><AutomationTarget Id="7" />'
        b"</Reverse></Player></MultiSampler>"
    )
    zones = blocks.zones(etree.fromstring(b'<MultiSampleMap Block="0" />'))
    assert zones == [(b"Low &amp; C", b"<FileRef><Path Value='/a.wav' /></FileRef>")]


def test_xml_without_anything_to_cut_is_returned_as_it_is():
    data = b"<Ableton><LiveSet><Tracks /></LiveSet></Ableton>"
    xml, blocks = slim(data)
    assert xml is data
    assert blocks.note_spans == []


def test_an_unclosed_part_is_kept_for_the_parser_to_report():
    data = b"<A><Onsets>1</Onsets><KeyTracks><KeyTrack></A>"
    xml, blocks = slim(data)
    assert xml == b"<A><Onsets /><KeyTracks><KeyTrack></A>"
    assert blocks.note_spans == []


def test_slot_lists_without_clips_are_cut_and_those_with_clips_kept():
    empty = b'<ClipSlot Id="0"><LomId Value="0" /><ClipSlot><Value /></ClipSlot></ClipSlot>'
    held = (
        b'<ClipSlot Id="1"><ClipSlot><Value><MidiClip Id="3" Time="0">'
        b"<Notes><KeyTracks>n</KeyTracks></Notes></MidiClip></Value></ClipSlot></ClipSlot>"
    )
    data = (
        b"<Tracks><MidiTrack><ClipSlotList>" + empty + b"</ClipSlotList></MidiTrack>"
        b"<MidiTrack><ClipSlotList>" + empty + held + b"</ClipSlotList></MidiTrack></Tracks>"
    )
    xml, blocks = slim(data)
    assert xml == (
        b"<Tracks><MidiTrack><ClipSlotList /></MidiTrack>"
        b"<MidiTrack><ClipSlotList>"
        + empty
        + b'<ClipSlot Id="1"><ClipSlot><Value><MidiClip Block="0" /></Value></ClipSlot></ClipSlot>'
        + b"</ClipSlotList></MidiTrack></Tracks>"
    )
    assert blocks.clips == [
        b'<MidiClip Id="3" Time="0"><Notes><KeyTracks Block="0" /></Notes></MidiClip>'
    ]
    assert [bytes(data[start:end]) for start, end in blocks.note_spans] == [b"n"]
