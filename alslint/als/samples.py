"""The samples instruments play: Simpler's and Sampler's zones (cut out before parsing, see
`slim`) and Impulse's eight slots, read into `Device.samples`.

Where they are stored (Live 8.2–12; the project's format notes list the corpus sets):
Simpler (`OriginalSimpler`) and Sampler (`MultiSampler`) keep one `MultiSamplePart` per zone
in `Player/MultiSampleMap/SampleParts`, each with a `Name` and a `SampleRef`; Impulse
(`InstrumentImpulse`, up to Live 11) keeps `TabSample.0`–`TabSample.7`, each `Value/SampleRef`.
"""

from __future__ import annotations

import html

from ..model import InstrumentSample
from .slim import CutBlocks

#: The devices whose samples are zones of a `MultiSampleMap`.
_ZONE_DEVICES = ("OriginalSimpler", "MultiSampler")
_IMPULSE = "InstrumentImpulse"
_IMPULSE_SLOTS = 8


class InstrumentSampleReader:
    """Reads `Device.samples`; `sample_ref(element)` and `shared_sample_ref(content)` read a
    sample reference (a cut-out one once per distinct content, shared with the clips)."""

    def __init__(self, blocks: CutBlocks, sample_ref, shared_sample_ref):
        self.blocks = blocks
        self.sample_ref = sample_ref
        self.shared_sample_ref = shared_sample_ref

    def of_device(self, el) -> list[InstrumentSample]:
        """The samples the device element `el` plays (empty for other devices)."""
        if el.tag in _ZONE_DEVICES:
            samples = []
            for name, content in self.blocks.zones(el.find("Player/MultiSampleMap")):
                sample = self.shared_sample_ref(content)
                if sample is not None:
                    zone = html.unescape(name.decode("utf-8", "replace")) or None
                    # Simpler plays one sample: Live names no zone there.
                    samples.append(
                        InstrumentSample(
                            zone=None if el.tag == "OriginalSimpler" else zone, sample=sample
                        )
                    )
            return samples
        if el.tag == _IMPULSE:
            samples = []
            for slot in range(_IMPULSE_SLOTS):
                sample = self.sample_ref(el.find(f"TabSample.{slot}/Value/SampleRef"))
                if sample is not None:
                    samples.append(InstrumentSample(zone=f"slot {slot + 1}", sample=sample))
            return samples
        return []
