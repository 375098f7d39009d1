"""`alslint mcp` as a client sees it: started as a subprocess and driven over stdio by the `mcp`
SDK's own client; every tool's result is the document the CLI prints for the same set."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import sys
from pathlib import Path

import anyio
import pytest
from cli_helpers import cli
from mcp.client.session import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client

from alslint._version import __version__
from alslint.mcp import tools
from alslint.mcp.paths import Roots

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "sample_projects"
CORPUS_SET = "live10.0.1__Music-Projects__wip-4-02-20-Project__wip-4-02-20.als"
CORPUS_BACKUP = (
    "live10.0.1__Music-Projects__wip-4-02-20-Project__Backup__wip-4-02-20-2020-04-10-191228.als"
)
TOOLS = {
    *("inspect_set", "lint_set", "explain_rule", "diff_sets", "clip_notes", "list_sets"),
    "fix_set",
}


async def _talk(roots: list[Path], calls: list[tuple[str, dict]], cwd: Path) -> dict:
    """Start the server, run the handshake, list tools and resources, make every call."""
    args = ["-m", "alslint", "mcp"] + [arg for root in roots for arg in ("--root", str(root))]
    params = StdioServerParameters(command=sys.executable, args=args, cwd=cwd)
    with open(cwd / "server.log", "w") as errlog:
        async with (
            stdio_client(params, errlog=errlog) as (read, write),
            ClientSession(read, write, read_timeout_seconds=300) as session,
        ):
            seen = {"initialize": await session.initialize()}
            seen["tools"] = (await session.list_tools()).tools
            seen["resources"] = (await session.list_resources()).resources
            seen["rules"] = (await session.read_resource("alslint://rules")).contents[0].text
            seen["stages"] = (await session.read_resource("alslint://stages")).contents[0].text
            seen["calls"] = [await session.call_tool(name, arguments) for name, arguments in calls]
    return seen


@pytest.fixture(scope="module")
def library(tmp_path_factory, corpus_dir) -> Path:
    """A third root: a folder with one corpus set, a damaged set and a secret outside it."""
    folder = tmp_path_factory.mktemp("library")
    (folder / "Songs").mkdir()
    shutil.copy(corpus_dir / CORPUS_SET, folder / "Songs" / CORPUS_SET)
    (folder / "Songs" / "bad.als").write_bytes(b"not a set")
    return folder / "Songs"


CALLS = [
    ("inspect_set", {"path": "demo.als"}),
    ("lint_set", {"path": "demo.als"}),
    ("lint_set", {"path": "demo.als", "before": "release", "select": ["ALS3", "no-limiter"]}),
    ("explain_rule", {"name": "missing-sample"}),
    ("diff_sets", {"old": "clean.als", "new": "demo.als"}),
    ("clip_notes", {"path": "demo.als", "track": "Bass", "clip": "Bassline"}),
    ("clip_notes", {"path": "demo.als", "track": 4, "clip": "1.1.1", "offset": 6, "limit": 1}),
    ("list_sets", {}),
    # Refused, and errors: none of them stops the server.
    ("inspect_set", {"path": "../README.md"}),
    ("inspect_set", {"path": "/etc/passwd"}),
    ("list_sets", {"folder": ".."}),
    ("clip_notes", {"path": "demo.als", "track": "Kick", "clip": "Kick Loop"}),
    ("explain_rule", {"name": "no-such-rule"}),
    ("clip_notes", {"path": "demo.als", "track": 4, "clip": "1.1.1", "limit": 5001}),
]


def corpus_calls(library: Path, corpus: Path) -> list[tuple[str, dict]]:
    path = str(library / CORPUS_SET)
    return [
        ("inspect_set", {"path": path}),
        ("lint_set", {"path": path, "before": "mastering"}),
        ("diff_sets", {"old": str(corpus / CORPUS_BACKUP), "new": str(corpus / CORPUS_SET)}),
        ("clip_notes", {"path": path, "track": "122 Loop 3", "clip": "5.1.1", "limit": 10}),
        ("clip_notes", {"path": path, "track": 1, "clip": "scene 1"}),
        ("list_sets", {"folder": str(library)}),
        ("inspect_set", {"path": str(library / "bad.als")}),
        ("lint_set", {"path": str(library / "bad.als")}),
        ("inspect_set", {"path": path}),  # still answering after the errors
    ]


@pytest.fixture(scope="module")
def session(library, corpus_dir, tmp_path_factory) -> dict:
    cwd = tmp_path_factory.mktemp("client")
    calls = CALLS + corpus_calls(library, corpus_dir)
    seen = anyio.run(_talk, [SAMPLES, corpus_dir, library], calls, cwd)
    seen["results"] = dict(zip(range(len(calls)), seen.pop("calls")))
    return seen


def result(session: dict, index: int):
    call = session["results"][index]
    assert not call.is_error, call.content
    # The text content is the same document, for clients that read only text.
    assert json.loads(call.content[0].text) == call.structured_content
    return call.structured_content


def error(session: dict, index: int) -> str:
    call = session["results"][index]
    assert call.is_error
    [content] = call.content
    assert "\n" not in content.text and "Traceback" not in content.text
    return content.text


@pytest.fixture
def in_samples(monkeypatch):
    monkeypatch.chdir(SAMPLES)


def cli_json(capsys, *argv: str):
    code, out, err = cli(capsys, *argv)
    assert code in (0, 1), err
    return json.loads(out)


def test_initialize_lists_the_tools_with_their_schemas(session):
    init = session["initialize"]
    assert (init.server_info.name, init.server_info.version) == ("alslint", __version__)
    assert "without Live running" in init.instructions
    assert {tool.name for tool in session["tools"]} == TOOLS
    for tool in session["tools"]:
        assert tool.description and tool.input_schema["type"] == "object"
        assert tool.output_schema["type"] == "object"
        assert tool.annotations.read_only_hint == (tool.name != "fix_set")
    fix_set = next(tool for tool in session["tools"] if tool.name == "fix_set")
    assert fix_set.annotations.destructive_hint
    assert fix_set.input_schema["required"] == ["path", "rules"]
    assert fix_set.input_schema["properties"]["dry_run"]["default"] is True
    schemas = {tool.name: tool.input_schema for tool in session["tools"]}
    assert schemas["clip_notes"]["required"] == ["path", "track", "clip"]
    assert schemas["clip_notes"]["properties"]["limit"]["maximum"] == 5000
    assert set(schemas["lint_set"]["properties"]) == {"path", "before", "select"}


def test_resources_are_the_rule_catalogue_and_the_stage_model(session, capsys):
    assert [r.uri for r in session["resources"]] == ["alslint://rules", "alslint://stages"]
    assert json.loads(session["rules"]) == cli_json(capsys, "rules", "--format", "json")
    assert json.loads(session["stages"]) == tools.stage_model()


def test_demo_inspect_lint_rule_and_diff_are_the_cli_documents(session, capsys, in_samples):
    assert result(session, 0) == cli_json(capsys, "inspect", "--format", "json", "demo.als")
    runs = ((1, None, None, ()), (2, "release", ["ALS3", "no-limiter"], ("--stage", "release")))
    for index, before, select, args in runs:
        document = dict(result(session, index))
        stage_line = document.pop("stage_line")
        assert document.pop("samples_not_checked")
        selected = ("--select", ",".join(select)) if select else ()
        lint = ("lint", "--isolated", "--no-cache", "--format", "json", *args, *selected)
        assert document == cli_json(capsys, *lint, "demo.als")
        expected = tools.lint_set(Roots([SAMPLES]), "demo.als", before, select)["stage_line"]
        assert stage_line == expected
    catalogue = [rule["code"] for rule in cli_json(capsys, "rules", "--format", "json")]
    sound_design = sorted(code for code in catalogue if code.startswith("ALS3"))
    assert stage_line["rules_run"] == [*sound_design, "ALS501"]
    assert result(session, 3) == tools.explain_rule("missing-sample")
    assert (
        result(session, 3)["doc"]
        == cli(capsys, "rule", "--format", "markdown", "missing-sample")[1]
    )
    diff = ("diff", "--format", "json", "clean.als", "demo.als")
    assert result(session, 4) == cli_json(capsys, *diff)


def test_demo_clip_notes(session, in_samples):
    bassline = result(session, 5)
    assert bassline == tools.clip_notes(Roots([SAMPLES]), "demo.als", "Bass", "Bassline")
    assert (bassline["total"], bassline["next_offset"]) == (8, None)
    assert [(n["name"], n["pitch"], n["bar_beat"], n["velocity"]) for n in bassline["notes"]] == [
        ("A1", 45, "1.1.1", 110.0),
        ("A1", 45, "1.2.1", 90.0),
        ("E2", 52, "1.3.1", 100.0),
        ("A1", 45, "2.1.1", 110.0),
        ("A1", 45, "2.3.1", 90.0),
        ("E2", 52, "3.1.1", 100.0),
        ("A1", 45, "3.3.1", 110.0),
        ("E2", 52, "4.1.1", 95.0),
    ]
    page = result(session, 6)
    assert (page["offset"], page["next_offset"], page["notes"]) == (6, 7, [bassline["notes"][6]])


def test_demo_list_sets(session, in_samples):
    assert result(session, 7) == tools.list_sets(Roots([SAMPLES]))
    assert [entry["path"] for entry in result(session, 7)["sets"]] == ["clean.als", "demo.als"]
    assert [entry["stage_reached"] for entry in result(session, 7)["sets"]] == [
        "release",
        "arrangement",
    ]


@pytest.mark.parametrize(
    ("index", "message"),
    [
        (8, "../README.md: outside the allowed folders ("),
        (9, "/etc/passwd: outside the allowed folders ("),
        (10, "..: outside the allowed folders ("),
        (11, "2 clips match 'Kick Loop': at 1.1.1, 41.1.1; pass a position"),
        (12, "no rule named or coded 'no-such-rule'"),
        (13, "offset must be 0 or more and limit 1 to 5000"),
    ],
)
def test_refusals_and_wrong_arguments_are_tool_errors(session, index, message):
    assert message in error(session, index)


def test_a_corpus_set(session, library, corpus_dir, capsys, monkeypatch):
    first = len(CALLS)
    monkeypatch.chdir(SAMPLES)  # the server's working folder: its first root
    path = str(library / CORPUS_SET)
    assert result(session, first) == cli_json(capsys, "inspect", "--format", "json", path)
    document = dict(result(session, first + 1))
    assert document.pop("stage_line")["before"] == "mastering"
    document.pop("samples_not_checked")
    lint = ("lint", "--isolated", "--no-cache", "--format", "json", "--stage", "mastering", path)
    assert document == cli_json(capsys, *lint)
    # The server names sets by their real path (it resolves links before the root check).
    old = str((corpus_dir / CORPUS_BACKUP).resolve())
    new = str((corpus_dir / CORPUS_SET).resolve())
    assert result(session, first + 2) == cli_json(capsys, "diff", "--format", "json", old, new)
    roots = Roots([SAMPLES, corpus_dir, library])
    notes = result(session, first + 3)
    assert notes == tools.clip_notes(roots, path, "122 Loop 3", "5.1.1", limit=10)
    assert (notes["total"], notes["next_offset"], len(notes["notes"])) == (39, 10, 10)
    assert [(n["name"], n["bar_beat"]) for n in notes["notes"][:3]] == [
        ("F1", "5.1.1"),
        ("C1", "5.2.1"),
        ("F1", "5.3.1"),
    ]
    session_clip = result(session, first + 4)
    assert (session_clip["clip"]["where"], session_clip["total"]) == ("scene 1", 8)
    listing = result(session, first + 5)
    assert listing == tools.list_sets(roots, str(library))
    assert [(e["path"], e["unreadable"]) for e in listing["sets"]] == [
        (str(library / "bad.als"), True),
        (path, False),
    ]


def test_a_bad_set_is_a_tool_error_not_a_crash(session):
    first = len(CALLS)
    assert "bad.als: " in error(session, first + 6)
    assert "bad.als: " in error(session, first + 7)
    assert result(session, first + 8) == result(session, first)


async def _inspect_in_the_current_folder(cwd: Path):
    params = StdioServerParameters(command=sys.executable, args=["-m", "alslint", "mcp"], cwd=cwd)
    async with (
        stdio_client(params) as (read, write),
        ClientSession(read, write, read_timeout_seconds=300) as session,
    ):
        await session.initialize()
        return [
            await session.call_tool("inspect_set", {"path": "demo.als"}),
            await session.call_tool("inspect_set", {"path": "../README.md"}),
        ]


def test_the_default_root_is_the_current_folder():
    inside, outside = anyio.run(_inspect_in_the_current_folder, SAMPLES)
    assert inside.structured_content["path"] == "demo.als"
    assert outside.is_error


def test_the_readme_snippet_and_tool_table():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Assistants (MCP)") : readme.index("## Public API")]
    [snippet] = re.findall(r"```json\n(.*?)```", section, re.S)
    server = json.loads(snippet)["mcpServers"]["alslint"]
    assert (server["command"], server["args"][:2]) == ("alslint", ["mcp", "--root"])
    assert set(re.findall(r"^\| `(\w+)` \|", section, re.M)) == TOOLS


def test_a_bug_in_a_tool_is_one_line_too():
    from mcp.server.mcpserver.exceptions import ToolError

    from alslint.mcp.server import _one_line_errors

    def broken_tool():
        return {}["missing"]

    with pytest.raises(ToolError) as caught:
        _one_line_errors(broken_tool)()
    assert str(caught.value) == ("alslint internal error: KeyError: 'missing' (please report it)")


FIX_CALLS = [
    ("fix_set", {"path": "dry.als", "rules": ["missing-fade"]}),
    ("fix_set", {"path": "song.als", "rules": ["missing-fade", "ALS401"], "dry_run": False}),
    ("lint_set", {"path": "song.als", "before": "release", "select": ["ALS301", "ALS401"]}),
    ("fix_set", {"path": "song.als", "rules": ["missing-fade"], "dry_run": False}),
    ("fix_set", {"path": str(SAMPLES / "demo.als"), "rules": ["missing-fade"], "dry_run": False}),
    ("fix_set", {"path": "../outside/demo.als", "rules": ["missing-fade"]}),
    ("fix_set", {"path": "song.als", "rules": ["no-such-rule"]}),
    ("fix_set", {"path": "song.als", "rules": ["ALS4"]}),
    ("fix_set", {"path": "song.als", "rules": ["missing-sample"]}),
    ("fix_set", {"path": "song.als", "rules": []}),
    ("fix_set", {"path": "newer.als", "rules": ["missing-fade"]}),
    ("list_sets", {}),
]


@pytest.fixture(scope="module")
def fixing(tmp_path_factory) -> dict:
    """A server whose only root holds copies of the demo; a copy outside it."""
    top = tmp_path_factory.mktemp("fixing")
    root, outside = top / "root", top / "outside"
    root.mkdir()
    outside.mkdir()
    for name in ("dry.als", "song.als"):
        shutil.copy(SAMPLES / "demo.als", root / name)
    shutil.copy(SAMPLES / "clean.als", root / "clean.als")
    shutil.copy(SAMPLES / "demo.als", outside / "demo.als")
    newer = gzip.decompress((SAMPLES / "demo.als").read_bytes())
    newer = re.sub(rb'Creator="Ableton Live [^"]*"', b'Creator="Ableton Live 99.0"', newer, count=1)
    newer = re.sub(rb'MinorVersion="[^"]*"', b'MinorVersion="99.0_999"', newer, count=1)
    (root / "newer.als").write_bytes(gzip.compress(newer))
    seen = anyio.run(_talk, [root], FIX_CALLS, root)
    seen["results"] = dict(enumerate(seen.pop("calls")))
    seen["root"] = root
    return seen


def test_fix_set_dry_run_writes_nothing_and_shows_the_change(fixing):
    root = fixing["root"]
    dry = result(fixing, 0)
    assert (root / "dry.als").read_bytes() == (SAMPLES / "demo.als").read_bytes()
    assert not (root / "Backup").exists() or not list((root / "Backup").glob("dry*"))
    assert (dry["dry_run"], dry["written"], dry["backup"]) == (True, False, None)
    assert (dry["rules"], dry["fixed"]) == (["missing-fade"], {"missing-fade": 1})
    [fix] = dry["fixes"]
    assert (fix["rule"], fix["code"], fix["safety"]) == ("missing-fade", "ALS301", "safe")
    assert fix["location"] == {
        "track": "Snare",
        "track_number": None,
        "clip": "Snare Hit",
        "device": None,
        "parameter": None,
        "bars": [17, 32],
        "beats": [64.0, 128.0],
        "path": fix["location"]["path"],
    }
    assert "Snare Hit" in fix["location"]["path"]
    assert fix["description"] == "4 ms fade-in and fade-out"
    [change] = dry["diff"]["changes"]
    assert change["message"] == 'clip "Snare Hit" at bar 17.1: fades changed'
    # 4 ms at 124 BPM, in beats, at both edges; nothing else in the clip changes.
    assert (change["old"]["fades"]["in"], change["old"]["fades"]["out"]) == (0.0, 0.0)
    assert (change["new"]["fades"]["in"], change["new"]["fades"]["out"]) == (0.008, 0.008)
    assert {**change["old"], "fades": None} == {**change["new"], "fades": None}


def test_fix_set_writes_with_a_backup_and_the_findings_are_gone(fixing):
    root = fixing["root"]
    written = result(fixing, 1)
    assert (written["dry_run"], written["written"]) == (False, True)
    assert written["fixed"] == {"missing-fade": 1, "soloed-track": 1}
    assert [c["message"] for c in written["diff"]["changes"]] == [
        'clip "Snare Hit" at bar 17.1: fades changed',
        "solo released",
    ]
    backup = root / written["backup"]
    assert backup.parent == root / "Backup" and backup.name.startswith("song [")
    assert backup.read_bytes() == (SAMPLES / "demo.als").read_bytes()
    assert result(fixing, 2)["files"][0]["findings"] == []
    again = result(fixing, 3)  # nothing left to fix: nothing written, no second backup
    assert (again["fixes"], again["written"], again["diff"]["different"]) == ([], False, False)
    assert len(list((root / "Backup").iterdir())) == 1
    assert (root.parent / "outside" / "demo.als").read_bytes() == (
        SAMPLES / "demo.als"
    ).read_bytes()


@pytest.mark.parametrize(
    ("index", "message"),
    [
        (4, "demo.als: outside the allowed folders ("),
        (5, "../outside/demo.als: outside the allowed folders ("),
        (6, "no rule named or coded 'no-such-rule'"),
        (7, "no rule named or coded 'ALS4'"),
        (8, "missing-sample: its fix searches folders"),
        (9, "rules: name at least one rule"),
        (10, "newer.als: refusing to fix a set saved by Ableton Live 99.0, newer than"),
    ],
)
def test_fix_set_refusals_are_one_line_tool_errors(fixing, index, message):
    assert message in error(fixing, index)


def test_list_sets_stage_is_the_status_stage(fixing, capsys, monkeypatch):
    monkeypatch.chdir(fixing["root"])
    listing = result(fixing, len(FIX_CALLS) - 1)
    status = cli_json(capsys, "status", "--isolated", "--no-cache", "--format", "json", ".")
    reached = {s["path"]: s["stage"] for p in status["projects"] for s in p["sets"]}
    assert {e["path"]: e["stage_reached"] for e in listing["sets"]} == reached
    # clean.als, copied without its samples, stops before mixing; the set of a newer Live
    # passes no gate.
    assert reached == {
        "clean.als": "sound-design",
        "dry.als": "arrangement",
        "newer.als": "composition",
        "song.als": "arrangement",
    }
    # The fixed song has one finding fewer before mixing (its fade) than its unfixed copy.
    dry, _, song = (e["open_findings"] for e in listing["sets"][1:])
    assert (dry["sound-design"] - song["sound-design"], dry["arrangement"]) == (1, 1)
