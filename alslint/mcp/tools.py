"""What the MCP tools answer, as plain functions returning JSON-ready dicts (no SDK needed).

Each function takes the server's `Roots` and the client's arguments, reads only inside the
roots, and raises an `AlslintError` with a one-line message for anything a client can get
wrong: the server turns it into a tool error.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from .. import load
from ..describe import note_name
from ..errors import AlslintError
from ..formatters.json_format import as_dict, location_json
from ..gitdiff.compare import diff_sets as semantic_diff
from ..gitdiff.render import to_json as diff_json
from ..inspect.overview import overview
from ..levels import STAGE_ORDER, STAGES, Severity
from ..lint.config import check_selectors, load_config, resolve_rules
from ..lint.engine import DEFAULT_EXCLUDES, LintJob, run
from ..lint.gates import GATES, Gates
from ..lint.registry import collect_rules
from ..lint.selection import nothing_to_run
from ..timeline import Timeline
from .paths import PathRefused, Roots

#: The stage gate a lint checks when the client names none: the check before mixing.
DEFAULT_BEFORE = "mixing"

#: Notes per page of `clip_notes`: the default and the most a client may ask for.
DEFAULT_NOTE_LIMIT = 500
MAX_NOTE_LIMIT = 5000


class ToolInputError(AlslintError):
    """An argument that names nothing in the set, or a value the tool cannot take."""


def _load(roots: Roots, path: str):
    return load(roots.resolve(path))


def _shown(real: Path) -> str:
    """A path as the server reports it: relative to its working folder (the first root)."""
    try:
        return real.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return real.as_posix()


def inspect_set(roots: Roots, path: str) -> dict[str, Any]:
    """The `alslint inspect --format json` document of one set."""
    real = roots.resolve(path)
    return overview(load(Path(_shown(real))))


def lint_set(
    roots: Roots, path: str, before: str | None = None, select: list[str] | None = None
) -> dict[str, Any]:
    """The `alslint lint --format json` document of one set, with the stage line."""
    real = roots.resolve(path)
    result, samples_not_checked = _lint(roots, [real], before or DEFAULT_BEFORE, select)
    file = result.files[0]
    if file.unreadable:
        raise ToolInputError(f"{path}: {file.violations[0].message}")
    document = as_dict(result)
    document["stage_line"] = {
        "before": result.stage,
        "stages_checked": _stages_before(result.stage),
        "rules_run": [rule.code for rule in result.rules],
    }
    document["samples_not_checked"] = samples_not_checked
    return document


def _stages_before(before: str) -> list[str]:
    return STAGES[: STAGE_ORDER.index(before)]


def _lint(roots: Roots, paths: list[Path], before: str, select: list[str] | None):
    """A lint with the default configuration (no config file, no ignore file), as
    `alslint lint --isolated --stage BEFORE` runs it, sample look-ups kept inside the roots.
    Returns the run's result and the sample paths it did not look at."""
    if before not in STAGE_ORDER:
        raise ToolInputError(f"before: unknown stage '{before}' (one of {', '.join(STAGE_ORDER)})")
    config = load_config(None)
    rules = collect_rules()
    if select:
        check_selectors(select, rules, "select")
        config.settings.select = list(select)
    job = LintJob(config, resolve_rules(config, rules, before), before)
    if not job.settings:
        raise ToolInputError(str(nothing_to_run(before, select, [])))
    job.rules_available = len(resolve_rules(config, rules, "release"))
    job.file_exists, samples_not_checked = roots.sample_guard()
    result = run([_shown(path) for path in paths], job)
    return result, samples_not_checked


def explain_rule(name: str) -> dict[str, Any]:
    """One rule's metadata and its documentation (Markdown), by name or code."""
    for rule in collect_rules():
        if name in (rule.code, rule.name) or name.upper() == rule.code:
            return {**_rule_row(rule), "doc": rule.doc()}
    raise ToolInputError(f"no rule named or coded '{name}' (the rules resource lists them)")


def _rule_row(rule) -> dict[str, Any]:
    """A rule as `alslint rules --format json` lists it."""
    return {
        "code": rule.code,
        "name": rule.name,
        "stage": rule.stage.value,
        "severity": rule.default_severity.value,
        "summary": rule.summary,
    }


