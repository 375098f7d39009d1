"""What Live calls its native devices, and which of them are instruments.

Live stores a device under its internal element name (`Eq8`, `UltraAnalog`, …); the names
below are the ones Live shows in the browser and device title bar.
"""

from __future__ import annotations

DISPLAY_NAMES = {
    "OriginalSimpler": "Simpler",
    "MultiSampler": "Sampler",
    "InstrumentImpulse": "Impulse",
    "UltraAnalog": "Analog",
    "LoungeLizard": "Electric",
    "StringStudio": "Tension",
    "InstrumentVector": "Wavetable",
    "InstrumentMeld": "Meld",
    "Drift": "Drift",
    "Operator": "Operator",
    "Collision": "Collision",
    "DrumCell": "Drum Sampler",
    "InstrumentGroupDevice": "Instrument Rack",
    "DrumGroupDevice": "Drum Rack",
    "AudioEffectGroupDevice": "Audio Effect Rack",
    "MidiEffectGroupDevice": "MIDI Effect Rack",
    "Eq8": "EQ Eight",
    "FilterEQ3": "EQ Three",
    "ChannelEq": "Channel EQ",
    "Compressor2": "Compressor",
    "GlueCompressor": "Glue Compressor",
    "MultibandDynamics": "Multiband Dynamics",
    "StereoGain": "Utility",
    "PingPongDelay": "Ping Pong Delay",
    "FilterDelay": "Filter Delay",
    "CrossDelay": "Simple Delay",
    "GrainDelay": "Grain Delay",
    "AutoFilter": "Auto Filter",
    "AutoPan": "Auto Pan",
    "FrequencyShifter": "Frequency Shifter",
    "BeatRepeat": "Beat Repeat",
    "SpectrumAnalyzer": "Spectrum",
    "Redux2": "Redux",
    "PhaserNew": "Phaser-Flanger",
    "DrumBuss": "Drum Buss",
    "Tube": "Dynamic Tube",
    "MidiArpeggiator": "Arpeggiator",
    "MidiChord": "Chord",
    "MidiPitcher": "Pitch",
    "MidiRandom": "Random",
    "MidiScale": "Scale",
    "MidiVelocity": "Velocity",
    "MidiNoteLength": "Note Length",
    "MxDeviceAudioEffect": "Max Audio Effect",
    "MxDeviceMidiEffect": "Max MIDI Effect",
    "MxDeviceInstrument": "Max Instrument",
}

#: Native devices that turn MIDI into audio.
NATIVE_INSTRUMENTS = frozenset(
    {
        "OriginalSimpler",
        "MultiSampler",
        "InstrumentImpulse",
        "UltraAnalog",
        "LoungeLizard",
        "StringStudio",
        "InstrumentVector",
        "InstrumentMeld",
        "Drift",
        "Operator",
        "Collision",
        "DrumCell",
        "InstrumentGroupDevice",
        "DrumGroupDevice",
        "MxDeviceInstrument",
    }
)

#: Plugin metadata that marks an instrument, per format (values as stored by Live).
VST2_SYNTH_CATEGORY = "2"  # kPlugCategSynth
VST3_INSTRUMENT_TYPE = "1"
AU_MUSIC_DEVICE = str(int.from_bytes(b"aumu", "big"))  # kAudioUnitType_MusicDevice


def is_midi_effect(tag: str) -> bool:
    return tag.startswith("Midi") or tag == "MxDeviceMidiEffect"


def display_name(tag: str) -> str:
    return DISPLAY_NAMES.get(tag, tag)
