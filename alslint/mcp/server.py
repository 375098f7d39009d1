"""The MCP server: the functions of `tools` as MCP tools, the rule catalogue and the stage model
as resources. Needs the `mcp` SDK (the `mcp` extra).

Argument and result types are declared here, so that the SDK publishes a JSON schema for every
tool's input and output; an expected failure (a path outside the roots, an unreadable set, an
unknown rule, track or clip) becomes a tool error with one line, never a crashed server.
"""

from __future__ import annotations

import functools
import json
import logging
from typing import Annotated, Any

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import ToolAnnotations
from pydantic import Field

# pydantic reads nested TypedDicts only from typing_extensions before Python 3.12.
from typing_extensions import TypedDict

from .._version import __version__
from ..errors import AlslintError
from . import tools
from .paths import Roots

INSTRUCTIONS = """\
alslint reads Ableton Live sets (.als files) without Live running: an overview of a set
(inspect_set), what is still open before the next production stage (lint_set, explain_rule),
what changed between two versions (diff_sets), the notes of a MIDI clip (clip_notes), the
sets of a folder and how far each is (list_sets), and mechanical repairs (fix_set: dry run
first, write only when the producer agrees). It only reads and writes files inside the folders
it was started with.
Producers work in stages (composition, arrangement, sound design, mixing, mastering); ask
lint_set with before="<the stage they are about to start>" to tell them what to fix first."""

SetPath = Annotated[
    str, Field(description="A .als file, relative to the server's first folder or absolute.")
]


class Length(TypedDict):
    beats: float
    bars: int
    seconds: float


class InspectResult(TypedDict):
    """The `alslint inspect --format json` document (docs/formats.md)."""

    schema_version: int
    path: str
    live_version: str
    creator: str
    schema_family: int
    tempo: float
    tempo_automated: bool
    tempo_range: list[float] | None
    time_signature: str
    time_signature_changes: list[dict[str, Any]]
    key: dict[str, Any] | None
    length: Length
    tracks: list[dict[str, Any]]
    locators: list[dict[str, Any]]
    scenes: list[dict[str, Any]]


class StageLine(TypedDict):
    before: Annotated[str, Field(description="The stage gate checked: the stage about to start.")]
    stages_checked: Annotated[list[str], Field(description="The stages whose rules ran.")]
    rules_run: Annotated[list[str], Field(description="The codes of every rule that ran.")]


class LintResult(TypedDict):
    """The `alslint lint --format json` document of one set, with the stage line."""

    schema_version: int
    alslint_version: str
    stage: str
    before: str
    stages_checked: list[str]
    rules_run: list[str]
    files: list[dict[str, Any]]
    summary: dict[str, int]
    stage_line: StageLine
    samples_not_checked: Annotated[
        list[str],
        Field(
            description="Sample locations outside the allowed folders, not looked at (counted "
            "as not found by missing-sample)."
        ),
    ]


class RuleDoc(TypedDict):
    code: str
    name: str
    stage: str
    severity: str
    summary: str
    doc: Annotated[str, Field(description="The rule's documentation, in Markdown.")]


class DiffResult(TypedDict):
    """The `alslint diff --format json` document (docs/formats.md)."""

    schema_version: int
    old: dict[str, Any]
    new: dict[str, Any]
    different: bool
    changes: list[dict[str, Any]]
    summary: dict[str, Any]


class Note(TypedDict):
    pitch: Annotated[int, Field(description="MIDI note number.")]
    name: Annotated[str, Field(description="Note name as Live shows it: MIDI 60 is C3.")]
    start: Annotated[float, Field(description="Beats from the start of the clip's content.")]
    length: Annotated[float, Field(description="Beats.")]
    bar_beat: Annotated[
        str | None,
        Field(
            description="bar.beat.sixteenth where it first plays (None: it does not play in the clip's first pass)."
        ),
    ]
    length_bar_beat: Annotated[str, Field(description="The length as bars.beats.sixteenths.")]
    velocity: float
    muted: bool


