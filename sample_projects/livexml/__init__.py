"""livexml: write Ableton Live sets (.als, gzipped XML) from a plain description.

The sample sets (`sample_projects/build_samples.py`) and the tests' small sets
(`tests/set_factory.py`) are both written with it. A song is described with the classes
of `livexml.model` and the devices of `livexml.devices`/`livexml.instruments`, then
written in the schema Live 12.3 writes::

    live_set = LiveSet(tempo=120, scale=Scale.major("C"))
    drums = live_set.add(AudioTrack("Drums"))
    drums.clips.append(AudioClip("Loop", start=0, end=32, sample=Sample(...), loop=(0, 4)))
    live_set.add(ReturnTrack("Reverb", devices=[Reverb()]))
    drums.sends = [db_to_gain(-18)]
    write(live_set, "my.als")

One module per area of Live's XML: `xml` (nodes, value text, layout, gzip), `schema`
(constants), `writer` (pointee ids, parameters, device headers), `document` (the set),
`tracks`, `mixer`, `clips`, `automation`, `samples`, `devices`, `instruments`.
Times are in beats (quarter notes); bar N starts at beat (N - 1) * 4 in 4/4.
"""

from .devices import Delay, Limiter, Reverb, Utility
from .document import to_als, to_xml, write
from .instruments import Simpler, Vst3Plugin
from .model import (
    AudioClip,
    AudioTrack,
    Automation,
    Fades,
    GroupTrack,
    LiveSet,
    Locator,
    MidiClip,
    MidiTrack,
    Note,
    ReturnTrack,
    Scale,
)
from .samples import Sample
from .schema import beats_to_seconds, db_to_gain

__all__ = [
    "AudioClip",
    "AudioTrack",
    "Automation",
    "Delay",
    "Fades",
    "GroupTrack",
    "Limiter",
    "LiveSet",
    "Locator",
    "MidiClip",
    "MidiTrack",
    "Note",
    "Reverb",
    "ReturnTrack",
    "Sample",
    "Scale",
    "Simpler",
    "Utility",
    "Vst3Plugin",
    "beats_to_seconds",
    "db_to_gain",
    "to_als",
    "to_xml",
    "write",
]
