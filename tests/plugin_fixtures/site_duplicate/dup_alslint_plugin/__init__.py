"""A plugin whose rule reuses a built-in code: alslint must refuse to guess."""

from alslint.api import Rule, Stage


class FadeCheck(Rule):
    code = "ALS301"
    name = "fade-check"
    summary = "Duplicate of a built-in code."
    stage = Stage.SOUND_DESIGN

    def check(self, live_set, options, context):
        return iter(())
