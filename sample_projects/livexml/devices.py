"""Live's native audio effects: Reverb, Delay, Limiter and Utility, each a table of its
parameters (see `Writer.param_table`). Instruments are in `livexml.instruments`."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Device
from .schema import OVERWRITE_PROTECTION
from .writer import Writer
from .xml import E, Node, V


@dataclass
class NativeDevice(Device):
    """A Live device described by a parameter table."""

    user_name: str = ""
    on: bool = True

    #: The parameter table (a class attribute of each device class, not a field).
    params = ()

    def render(self, w: Writer, index: int) -> Node:
        node = E(self.tag, Id=index)
        node.add(*w.device_header(on=self.on, user_name=self.user_name))
        node.add(V("OverwriteProtectionNumber", OVERWRITE_PROTECTION))
        node.add(*w.param_table(self.params))
        return node


@dataclass
class Reverb(NativeDevice):
    tag = "Reverb"
    params = (
        ("F", "PreDelay", 20, "0.5", "250"),
        ("B", "BandHighOn", False),
        ("B", "BandLowOn", False),
        ("F", "BandFreq", 830, "50", "18000"),
        ("F", "BandWidth", 5.8, "0.5", "9"),
        ("B", "SpinOn", True),
        ("F", "EarlyReflectModFreq", 0.3, "0.07400000095", "1.29999995"),
        ("F", "EarlyReflectModDepth", 17.5, "2", "55"),
        ("F", "DiffuseDelay", 0.5, "0", "1"),
        ("B", "ShelfHighOn", True),
        ("E", "HighFilterType", 0, "0", "1"),
        ("F", "ShelfHiFreq", 4500, "20", "16000"),
        ("F", "ShelfHiGain", 0.7, "0.200000003", "1"),
        ("B", "ShelfLowOn", True),
        ("F", "ShelfLoFreq", 90, "20", "15000"),
        ("F", "ShelfLoGain", 0.75, "0.200000003", "1"),
        ("B", "ChorusOn", True),
        ("F", "SizeModFreq", 0.02, "0.009999999776", "8"),
        ("F", "SizeModDepth", 0.02, "0.009999999776", "4"),
        ("F", "DecayTime", 2400, "200", "60000"),
        ("F", "AllPassGain", 0.6, "0.001000000047", "0.9599999785"),
        ("F", "AllPassSize", 0.4, "0.05000000075", "1"),
        ("B", "FreezeOn", False),
        ("B", "FlatOn", True),
        ("B", "CutOn", True),
        ("F", "RoomSize", 100, "0.2220000029", "500"),
        ("E", "SizeSmoothing", 2, "0", "2"),
        ("F", "StereoSeparation", 100, "0", "120"),
        ("E", "RoomType", 0, "0", "3"),
        ("F", "MixReflect", 1, "0.02999999933", "1.99530005"),
        ("F", "MixDiffuse", 1, "0.02999999933", "1.99530005"),
        ("F", "MixDirect", 1, "0", "1"),  # dry/wet: fully wet on a return
        ("L", "StereoSeparationOnDrySignal", False),
    )


@dataclass
class Delay(NativeDevice):
    tag = "Delay"
    params = (
        ("E", "DelayLine_SmoothingMode", 1, "0", "2"),
        ("B", "DelayLine_Link", True),
        ("B", "DelayLine_PingPong", False),
        ("B", "DelayLine_SyncL", True),
        ("B", "DelayLine_SyncR", True),
        ("F", "DelayLine_TimeL", 0.25, "0.001000000047", "5"),
        ("F", "DelayLine_TimeR", 0.25, "0.001000000047", "5"),
        ("F", "DelayLine_SimpleDelayTimeL", 100, "1", "300"),
        ("F", "DelayLine_SimpleDelayTimeR", 100, "1", "300"),
        ("F", "DelayLine_PingPongDelayTimeL", 250, "1", "999"),
        ("F", "DelayLine_PingPongDelayTimeR", 250, "1", "999"),
        ("E", "DelayLine_SyncedSixteenthL", 2, "0", "7"),
        ("E", "DelayLine_SyncedSixteenthR", 2, "0", "7"),
        ("F", "DelayLine_OffsetL", 0, "-0.3330000043", "0.3330000043"),
        ("F", "DelayLine_OffsetR", 0, "-0.3330000043", "0.3330000043"),
        ("L", "DelayLine_CompatibilityMode", 0),
        ("F", "Feedback", 0.4, "0", "0.9499999881"),
        ("B", "Freeze", False),
        ("B", "Filter_On", True),
        ("F", "Filter_Frequency", 1200, "49.9999962", "18000.0059"),
        ("F", "Filter_Bandwidth", 6, "0.5", "9"),
        ("F", "Modulation_Frequency", 0.5, "0.01000000071", "39.9999962"),
        ("F", "Modulation_AmountTime", 0, "0", "1"),
        ("F", "Modulation_AmountFilter", 0, "0", "1"),
        ("F", "DryWet", 1, "0", "1"),  # fully wet on a return
        ("L", "DryWetMode", 0),
        ("L", "EcoProcessing", False),
    )


@dataclass
class Limiter(NativeDevice):
    """Live's Limiter. No Live 12 set of the reference corpus contains a Limiter, so its
    parameter list is the one Live 11 writes (Live 12's device header in front)."""

    tag = "Limiter"
    params = (
        ("F", "Gain", 0, "-24", "24"),
        ("F", "Ceiling", -0.3, "-24", "0"),
        ("F", "Release", 300, "0.009999999776", "3000"),
        ("B", "AutoRelease", True),
        ("B", "LinkChannels", True),
        ("T", "Lookahead", 1),
    )


@dataclass
class Utility(NativeDevice):
    """Live's Utility (stored as `StereoGain`): gain, width, mono, phase."""

    gain: float = 1.0  # linear, 1 = 0 dB

    tag = "StereoGain"

    @property
    def params(self):
        return (
            ("B", "PhaseInvertL", False),
            ("B", "PhaseInvertR", False),
            ("E", "ChannelMode", 1, "0", "3"),
            ("F", "StereoWidth", 1, "0", "4"),
            ("F", "MidSideBalance", 1, "0", "2"),
            ("L", "MidSideBalanceOn", False),
            ("B", "Mono", False),
            ("B", "BassMono", False),
            ("L", "BassMonoAudition", False),
            ("F", "BassMonoFrequency", 120, "50", "500"),
            ("F", "Balance", 0, "-1", "1"),
            ("F", "Gain", self.gain, "0", "56.2341309"),
            ("F", "LegacyGain", 0, "-35", "35"),
            ("B", "Mute", False),
            ("B", "DcFilter", False),
            ("L", "LegacyMode", False),
        )


@dataclass
class NamedDevice(NativeDevice):
    """Any native device by its element name ("Operator", "Eq8", …), with no parameters but
    its switch: for sets in which only the devices a track holds matter."""

    tag: str = "Device"
