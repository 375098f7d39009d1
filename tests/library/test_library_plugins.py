"""Plugins: which a library uses, the installed inventory (fake macOS and Windows plugin
folders), the `missing-plugin` rule and `alslint plugins`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from library_tree import build_library

from alslint.cli import run
from alslint.installed_plugins import installed_plugins, plugin_key, standard_folders
from alslint.model import Chain, Device
from alslint.testing import make_set, make_track, run_rule
from alslint_rules.missing_plugin import MissingPlugin


def touch(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"")


def bundle(path: Path) -> None:
    """A plugin bundle as macOS and VST3 lay them out: a folder with Contents/ inside."""
    touch(path / "Contents" / "Info.plist")


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Serum", "serum"),
        ("Serum_x64.dll", "serum"),
        ("Serum (x64)", "serum"),
        ("serum 1.3.5", "serum"),
        ("Serum.vst3", "serum"),
        ("Serum.component", "serum"),
        ("FabFilter Pro-Q 3", "fabfilterproq3"),
        ("FabFilter Pro-Q 3 (64-bit).dll", "fabfilterproq3"),
        ("Valhalla VintageVerb_x64 v2.1.0", "valhallavintageverb"),
    ],
)
def test_names_match_as_producers_see_them(name, key):
    assert plugin_key(name) == key


def test_macos_folders(tmp_path):
    root, home = tmp_path / "root", tmp_path / "home"
    bundle(root / "Library/Audio/Plug-Ins/VST3/Serum.vst3")
    bundle(root / "Library/Audio/Plug-Ins/Components/Serum.component")
    bundle(home / "Library/Audio/Plug-Ins/VST/Massive.vst")
    bundle(root / "Library/Audio/Plug-Ins/VST3/Vendor/Diva.vst3")  # a vendor's sub-folder
    inventory = installed_plugins(system="darwin", root=root, home=home)
    assert inventory.has("vst3", "Serum") and inventory.has("au", "Serum")
    assert not inventory.has("vst2", "Serum")  # a VST3 is not the VST2 a set asks for
    assert inventory.has("vst2", "Massive") and inventory.has("vst3", "Diva")
    assert not inventory.has("vst3", "Contents")  # never looks inside a bundle
    assert inventory.sources == [
        str(root / "Library/Audio/Plug-Ins/VST3"),
        str(root / "Library/Audio/Plug-Ins/Components"),
        str(home / "Library/Audio/Plug-Ins/VST"),
    ]


def test_windows_folders(tmp_path):
    root = tmp_path / "C"
    bundle(root / "Program Files/Common Files/VST3/Serum.vst3")
    touch(root / "Program Files/VSTPlugins/Serum_x64.dll")
    touch(root / "Program Files/Steinberg/VSTPlugins/Xfer/OTT (x64).dll")
    touch(root / "Program Files/Common Files/Avid/Audio/Plug-Ins/Pro Tools Only.aaxplugin")
    inventory = installed_plugins(system="win32", root=root)
    assert inventory.has("vst3", "Serum") and inventory.has("vst2", "Serum")
    assert inventory.has("vst2", "OTT")
    assert not inventory.has("vst2", "Pro Tools Only")  # AAX: Live does not use it
    assert standard_folders("win32", root) == [
        root / "Program Files/Common Files/VST3",
        root / "Program Files/VSTPlugins",
        root / "Program Files/Steinberg/VSTPlugins",
    ]


def test_without_any_folder_or_list_nothing_is_decided(tmp_path):
    assert standard_folders("linux") == []
    assert installed_plugins(system="linux") is None
    assert installed_plugins(system="darwin", root=tmp_path, home=tmp_path) is None


def test_a_list_file_matches_every_format(tmp_path):
    listing = tmp_path / "plugins.txt"
    listing.write_text("# the studio\nSerum (x64)\n\nDiva 1.4.7  # synth\n", encoding="utf-8")
    inventory = installed_plugins(list_file=str(listing), system="linux")
    assert inventory.has("vst2", "Serum") and inventory.has("au", "serum")
    assert inventory.has("vst3", "Diva") and not inventory.has("vst3", "Massive")


# -- the rule ---------------------------------------------------------------------------------


def plugin(name: str, plugin_format: str = "vst3") -> Device:
    return Device(tag="PluginDevice", name=name, plugin_format=plugin_format, plugin_name=name)


SONG = make_set(
    [
        make_track("midi", "Bass", devices=[plugin("Serum")]),
        make_track("midi", "Lead", devices=[plugin("Serum"), plugin("OTT", "vst2")]),
        make_track(
            "midi",
            "Keys",
            devices=[
                Device(
                    tag="InstrumentGroupDevice",
                    name="Rack",
                    chains=[Chain(name="A", devices=[plugin("Diva", "au")])],
                )
            ],
        ),
        make_track("audio", "Vox", devices=[Device(tag="Eq8", name="EQ Eight")]),
    ]
)


def findings(tmp_path, live_set=SONG, listed=None, **options):
    if listed is not None:
        listing = tmp_path / "list.txt"
        listing.write_text("\n".join(listed), encoding="utf-8")
        options["plugin_list"] = str(listing)
    found = run_rule(MissingPlugin, live_set, standard_folders=False, **options)
    return [(str(f.location), f.message) for f in found]


def test_rule_reports_each_missing_plugin_once_with_its_tracks(tmp_path):
    assert findings(tmp_path, listed=["OTT"]) == [
        (
            "Bass › Serum",
            "VST3 plugin 'Serum' is not installed here (used on Bass, Lead): the set would open "
            "with it missing; install it, or freeze or bounce those tracks on a machine that has it",
        ),
        (
            "Keys › Diva",
            "Audio Unit plugin 'Diva' is not installed here (used on Keys): the set would open "
            "with it missing; install it, or freeze or bounce those tracks on a machine that has it",
        ),
    ]


def test_rule_with_plugin_folders(tmp_path):
    folder = tmp_path / "Plug-Ins"
    bundle(folder / "VST3" / "Serum.vst3")
    bundle(folder / "Components" / "Diva.component")
    touch(folder / "VST" / "OTT_x64.dll")
    assert findings(tmp_path, plugin_folders=[str(folder)]) == []


def test_rule_says_nothing_when_it_cannot_decide(tmp_path):
    assert findings(tmp_path) == []  # no folder, no list: no guess


def test_rule_reports_an_unreadable_list(tmp_path):
    (message,) = findings(tmp_path, plugin_list=str(tmp_path / "none.txt"))
    assert message[1].startswith(f"The plugin list {tmp_path / 'none.txt'} cannot be read (")


def test_rule_is_silent_for_a_set_without_plugins(tmp_path):
    plain = make_set([make_track("audio", "Vox")])
    assert findings(tmp_path, plain, listed=["Serum"]) == []


# -- alslint plugins --------------------------------------------------------------------------


@pytest.fixture
def library(tmp_path, corpus_dir, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ALSLINT_CACHE_DIR", str(tmp_path / "cache"))
    build_library(tmp_path, corpus_dir)
    (tmp_path / "Projects" / "Beta" / "Broken.als").unlink()
    (tmp_path / "list.txt").write_text("FabFilter Pro-Q 3 (x64)\nsynplant\n", encoding="utf-8")
    return "Projects"


def cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_plugins_lists_every_plugin_with_its_sets(library, capsys):
    code, out, err = cli(capsys, "plugins", library, "--isolated")
    assert (code, err) == (0, "")
    assert out.splitlines()[:4] == [
        "AmpliTube 4 (VST3)",
        "  Projects/Gamma Project/Sets/Gamma.als",
        "Decapitator (VST2)",
        "  Projects/Beta/Beta Remix.als",
    ]
    assert out.endswith(
        "Synplant (VST2)\n  Projects/Alpha Project/Alpha.als\n"
        "UADx Manley Massive Passive MST (VST3)\n  Projects/Beta/Beta Remix.als\n"
        "ValhallaVintageVerb (VST2)\n  Projects/Beta/Beta Remix.als\n"
        "11 plugins in 4 sets.\n"
    )


def test_plugins_against_a_collaborators_list(library, capsys):
    code, out, _ = cli(
        capsys,
        "plugins",
        library,
        "--isolated",
        "--plugin-list",
        "list.txt",
        "--no-standard-folders",
    )
    assert code == 1
    assert "FabFilter Pro-C 2 (VST2) — MISSING\n  Projects/Alpha Project/Alpha.als\n" in out
    assert "FabFilter Pro-Q 3 (VST2) — installed\n" in out
    assert out.endswith("11 plugins in 4 sets; 9 not installed (checked against list.txt).\n")


def test_plugins_json_with_a_fake_macos_folder(library, capsys, tmp_path):
    components = tmp_path / "Plug-Ins" / "Components"
    bundle(components / "Synplant.component")
    code, out, _ = cli(
        capsys,
        "plugins",
        library,
        "--isolated",
        "--format",
        "json",
        "--plugin-folder",
        str(components),
    )
    document = json.loads(out)
    assert code == 1
    assert document["checked_against"] == [str(components)]
    synplant = next(p for p in document["plugins"] if p["name"] == "Synplant")
    # The set asks for the VST2; only the Audio Unit is installed.
    assert synplant == {
        "format": "vst2",
        "name": "Synplant",
        "vendor": None,
        "installed": False,
        "sets": ["Projects/Alpha Project/Alpha.als"],
    }


def test_audio_units_show_their_vendor(corpus_file, capsys, tmp_path, monkeypatch):
    """Audio Units store their maker (`Manufacturer`); VST2 and VST3 plugins do not."""
    folder = tmp_path / "Glitchy Project"
    folder.mkdir()
    (folder / "glitchy.als").write_bytes(
        corpus_file("live10.1.7__BillMoriarty__song-glitchy__glitchy.als").read_bytes()
    )
    monkeypatch.chdir(tmp_path)
    code, out, _ = cli(capsys, "plugins", "Glitchy Project", "--isolated")
    assert code == 0
    assert "Ozone 8 (AU, iZotope)\n  Glitchy Project/glitchy.als\n" in out
    code, out, _ = cli(capsys, "plugins", "Glitchy Project", "--isolated", "--format", "json")
    ozone = next(p for p in json.loads(out)["plugins"] if p["name"] == "Ozone 8")
    assert (ozone["format"], ozone["vendor"]) == ("au", "iZotope")


def test_plugins_installed_cannot_decide_without_folders(library, capsys, monkeypatch):
    monkeypatch.setattr("sys.platform", "linux")
    code, out, err = cli(capsys, "plugins", library, "--installed")
    assert (code, out) == (2, "")
    assert err == (
        "alslint: error: cannot decide which plugins are installed: no plugin folder exists on "
        "this machine; give --plugin-list FILE or --plugin-folder DIR\n"
    )


def test_lint_with_the_rule_configured(library, capsys, tmp_path):
    (tmp_path / "alslint.toml").write_text(
        '[rules.missing-plugin]\nplugin-list = "list.txt"\nstandard-folders = false\n',
        encoding="utf-8",
    )
    code, out, _ = cli(
        capsys, "Projects/Alpha Project/Alpha.als", "--select", "ALS320", "--no-cache"
    )
    assert code == 1
    assert out.splitlines()[3].startswith(
        "  warning ALS320 Master › FabFilter Pro-C 2: VST2 plugin 'FabFilter Pro-C 2' is not installed here"
    )
