"""ALS320 missing-plugin: plugins the set uses that are not installed on this machine."""

from __future__ import annotations

from pydantic import Field

from alslint.api import Finding, Rule, RuleOptions, Severity, Stage

FORMAT_NAMES = {"vst2": "VST2", "vst3": "VST3", "au": "Audio Unit"}

#: At most this many track names are listed in a message.
MAX_TRACKS_NAMED = 4


class MissingPluginOptions(RuleOptions):
    plugin_list: str | None = Field(
        None,
        description="A file naming the installed plugins, one a line (`#` comments), e.g. a "
        "collaborator's or a CI runner's; any format matches.",
    )
    plugin_folders: list[str] = Field(
        default_factory=list,
        description="More folders to search for plugins (`.vst3`, `.component`, `.vst`, `.dll`).",
    )
    standard_folders: bool = Field(
        True,
        description="Also search Live's standard plugin folders of macOS and Windows, where they exist.",
    )


class MissingPlugin(Rule):
    code = "ALS320"
    name = "missing-plugin"
    summary = "A plugin the set uses is not installed here: the set would open with it missing."
    stage = Stage.SOUND_DESIGN
    default_severity = Severity.WARNING
    Options = MissingPluginOptions

    def check(self, live_set, options, context):
        uses: dict[tuple[str, str], list] = {}
        for track in live_set.tracks:
            for device in track.all_devices():
                if device.is_plugin:
                    name = device.plugin_name or device.name
                    uses.setdefault((device.plugin_format, name), []).append((track, device))
        if not uses:
            return
        try:
            installed = context.installed_plugins(
                options.plugin_folders, options.plugin_list, options.standard_folders
            )
        except OSError as exc:
            yield Finding(
                message=f"The plugin list {options.plugin_list} cannot be read "
                f"({exc.strerror or exc}): plugins were not checked"
            )
            return
        if installed is None:
            return  # nothing to compare with on this machine: say nothing rather than guess
        for (plugin_format, name), places in uses.items():
            if installed.has(plugin_format, name):
                continue
            tracks = list(dict.fromkeys(track.name for track, _ in places))
            shown = ", ".join(tracks[:MAX_TRACKS_NAMED])
            if len(tracks) > MAX_TRACKS_NAMED:
                shown += f" and {len(tracks) - MAX_TRACKS_NAMED} more"
            track, device = places[0]
            yield Finding(
                message=(
                    f"{FORMAT_NAMES[plugin_format]} plugin '{name}' is not installed here "
                    f"(used on {shown}): the set would open with it missing; install it, or "
                    "freeze or bounce those tracks on a machine that has it"
                ),
                location=context.location(track=track, device=device),
            )
