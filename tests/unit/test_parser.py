"""Parser behaviour not tied to one corpus file (the corpus tests check what is read)."""

import pydantic
import pytest
from set_factory import audio_clip, audio_track, set_xml, write_set

import alslint


def test_clips_playing_the_same_file_share_one_sample_reference(tmp_path):
    path = write_set(
        tmp_path / "s.als",
        [
            audio_track(
                "Vox", [audio_clip(0, 4, sample_seconds=2.0), audio_clip(8, 12, sample_seconds=2.0)]
            ),
            audio_track("Gtr", [audio_clip(0, 4, sample_seconds=3.0)]),
        ],
    )
    vox, gtr = alslint.load(path).tracks[:2]
    first, second = (clip.sample for clip in vox.arrangement_clips)
    assert first is second
    assert (first.name, first.duration_samples) == ("x.wav", 88200)
    assert gtr.arrangement_clips[0].sample.duration_samples == 132300
    with pytest.raises(pydantic.ValidationError):
        first.name = "y.wav"  # shared, so immutable


def test_a_set_saved_in_another_encoding_reads_its_clips_in_it(tmp_path):
    # Live writes UTF-8; clips and sample references are parsed apart from the document, so
    # they must be read in the encoding the document declares.
    xml = set_xml([audio_track("Vox", [audio_clip(0, 4, "Café", sample_seconds=1.0)])])
    xml = xml.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').replace("x.wav", "été.wav")
    path = tmp_path / "latin.als"
    path.write_bytes(xml.encode("latin-1"))
    clip = alslint.load(path).tracks[0].arrangement_clips[0]
    assert (clip.name, clip.sample.name) == ("Café", "été.wav")


def test_a_rack_macro_is_named_as_live_shows_it():
    """`MacroControls.0` is "Macro 1" in Live, or the name the producer gave it."""
    from lxml import etree

    from alslint.als.automation import _macro_name

    rack = etree.fromstring(
        '<AudioEffectGroupDevice><MacroDisplayNames.0 Value="Macro 1"/>'
        '<MacroDisplayNames.1 Value="Drive"/><MacroDisplayNames.2 Value=" "/>'
        "<MacroControls.0/><MacroControls.1/><MacroControls.2/><MacroControls.7/>"
        "</AudioEffectGroupDevice>"
    )
    names = [_macro_name(el) for el in rack if el.tag.startswith("MacroControls.")]
    assert names == ["Macro 1", "Drive", "Macro 3", "Macro 8"]
