"""The five production stages, in order; kept apart from the rule API so the command line can
list them without importing the model."""

#: A rule belongs to the stage in which its problem should be fixed.
STAGES = ["composition", "arrangement", "sound-design", "mixing", "mastering"]

#: What `--stage` accepts: the stage you are about to start; `release` comes after mastering.
STAGE_ORDER = [*STAGES, "release"]
