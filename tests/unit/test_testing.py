"""`alslint.testing`: the builders and the one check helper rule tests share."""

from __future__ import annotations

from alslint.api import Finding, Rule, Severity, Stage
from alslint.testing import audio_clip, findings, make_set, make_track


class LongClip(Rule):
    code = "ALS990"
    name = "long-clip"
    summary = "A clip is longer than `beats`."
    stage = Stage.ARRANGEMENT
    default_severity = Severity.INFO

    def check(self, live_set, options, context):
        for track in live_set.tracks:
            for clip in track.arrangement_clips:
                if clip.length > 8:
                    yield Finding(message="long clip", location=context.location(track, clip))


def test_findings_gives_location_and_message_pairs():
    live_set = make_set([make_track("audio", "Vox", clips=[audio_clip(0, 16), audio_clip(16, 20)])])
    assert findings(LongClip, live_set) == [('Vox › clip "Clip" @ bars 1–4', "long clip")]
