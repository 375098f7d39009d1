"""Parser behaviour not tied to one corpus file (the corpus tests check what is read)."""

import pydantic
import pytest

import alslint
from set_factory import audio_clip, audio_track, write_set


def test_clips_playing_the_same_file_share_one_sample_reference(tmp_path):
    path = write_set(tmp_path / "s.als", [
        audio_track("Vox", [audio_clip(0, 4, sample_seconds=2.0), audio_clip(8, 12, sample_seconds=2.0)]),
        audio_track("Gtr", [audio_clip(0, 4, sample_seconds=3.0)]),
    ])  # fmt: skip
    vox, gtr = alslint.load(path).tracks[:2]
    first, second = (clip.sample for clip in vox.arrangement_clips)
    assert first is second
    assert (first.name, first.duration_samples) == ("x.wav", 88200)
    assert gtr.arrangement_clips[0].sample.duration_samples == 132300
    with pytest.raises(pydantic.ValidationError):
        first.name = "y.wav"  # shared, so immutable
