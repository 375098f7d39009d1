"""ALS503 master-chain-off: devices left switched off on the master chain."""

from __future__ import annotations

from pydantic import Field

from alslint.api import Finding, Rule, RuleOptions, Severity, Stage
from alslint_rules._master_chain import DEFAULT_METERS, device_matches, quoted

#: Besides meters: speaker and headphone correction, and A/B reference tools, which belong
#: switched off in an export.
DEFAULT_ALLOWED = [*DEFAULT_METERS, "Sonarworks*", "SoundID*", "*Reference*", "*Metric AB*"]


class MasterChainOffOptions(RuleOptions):
    allow_devices: list[str] = Field(
        default_factory=lambda: list(DEFAULT_ALLOWED),
        description="Globs for devices that may stay switched off (matched against name, "
        "plugin name and Live's device type): meters, monitoring correction, reference tools.",
    )


class MasterChainOff(Rule):
    code = "ALS503"
    name = "master-chain-off"
    summary = "A device on the master chain is switched off: an open decision at release."
    stage = Stage.MASTERING
    default_severity = Severity.WARNING
    Options = MasterChainOffOptions

    def check(self, live_set, options, context):
        master = live_set.master
        # A device whose switch is automated is switched on where the song needs it.
        automated = {
            tuple(envelope.device_path)
            for envelope in master.envelopes
            if envelope.parameter == "On" and envelope.device_path and envelope.moves
        }

        def left_off(device, path: tuple[str, ...]) -> bool:
            return not device.on and path + (device.name,) not in automated

        top = [d for d in master.devices if not device_matches(d, options.allow_devices)]
        if len(top) >= 2 and all(left_off(device, ()) for device in top):
            yield Finding(
                message=(
                    f"All {len(top)} devices on the master chain are switched off "
                    f"({quoted(top)}): the master plays unprocessed; switch on what the "
                    "master needs and delete the rest"
                ),
                location=context.location(track=master),
            )
            return

        def walk(devices, racks):
            """Devices left off in a chain that plays; nothing inside a switched-off rack."""
            path = tuple(rack.name for rack in racks)
            for device in devices:
                if device_matches(device, options.allow_devices):
                    continue
                if left_off(device, path):
                    where = f' inside the rack "{racks[-1].name}"' if racks else ""
                    yield Finding(
                        message=(
                            f"Device is switched off{where} on the master chain: switch it on "
                            "if the master needs it, or delete it"
                        ),
                        location=context.location(track=master, device=device),
                    )
                    continue
                if device.on:
                    for chain in device.chains:
                        if chain.on:
                            yield from walk(chain.devices, racks + [device])

        yield from walk(master.devices, [])