class ClipNotesResult(TypedDict):
    track: dict[str, Any]
    clip: dict[str, Any]
    bar_beat_of: Annotated[
        str,
        Field(description="'song': bar_beat is the arrangement position; 'clip': from its start."),
    ]
    total: Annotated[int, Field(description="Notes in the clip.")]
    offset: int
    next_offset: Annotated[
        int | None, Field(description="Pass as offset for the next page; None on the last.")
    ]
    notes: list[Note]


class SetEntry(TypedDict, total=False):
    path: str
    unreadable: bool
    error: str
    live_version: str
    tempo: float
    length: Length
    tracks: int
    stage_reached: Annotated[
        str | None,
        Field(
            description="The furthest stage whose gate the set passes, as `alslint status` "
            "decides it: no finding at or above fail_on among the rules that gate runs "
            "(composition: it passes none). None when the set cannot be read."
        ),
    ]
    open_findings: Annotated[
        dict[str, int],
        Field(description="Findings per stage before mixing; 'set': about the file itself."),
    ]


class SetList(TypedDict):
    folder: str
    before: Annotated[str, Field(description="The gate open_findings counts for.")]
    fail_on: Annotated[
        str, Field(description="The lowest severity that keeps a set from passing a gate.")
    ]
    sets: list[SetEntry]


class Fix(TypedDict):
    rule: str
    code: str
    safety: Annotated[str, Field(description="'safe', or 'unsafe': it changes what you hear.")]
    location: Annotated[dict[str, Any], Field(description="Where, as lint_set findings give it.")]
    finding: Annotated[str, Field(description="The finding the fix repairs.")]
    description: Annotated[str, Field(description="What the fix does.")]


class FixResult(TypedDict):
    path: str
    dry_run: bool
    rules: Annotated[list[str], Field(description="The rules whose fixes were applied.")]
    fixes: list[Fix]
    fixed: Annotated[dict[str, int], Field(description="Findings fixed per rule.")]
    diff: Annotated[
        DiffResult,
        Field(description="`alslint diff --format json` of the set as it is and as fixed."),
    ]
    written: Annotated[bool, Field(description="True when the set was written.")]
    backup: Annotated[
        str | None,
        Field(description="Where the set as it was is kept (Live's Backup/ folder) once written."),
    ]


#: Published for clients but checked by the tool itself, whose error is one line (the SDK's
#: own validation message spans several).
_LIMIT_BOUNDS = {"minimum": 1, "maximum": tools.MAX_NOTE_LIMIT}

_READ_ONLY = ToolAnnotations(readOnlyHint=True, openWorldHint=False)
#: fix_set replaces a set file (destructive, though the old file is kept in a backup); a
#: second identical call finds nothing left to fix.
_WRITES = ToolAnnotations(
    readOnlyHint=False, destructiveHint=True, idempotentHint=True, openWorldHint=False
)