def rule_catalogue() -> list[dict[str, Any]]:
    """Every rule, as `alslint rules --format json` lists them."""
    return [_rule_row(rule) for rule in collect_rules()]


def stage_model() -> dict[str, Any]:
    """The production stages in order, what each `before` gate checks, and their rules."""
    rules = collect_rules()
    return {
        "stages": [
            {
                "stage": stage,
                "rules": [rule.code for rule in rules if rule.stage.value == stage],
            }
            for stage in STAGES
        ],
        "gates": [
            {"before": before, "checks_stages": _stages_before(before)} for before in STAGE_ORDER
        ],
        "default_before": DEFAULT_BEFORE,
        "meaning": (
            "Every rule belongs to the stage in which its problem should be fixed. A lint "
            "'before' a stage runs the rules of every stage before it: before='mixing' (the "
            "default) lists what to fix before mixing; before='release' runs them all."
        ),
    }


def diff_sets(roots: Roots, old: str, new: str) -> dict[str, Any]:
    """The `alslint diff --format json` document from `old` to `new`."""
    sets = [load(Path(_shown(roots.resolve(path)))) for path in (old, new)]
    return json.loads(diff_json(semantic_diff(*sets)))


def clip_notes(
    roots: Roots,
    path: str,
    track: str | int,
    clip: str,
    offset: int = 0,
    limit: int = DEFAULT_NOTE_LIMIT,
) -> dict[str, Any]:
    """One page of a MIDI clip's notes, sorted by start then pitch."""
    if offset < 0 or not 1 <= limit <= MAX_NOTE_LIMIT:
        raise ToolInputError(f"offset must be 0 or more and limit 1 to {MAX_NOTE_LIMIT}")
    live_set = _load(roots, path)
    found = _find_track(live_set, track)
    chosen, where = _find_clip(live_set, found, clip)
    if chosen.kind != "midi" or chosen.notes is None:
        raise ToolInputError(f"clip {where} on track {found.index + 1} is an audio clip: no notes")
    loop = chosen.loop
    content_start = loop.start + loop.start_relative
    if chosen.scene_index is None:  # arrangement: where the note first plays in the song
        timeline, shift, limit_beat = live_set.timeline(), chosen.start - content_start, chosen.end
    else:  # session: from the clip's own start, in the set's time signature
        timeline, shift, limit_beat = Timeline(live_set.time_signature), -content_start, None
    notes = sorted(chosen.notes, key=lambda note: (note.time, note.pitch))
    page = notes[offset : offset + limit]
    next_offset = offset + len(page)
    return {
        "track": {"number": found.index + 1, "name": found.name},
        "clip": {
            "name": chosen.name,
            "where": where,
            "start": chosen.start,
            "end": chosen.end,
            "loop": {"on": loop.on, "start": loop.start, "end": loop.end},
        },
        "bar_beat_of": "song" if chosen.scene_index is None else "clip",
        "total": len(notes),
        "offset": offset,
        "next_offset": next_offset if next_offset < len(notes) else None,
        "notes": [_note(note, timeline, shift, content_start, limit_beat) for note in page],
    }


def _note(note, timeline: Timeline, shift: float, content_start: float, limit_beat) -> dict:
    at = note.time + shift
    plays = note.time >= content_start and (limit_beat is None or at < limit_beat)
    return {
        "pitch": note.pitch,
        "name": note_name(note.pitch),
        "start": note.time,
        "length": note.duration,
        "bar_beat": str(timeline.position(at)) if plays else None,
        "length_bar_beat": _duration(note.duration, timeline.signature_at(max(at, 0.0))),
        "velocity": note.velocity,
        "muted": not note.enabled,
    }


def _duration(beats: float, signature) -> str:
    """A length as Live's clip view shows it: bars.beats.sixteenths counted from 0."""
    bars, rest = divmod(beats + 1e-9, signature.beats_per_bar)
    beat_length = 4.0 / signature.denominator
    whole_beats, rest = divmod(rest, beat_length)
    return f"{int(bars)}.{int(whole_beats)}.{int(rest // 0.25)}"


