"""inspect and no-key agree on what counts as a chosen key (issue #13)."""

from alslint import testing
from alslint.inspect.overview import overview
from alslint.inspect.render import to_text
from alslint.model import Scale
from alslint.testing import make_set, make_track
from alslint_rules.no_key import NoKey


def test_inspect_and_no_key_agree_on_lives_default_key():
    # Issue #13: Live's untouched C Major (Scale Mode off) is no chosen key for both.
    live_set = make_set(
        [make_track("audio", "Vox")], scale=Scale(root=0, name="Major", in_key=False)
    )
    assert overview(live_set)["key"]["chosen"] is False
    assert "  Key: none chosen (Live's default, C Major with Scale Mode off)\n" in to_text(
        overview(live_set)
    )
    assert testing.findings(NoKey, live_set) == [
        (
            "whole set",
            "No key is chosen (the set still holds Live's default, C Major with Scale Mode off): "
            "decide the song's root and scale now",
        ),
    ]