def _one_line_errors(fn):
    """Expected failures as tool errors with their one-line message. A bug in alslint also
    gives the client one line; its traceback goes to the server's log (stderr)."""

    @functools.wraps(fn)
    def call(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except AlslintError as exc:
            raise ToolError(str(exc)) from None
        except Exception as exc:
            logging.getLogger(__name__).exception("%s crashed", fn.__name__)
            raise ToolError(
                f"alslint internal error: {type(exc).__name__}: {exc} (please report it)"
            ) from None

    return call


def build_server(roots: Roots) -> MCPServer:
    server = MCPServer(
        "alslint", version=__version__, instructions=INSTRUCTIONS, log_level="WARNING"
    )

    def tool(fn, annotations=_READ_ONLY):
        return server.tool(annotations=annotations)(_one_line_errors(fn))

    @tool
    def inspect_set(path: SetPath) -> InspectResult:
        """Overview of one Live set: Live version, tempo, time signature, key, length, every
        track (type, group, mixer, devices, clip and note counts, automation), locators and
        scenes. The same document as `alslint inspect --format json`."""
        return tools.inspect_set(roots, path)

    @tool
    def lint_set(
        path: SetPath,
        before: Annotated[
            str | None,
            Field(
                description="The production stage the producer is about to start: composition, "
                "arrangement, sound-design, mixing (default) or mastering; release checks all."
            ),
        ] = None,
        select: Annotated[
            list[str] | None,
            Field(description="Only these rules: codes (ALS304), code prefixes (ALS3) or names."),
        ] = None,
    ) -> LintResult:
        """What is still open in a set before the next production stage: findings with rule,
        severity, message and location (track, clip, device, bars), as `alslint lint --format
        json`, plus stage_line (the gate checked and the rules run). Runs with the default
        configuration. explain_rule tells what a finding means and how to fix it."""
        return tools.lint_set(roots, path, before, select)

    @tool
    def explain_rule(
        name: Annotated[str, Field(description="A rule's name (missing-sample) or code (ALS304).")],
    ) -> RuleDoc:
        """A rule's documentation: what it finds, why it matters, how to fix it in Live."""
        return tools.explain_rule(name)

    @tool
    def diff_sets(
        old: Annotated[str, Field(description="The earlier version of the set.")],
        new: Annotated[str, Field(description="The later version of the set.")],
    ) -> DiffResult:
        """What changed musically from old to new: tempo, key, locators, scenes, tracks, mixer,
        devices, clips and automation, with the bars; as `alslint diff --format json`."""
        return tools.diff_sets(roots, old, new)

    @tool
    def clip_notes(
        path: SetPath,
        track: Annotated[
            str | int,
            Field(description="The track's name, else its number (1 = the first track)."),
        ],
        clip: Annotated[
            str,
            Field(
                description="The clip's name, else its arrangement position (bar.beat.sixteenth "
                "as inspect shows locators, e.g. 17.1.1) or its session slot ('scene 2')."
            ),
        ],
        offset: Annotated[
            int, Field(description="First note to return.", json_schema_extra={"minimum": 0})
        ] = 0,
        limit: Annotated[
            int, Field(description="Notes per page.", json_schema_extra=_LIMIT_BOUNDS)
        ] = tools.DEFAULT_NOTE_LIMIT,
    ) -> ClipNotesResult:
        """The notes of one MIDI clip, sorted by start then pitch: pitch as number and name
        (C3 = MIDI 60, as Live shows), start and length in beats and as bar.beat, velocity,
        muted. Paged: total is the clip's note count, next_offset the next page's offset."""
        return tools.clip_notes(roots, path, track, clip, offset, limit)

    @tool
    def list_sets(
        folder: Annotated[
            str, Field(description="A folder inside the allowed ones; '.' is the first.")
        ] = ".",
    ) -> SetList:
        """Every Live set under a folder (Backup/ and hidden folders left out) with its Live
        version, tempo, length, track count, the stage it has reached (stage_reached, as
        `alslint status` decides it) and its open findings per stage before mixing. It lints
        every set, so a large folder takes a while."""
        return tools.list_sets(roots, folder)

    def fix_set(
        path: SetPath,
        rules: Annotated[
            list[str],
            Field(
                description="The rules whose fixes to apply, by exact name or code (no "
                "prefixes): missing-fade (safe), soloed-track (unsafe: changes what you hear, "
                "applied only because it is named). missing-sample's relink is not offered."
            ),
        ],
        dry_run: Annotated[
            bool,
            Field(description="True (default): write nothing, return what would change."),
        ] = True,
    ) -> FixResult:
        """Repair the findings of the named rules in one set, as `alslint --fix` does. With
        dry_run (the default) nothing is written: the result lists the fixes and the `alslint
        diff` of the set as it is and as fixed. With dry_run=false the set is written (only
        the edited values change), the original is kept in the set's Backup/ folder as Live
        keeps its backups, and the written file is read back and checked. Refused with one
        line: a set that changed on disk, a newer Live, a damaged set, a path outside the
        allowed folders. Ask the producer to close the set in Live first: Live overwrites the
        file when it saves."""
        return tools.fix_set(roots, path, rules, dry_run)

    tool(fix_set, _WRITES)

    @server.resource(
        "alslint://rules",
        name="rules",
        description="Every rule: code, name, stage, default severity, summary.",
        mime_type="application/json",
    )
    def rules() -> str:
        return json.dumps(tools.rule_catalogue(), indent=2)

    @server.resource(
        "alslint://stages",
        name="stages",
        description="The production stages in order, which rules belong to each, and which "
        "stages a lint before each stage checks.",
        mime_type="application/json",
    )
    def stages() -> str:
        return json.dumps(tools.stage_model(), indent=2)

    return server