def _find_track(live_set, track: str | int):
    """The track named `track`, else the one numbered `track` (1 = the first)."""
    tracks = live_set.tracks
    named = [] if isinstance(track, int) else [t for t in tracks if t.name == track]
    if len(named) > 1:
        numbers = ", ".join(str(t.index + 1) for t in named)
        raise ToolInputError(f"{len(named)} tracks are named '{track}': numbers {numbers}")
    if named:
        return named[0]
    if isinstance(track, int) or track.strip().isdigit():
        number = int(track)
        if not 1 <= number <= len(tracks):
            raise ToolInputError(f"no track number {number} (the set has {len(tracks)} tracks)")
        return tracks[number - 1]
    raise ToolInputError(f"no track named '{track}' (inspect_set lists the tracks)")


def _find_clip(live_set, track, clip: str):
    """The clip named `clip`, else the one in session slot `scene N` or at arrangement
    position `bar[.beat[.sixteenth]]`; with where it is, as `bar.beat.sixteenth` or `scene N`."""
    timeline = live_set.timeline()
    places = [(c, str(timeline.position(c.start))) for c in track.arrangement_clips]
    places += [(c, f"scene {c.scene_index + 1}") for c in track.session_clips]
    matches = [(c, where) for c, where in places if c.name == clip]
    if not matches:
        wanted = " ".join(clip.lower().split())
        parts = wanted.split(".")
        if all(part.isdigit() for part in parts) and len(parts) <= 3:
            wanted = ".".join(str(int(part)) for part in parts + ["1"] * (3 - len(parts)))
        matches = [(c, where) for c, where in places if where == wanted]
    if not matches:
        raise ToolInputError(
            f"no clip '{clip}' on track {track.index + 1} '{track.name}' "
            "(a name, an arrangement position like 17.1.1, or 'scene N')"
        )
    if len(matches) > 1:
        shown = ", ".join(where for _, where in matches)
        raise ToolInputError(f"{len(matches)} clips match '{clip}': at {shown}; pass a position")
    return matches[0]


def list_sets(roots: Roots, folder: str = ".") -> dict[str, Any]:
    """Every set under `folder` with its overview, the stage it has reached (as `alslint
    status --isolated` decides it) and its open findings per stage before mixing."""
    real = roots.resolve(folder, folder=True)
    paths = _sets_below(roots, real)
    # One lint with every gate's rules, as `alslint status` runs it.
    result, _ = _lint(roots, paths, "release", None)
    config = load_config(None)
    rules = collect_rules()
    gates = Gates(
        {gate: {s.rule.code for s in resolve_rules(config, rules, gate)} for gate in GATES},
        Severity(config.settings.fail_on),
    )
    before = gates.codes[DEFAULT_BEFORE]
    stages = _stages_before(DEFAULT_BEFORE)
    entries = []
    for path, file in zip(paths, result.files):
        entry: dict[str, Any] = {"path": file.path, "unreadable": file.unreadable}
        if file.unreadable:
            entry["error"] = file.violations[0].message
            entry["stage_reached"] = None
        else:
            summary = overview(load(path))
            counts = dict.fromkeys([*stages, "set"], 0)
            for violation in file.violations:
                if violation.stage is not None and violation.code not in before:
                    continue  # a rule of mixing or later
                key = violation.stage or "set"
                counts[key] = counts.get(key, 0) + 1
            entry |= {
                "live_version": summary["live_version"],
                "tempo": summary["tempo"],
                "length": summary["length"],
                "tracks": len(summary["tracks"]),
                "stage_reached": gates.reached(file.violations),
                "open_findings": counts,
            }
        entries.append(entry)
    return {
        "folder": _shown(real),
        "before": DEFAULT_BEFORE,
        "fail_on": gates.threshold.value,
        "sets": entries,
    }


def _sets_below(roots: Roots, folder: Path) -> list[Path]:
    """The `.als` files below `folder`, sorted, as lint finds them (Live's `Backup/` folders
    left out), without hidden files and folders, and none that leads outside the roots."""
    excluded = {pattern.rstrip("/") for pattern in DEFAULT_EXCLUDES}
    found = []
    for parent, folders, files in os.walk(folder):
        folders[:] = [f for f in folders if not f.startswith(".") and f not in excluded]
        for name in files:
            if name.lower().endswith(".als") and not name.startswith("."):
                try:
                    found.append(roots.resolve(os.path.join(parent, name)))
                except PathRefused:  # a link to a file outside the roots
                    continue
    return sorted(found)


