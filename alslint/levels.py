"""The words a run is graded in: the production stages and the severities.

Kept free of pydantic and the model, so the command line can offer `--stage` and reports can
rank findings without importing the rule API.
"""

from __future__ import annotations

import enum


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class Stage(str, enum.Enum):
    """The five production stages; a rule belongs to the stage where its problem is fixed."""

    COMPOSITION = "composition"
    ARRANGEMENT = "arrangement"
    SOUND_DESIGN = "sound-design"
    MIXING = "mixing"
    MASTERING = "mastering"


#: A rule belongs to the stage in which its problem should be fixed.
STAGES = [stage.value for stage in Stage]

#: What `--stage` accepts: the stage you are about to start; `release` comes after mastering.
STAGE_ORDER = [*STAGES, "release"]
