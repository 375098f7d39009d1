"""Instruments: an empty Simpler (Live's smallest native instrument) and a VST3 plugin
without stored state."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Device
from .samples import file_ref
from .schema import MIN_GAIN, OVERWRITE_PROTECTION, PLUGIN_PARAMETER_SLOTS, UNUSED_PLUGIN_PARAMETER
from .writer import Writer, mpe_settings, routable
from .xml import E, Node, V


@dataclass
class Simpler(Device):
    """An empty Simpler (no sample loaded): Live's smallest native instrument."""

    user_name: str = ""
    on: bool = True
    voices: int = 5
    volume_db: float = -12.0

    tag = "OriginalSimpler"

    def render(self, w: Writer, index: int) -> Node:
        node = E(self.tag, Id=index)
        preset = E(
            "AbletonDefaultPresetRef",
            file_ref(),
            Node("DeviceId", {"Name": self.tag}),
            Id=0,
        )
        node.add(
            *w.device_header(
                on=self.on,
                user_name=self.user_name,
                preset=preset,
                show_preset_name=True,
                mpe_uses_tuning=False,
            )
        )
        node.add(V("OverwriteProtectionNumber", OVERWRITE_PROTECTION))
        node.add(
            E(
                "Player",
                E(
                    "MultiSampleMap",
                    E("SampleParts"),
                    V("LoadInRam", False),
                    V("LayerCrossfade", 0),
                    E("SourceContext"),
                    V("RoundRobin", False),
                    V("RoundRobinMode", 0),
                    V("RoundRobinResetPeriod", 0),
                    V("RoundRobinRandomSeed", 1234567890),
                ),
                E(
                    "LoopModulators",
                    V("IsModulated", True),
                    *w.param_table(
                        (
                            ("F", "SampleStart", 0, "0", "1"),
                            ("F", "SampleLength", 1, "0", "1"),
                            ("B", "LoopOn", False),
                            ("F", "LoopLength", 1, "0", "1"),
                            ("F", "LoopFade", 0, "0", "1"),
                        )
                    ),
                ),
                *w.param_table(
                    (
                        ("B", "Reverse", False),
                        ("B", "Snap", True),
                        ("F", "SampleSelector", 0, "0", "127"),
                    )
                ),
                w.empty_slot("SubOsc"),
                V("InterpolationMode", 1),
                V("UseConstPowCrossfade", True),
            ),
            E(
                "Pitch",
                *w.param_table(
                    (
                        ("F", "TransposeKey", 0, "-48", "48"),
                        ("F", "TransposeFine", 0, "-50", "50"),
                        ("F", "PitchLfoAmount", 0, "0", "1"),
                    )
                ),
                w.empty_slot("Envelope"),
                V("ScrollPosition", -1073741824),
            ),
            w.empty_slot("Filter"),
            w.empty_slot("Shaper"),
            E(
                "VolumeAndPan",
                *w.param_table(
                    (
                        ("F", "Volume", self.volume_db, "-36", "36"),
                        ("F", "VolumeVelScale", 0.35, "0", "1"),
                        ("F", "VolumeKeyScale", 0, "-1", "1"),
                        ("F", "VolumeLfoAmount", 0, "0", "1"),
                        ("F", "Panorama", 0, "-1", "1"),
                        ("F", "PanoramaKeyScale", 0, "-1", "1"),
                        ("F", "PanoramaRnd", 0, "0", "1"),
                        ("F", "PanoramaLfoAmount", 0, "0", "1"),
                    )
                ),
                E(
                    "Envelope",
                    *w.param_table(
                        (
                            ("F", "AttackTime", 0.1, "0.1000000015", "20000"),
                            ("F", "AttackLevel", MIN_GAIN, MIN_GAIN, "1"),
                            ("F", "AttackSlope", 0, "-1", "1"),
                            ("F", "DecayTime", 600, "1", "60000"),
                            ("F", "DecayLevel", 1, MIN_GAIN, "1"),
                            ("F", "DecaySlope", 1, "-1", "1"),
                            ("F", "SustainLevel", 1, MIN_GAIN, "1"),
                            ("F", "ReleaseTime", 50, "1", "60000"),
                            ("F", "ReleaseLevel", MIN_GAIN, MIN_GAIN, "1"),
                            ("F", "ReleaseSlope", 1, "-1", "1"),
                            ("E", "LoopMode", 0, "0", "4"),
                            ("F", "LoopTime", 100, "0.200000003", "20000"),
                            ("F", "RepeatTime", 3, "0", "14"),
                            ("F", "TimeVelScale", 0, "-100", "100"),
                            ("L", "CurrentOverlay", 0),
                        )
                    ),
                ),
                E(
                    "OneShotEnvelope",
                    *w.param_table(
                        (
                            ("F", "FadeInTime", 0, "0", "2000"),
                            ("E", "SustainMode", 0, "0", "1"),
                            ("F", "FadeOutTime", 5, "0", "2000"),
                        )
                    ),
                ),
            ),
            w.empty_slot("AuxEnv"),
            w.empty_slot("Lfo"),
            w.empty_slot("AuxLfos.0"),
            w.empty_slot("AuxLfos.1"),
            _mod_destination("KeyDst"),
            _mod_destination("VelDst"),
            _mod_destination("RelVelDst"),
            *(_mod_destination(f"MidiCtrl.{i}", feedback=True) for i in range(6)),
            E(
                "Globals",
                V("NumVoices", self.voices),
                V("NumVoicesEnvTimeControl", False),
                V("RetriggerMode", True),
                V("ModulationResolution", 2),
                *w.param_table(
                    (
                        ("F", "SpreadAmount", 0, "0", "100"),
                        ("F", "KeyZoneShift", 0, "-48", "48"),
                        ("E", "PortamentoMode", 0, "0", "2"),
                        ("F", "PortamentoTime", 50, "0.1000000015", "10000"),
                    )
                ),
                V("PitchBendRange", 5),
                V("MpePitchBendRange", 48),
                V("ScrollPosition", 0),
                E(
                    "EnvScale",
                    *w.param_table(
                        (
                            ("F", "EnvTime", 0, "-100", "100"),
                            ("F", "EnvTimeKeyScale", 0, "-100", "100"),
                            ("B", "EnvTimeIncludeAttack", True),
                        )
                    ),
                ),
                V("IsSimpler", True),
                V("PlaybackMode", 0),
                V("LegacyMode", False),
            ),
            E(
                "ViewSettings",
                V("SelectedPage", 0),
                V("ZoneEditorVisible", False),
                V("Seconds", False),
                V("SelectedSampleChannel", 0),
                V("VerticalSampleZoom", 1),
                V("IsAutoSelectEnabled", False),
                V("SimplerBreakoutVisible", False),
            ),
            E("SimplerSlicing", V("PlaybackMode", 0)),
        )
        return node