#: Rules whose fix searches folders for a file (relinking a missing sample): not offered,
#: since a search could reach beyond the roots (use `alslint --fix --search DIR`).
SEARCHING_FIXES = {"ALS304"}


def fix_set(roots: Roots, path: str, rules: list[str], dry_run: bool = True) -> dict[str, Any]:
    """Apply the fixes of the named rules (exact names or codes: each named rule's fixes,
    safe or unsafe, are applied) to one set. With `dry_run`, write nothing and describe the
    change; else write it as `alslint --fix` does (backup, atomic write, read-back check)."""
    from ..als.build import load_xml
    from ..errors import SetReadError
    from ..fix.apply import choose_edits, refusal
    from ..fix.writer import FixError, Snapshot, apply_edits, write_fixed
    from ..lint import engine

    real = roots.resolve(path)
    named = _named_rules(rules)
    config = load_config(None)
    config.settings.select = [rule.code for rule in named]
    job = LintJob(config, resolve_rules(config, collect_rules(), "release"), "release")
    job.file_exists, _ = roots.sample_guard()
    shown = _shown(real)
    try:
        snapshot = Snapshot.read(real, job.max_xml_bytes)
        live_set = load_xml(shown, snapshot.xml)
    except OSError as exc:
        raise ToolInputError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    except SetReadError as exc:
        raise ToolInputError(f"{path}: {exc.problem}") from None
    problem = refusal(live_set, engine.NEWEST_KNOWN_LIVE)
    if problem:
        raise ToolInputError(f"{path}: {problem}")
    fixable = engine.fixable_findings(live_set, real, job, unsafe=True)
    edits, fixed = choose_edits(fixable)
    chosen = {(e.track, e.clip, e.path): e.new for e in edits}
    fixes = [
        {
            "rule": rule.name,
            "code": rule.code,
            "safety": rule.fix_safety,
            "location": location_json(finding.location),
            "finding": finding.message,
            "description": finding.fix.description,
        }
        for rule, finding in fixable
        if all(chosen.get((e.track, e.clip, e.path)) == e.new for e in finding.fix.edits)
    ]
    document: dict[str, Any] = {
        "path": shown,
        "dry_run": dry_run,
        "rules": [rule.name for rule in named],
        "fixes": fixes,
        "fixed": dict(fixed),
        "written": False,
        "backup": None,
    }
    if not edits:
        document["diff"] = json.loads(diff_json(semantic_diff(live_set, live_set)))
        return document
    try:
        new_xml = apply_edits(snapshot.xml, edits)
        document["diff"] = json.loads(diff_json(semantic_diff(live_set, load_xml(shown, new_xml))))
        if not dry_run:
            if not roots.inside(real.parent / "Backup"):  # a link out of the roots
                raise FixError("its Backup/ folder leads outside the allowed folders")
            backup = write_fixed(snapshot, new_xml, edits)
            document |= {"written": True, "backup": _shown(backup)}
    except (FixError, SetReadError, OSError) as exc:
        raise ToolInputError(f"{path}: not fixed: {exc}") from None
    return document


def _named_rules(names: list[str]) -> list:
    """The rules named by exact name or code (no prefixes: an unsafe fix is applied only when
    its rule is named), in catalogue order."""
    if not names:
        raise ToolInputError("rules: name at least one rule whose fixes to apply")
    catalogue = collect_rules()
    named = []
    for name in names:
        found = [r for r in catalogue if name in (r.code, r.name) or name.upper() == r.code]
        if not found:
            raise ToolInputError(f"no rule named or coded '{name}' (the rules resource lists them)")
        if found[0].code in SEARCHING_FIXES:
            raise ToolInputError(
                f"{found[0].name}: its fix searches folders for the sample, which fix_set does "
                "not do; use `alslint --fix --search DIR`"
            )
        named.append(found[0])
    return [rule for rule in catalogue if rule in named]
