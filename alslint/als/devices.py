"""Devices: native devices, racks and their chains, Max for Live devices and plugins."""

from __future__ import annotations

import os

from .. import device_names as device_info
from ..model import Chain, Device
from .values import finite, gain, pan, param_bool, param_float, param_value, value

#: Parameters read into `Device.parameters`, as stored (see the model), per device element.
_DEVICE_PARAMETERS = {
    "Compressor2": ("Threshold", "Ratio", "Gain"),
    "GlueCompressor": ("Threshold", "Ratio", "Makeup"),
    "Limiter": ("Ceiling", "Gain"),
}


def read_devices(devices_el, guard, key_prefix: str = "", samples=None) -> list[Device]:
    """The devices of a `Devices` element, racks' chains opened up; `guard(what, build)` reads
    each one, so that a damaged device is skipped and noted; `samples(element)`, when given,
    reads the samples an instrument plays (`samples.py`)."""
    if devices_el is None:
        return []
    devices = []
    for position, el in enumerate(devices_el):
        key = f"{key_prefix}{position}"
        device = guard(f"device {key} ({el.tag})", lambda: _device(el, key, guard, samples))
        if device is not None:
            devices.append(device)
    return devices


def _device(el, key: str, guard, samples=None) -> Device:
    tag = el.tag
    plugin_format = plugin_name = plugin_vendor = None
    is_instrument = tag in device_info.NATIVE_INSTRUMENTS
    if tag == "PluginDevice":
        vst2 = el.find("PluginDesc/VstPluginInfo")
        vst3 = el.find("PluginDesc/Vst3PluginInfo")
        if vst3 is not None:
            plugin_format, plugin_name = "vst3", value(vst3, "Name", "")
            is_instrument = value(vst3, "DeviceType") == device_info.VST3_INSTRUMENT_TYPE
        elif vst2 is not None:
            plugin_format, plugin_name = "vst2", value(vst2, "PlugName", "")
            is_instrument = value(vst2, "Category") == device_info.VST2_SYNTH_CATEGORY
    elif tag == "AuPluginDevice":
        au = el.find("PluginDesc/AuPluginInfo")
        if au is not None:
            plugin_format, plugin_name = "au", value(au, "Name", "")
            plugin_vendor = value(au, "Manufacturer") or None
            is_instrument = value(au, "ComponentType") == device_info.AU_MUSIC_DEVICE
    chains = []
    # Drum Racks also hold return chains (ReturnBranches), fed by the pads' sends.
    branches = [*el.iterfind("Branches/*"), *el.iterfind("ReturnBranches/*")]
    for chain_index, branch in enumerate(branches):
        inner = branch.find("DeviceChain")
        devices_el = None
        if inner is not None and len(inner):
            devices_el = inner[0].find("Devices")
        mixer = branch.find("MixerDevice")
        chains.append(
            Chain(
                # Live 8–9 store the chain name as a value, Live 10+ like a track name.
                name=value(branch, "Name/EffectiveName") or value(branch, "Name", "") or "",
                auto_name=branch.find("Name/UserName") is not None
                and not value(branch, "Name/UserName"),
                on=param_bool(mixer.find("Speaker"), True) if mixer is not None else True,
                volume=gain(param_float(mixer.find("Volume"), 1.0)) if mixer is not None else 1.0,
                pan=pan(param_float(mixer.find("Panorama"), 0.0)) if mixer is not None else 0.0,
                devices=read_devices(devices_el, guard, f"{key}.{chain_index}.", samples),
                is_return=branch.tag == "ReturnBranch",
            )
        )
    on_param = el.find("On")
    parameters = {}
    for parameter in _DEVICE_PARAMETERS.get(tag, ()):
        text = param_value(el.find(parameter))
        if text is not None and text not in ("true", "false"):
            parameters[parameter] = finite(text)
    return Device(
        tag=tag,
        name=device_name(el, plugin_name),
        key=key,
        on=param_bool(on_param, True),
        on_mapping=_mapping(on_param),
        is_instrument=is_instrument,
        is_midi_effect=device_info.is_midi_effect(tag),
        plugin_format=plugin_format,
        plugin_name=plugin_name,
        plugin_vendor=plugin_vendor,
        chains=chains,
        parameters=parameters,
        samples=samples(el) if samples is not None else [],
    )


def _mapping(param) -> str | None:
    """How a parameter is mapped besides its own control: a rack macro, a key or MIDI."""
    key_midi = param.find("KeyMidi") if param is not None else None
    if key_midi is None:
        return None
    if value(key_midi, "PersistentKeyString"):
        return "key"
    return "macro" if value(key_midi, "Channel") == "16" else "midi"


def _file_stem(file_ref) -> str | None:
    """The file name, without extension, of a FileRef (Live 8–10 `Name`, 11+ paths)."""
    name = value(file_ref, "Name") or value(file_ref, "RelativePath") or value(file_ref, "Path")
    if not name:
        return None
    return os.path.splitext(name.replace("\\", "/").rsplit("/", 1)[-1])[0]


def device_name(el, plugin_name: str | None) -> str:
    user = value(el, "UserName", "") or ""
    if user:
        return user
    if plugin_name:
        return plugin_name
    if el.tag.startswith("MxDevice"):  # Max for Live: Live shows the .amxd file's name
        patch = _file_stem(el.find("PatchSlot/Value/*/FileRef"))
        if patch:
            return patch
    if value(el, "ShouldShowPresetName") != "false":
        preset = _file_stem(el.find("LastPresetRef/Value/*/FileRef"))
        if preset:
            return preset
    return device_info.display_name(el.tag)