def _mod_destination(tag: str, feedback: bool = False) -> Node:
    node = E(
        tag,
        E("ModConnections.0", V("Amount", 0), V("Connection", 0)),
        E("ModConnections.1", V("Amount", 0), V("Connection", 0)),
    )
    if feedback:
        node.add(V("Feedback", 0))
    return node


@dataclass
class Vst3Plugin(Device):
    """A VST3 plugin without any stored state (Live shows the plugin's defaults)."""

    name: str = "Plugin"
    uid: tuple[int, int, int, int] = (0, 0, 0, 0)  # the plugin's 128-bit class id
    instrument: bool = False  # DeviceType 1 (instrument) or 2 (audio effect)
    audio_inputs: int = 0
    audio_outputs: int = 1
    on: bool = True

    tag = "PluginDevice"

    def render(self, w: Writer, index: int) -> Node:
        device_type = 1 if self.instrument else 2
        uid = E("Uid", *(V(f"Fields.{i}", v) for i, v in enumerate(self.uid)))
        preset = E(
            "Vst3Preset",
            V("OverwriteProtectionNumber", OVERWRITE_PROTECTION),
            V("MpeEnabled", 0),
            mpe_settings(),
            E("ParameterSettings"),
            V("IsOn", True),
            V("PowerMacroControlIndex", -1),
            E("PowerMacroMappingRange", V("Min", 64), V("Max", 127)),
            V("IsFolded", False),
            V("StoredAllParameters", True),
            V("DeviceLomId", 0),
            V("DeviceViewLomId", 0),
            V("IsOnLomId", 0),
            V("ParametersListWrapperLomId", 0),
            E("Uid", *(V(f"Fields.{i}", v) for i, v in enumerate(self.uid))),
            V("DeviceType", device_type),
            E("ProcessorState"),  # plugin state: deliberately empty
            E("ControllerState"),
            V("Name", ""),
            E("PresetRef"),
            Id=0,
        )
        info = E(
            "Vst3PluginInfo",
            V("WinPosX", 120),
            V("WinPosY", 80),
            V("NumAudioInputs", self.audio_inputs),
            V("NumAudioOutputs", self.audio_outputs),
            V("IsPlaceholderDevice", False),
            E("Preset", preset),
            V("Name", self.name),
            uid,
            V("DeviceType", device_type),
            Id=0,
        )
        node = E(self.tag, Id=index)
        node.add(*w.device_header(on=self.on, show_preset_name=True))
        node.add(
            E("PluginDesc", info),
            V("MpeEnabled", False),
            mpe_settings(),
            E(
                "ParameterList",
                *(_unused_plugin_parameter(w, i) for i in range(PLUGIN_PARAMETER_SLOTS)),
            ),
            V("AxisX", 0),
            V("AxisY", 0),
            E(
                "SideChain",
                w.bool_param("OnOff", True),
                E(
                    "RoutedInput",
                    routable("Routable", "AudioIn/None", "No Output", ""),
                    w.float_param("Volume", 1, MIN_GAIN, "15.8489332"),
                ),
                w.float_param("DryWet", 1, "0", "1"),
            ),
        )
        return node


def _unused_plugin_parameter(w: Writer, index: int) -> Node:
    return E(
        "PluginFloatParameter",
        V("ParameterName", ""),
        V("ParameterId", -1),
        V("ParameterIdFlankBool", False),
        V("VisualIndex", 1073741823),
        w.float_param("ParameterValue", UNUSED_PLUGIN_PARAMETER, "0", "1"),
        E("LastUserRange", V("First", "Invalid"), V("Last", "Invalid")),
        E("LastInternalRange", V("First", 0), V("Last", 1)),
        Id=index,
    )
