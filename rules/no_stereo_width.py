"""ALS403 no-stereo-width: every sounding track panned dead centre, nothing moving the image."""

from __future__ import annotations

from pydantic import Field

from alslint.api import Finding, Rule, RuleOptions, Severity, Stage, name_matches, sounding_tracks

#: Live shows a pan position as "C" below half a step (1/50 of full left or right).
CENTRE = 0.01

DEFAULT_WIDTH_DEVICES = [
    "AutoPan*",  # Auto Pan (Live's device type; Auto Pan-Tremolo in Live 12)
    "Chorus*",  # Chorus, Chorus-Ensemble
    "*Pong*",  # Ping Pong Delay (Live 8–10), ping-pong presets of Delay ("Pong")
    "*Imager*",
    "*Wide*",
    "*Widen*",
    "*Width*",
    "*Stereo Expander*",
    "*StereoExpander*",
    "*Doubler*",
    "*Haas*",
    "*MicroShift*",
    "*Dimension*",
]


class NoStereoWidthOptions(RuleOptions):
    min_tracks: int = Field(
        4, ge=1, description="Only report sets with at least this many sounding audio/MIDI tracks."
    )
    width_devices: list[str] = Field(
        default_factory=lambda: list(DEFAULT_WIDTH_DEVICES),
        description="Globs for devices that spread the stereo image, matched against a device's "
        "name, its plugin name and Live's device type.",
    )


class NoStereoWidth(Rule):
    code = "ALS403"
    name = "no-stereo-width"
    summary = (
        "Every sounding track is panned dead centre, with no pan automation and no width device."
    )
    stage = Stage.MIXING
    default_severity = Severity.INFO
    Options = NoStereoWidthOptions

    def check(self, live_set, options, context):
        sounding = sounding_tracks(live_set)
        if len(sounding) < options.min_tracks:
            return
        sounding_ids = {track.index for track in sounding}
        for track in live_set.tracks:
            if track.type == "master" or not live_set.is_audible(track):
                continue
            if track.type in ("audio", "midi") and track.index not in sounding_ids:
                continue
            if abs(track.mixer.pan) >= CENTRE or _pan_moves(track):
                return
        for track in live_set.tracks:
            if not live_set.is_audible(track):
                continue
            for device in active_devices(track.devices):
                if _widens(device, options.width_devices):
                    return
        yield Finding(
            message=(
                f"All {len(sounding)} sounding tracks are panned dead centre, with no pan "
                "automation and no width device (Auto Pan, Chorus, an imager): the mix may "
                "have no stereo width; pan some parts away from the centre"
            ),
            location=context.location(),
        )


def _pan_moves(track) -> bool:
    envelope = track.mixer_envelope("Pan")
    return envelope is not None and envelope.moves


def active_devices(devices):
    """Devices that are switched on, racks opened up; nothing inside a switched-off rack."""
    for device in devices:
        if not device.on:
            continue
        yield device
        for chain in device.chains:
            if chain.on:
                yield from active_devices(chain.devices)


def _widens(device, patterns: list[str]) -> bool:
    if device.is_rack or device.is_instrument or device.is_midi_effect:
        return False  # a rack's own name says nothing; its devices are checked one by one
    names = [device.name, device.tag, device.plugin_name or ""]
    return any(name and name_matches(name, patterns) for name in names)
