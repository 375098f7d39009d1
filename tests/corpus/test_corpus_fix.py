"""`alslint --fix --unsafe-fixes` on a copy of every real set of the corpus: the re-lint shows
none of the fixed findings and no new one; the XML differs from the original only on the
lines of the edited values, and there only inside their `Value`; the gzip header and the line
endings are the original's; the backup is the original, byte for byte; a second run is a
no-op."""

from __future__ import annotations

import json
import re
import shutil

from alslint.als.container import decode_bytes

FIXING = ("missing-fade", "soloed-track")
#: The only lines a fix may change: a fade length or a solo switch, nothing but the value.
EDITED_LINE = re.compile(rb'^\s*<(FadeInLength|FadeOutLength|SoloSink) Value="[^"]*" />\r?\n?$')


def _lint(cli_run, path, out):
    code = cli_run(
        [
            "--stage",
            "release",
            "--no-cache",
            "-j",
            "1",
            "--format",
            "json",
            "-o",
            str(out),
            str(path),
        ]
    )
    assert code in (0, 1)
    [file] = json.loads(out.read_text(encoding="utf-8"))["files"]
    return {
        (f["code"], f["name"], json.dumps(f["location"], sort_keys=True)) for f in file["findings"]
    }


def test_fix_changes_only_what_it_fixes(als_file, tmp_path):
    from alslint.cli import run

    target = tmp_path / als_file.name
    shutil.copyfile(als_file, target)
    original = als_file.read_bytes()
    before = _lint(run, target, tmp_path / "before.json")

    code = run(
        [
            "--stage",
            "release",
            "--no-cache",
            "-j",
            "1",
            "--fix",
            "--unsafe-fixes",
            "--format",
            "json",
            "-o",
            str(tmp_path / "after.json"),
            str(target),
        ]
    )
    assert code in (0, 1)
    after = _lint(run, target, tmp_path / "again.json")
    fixed = {f for f in before if f[1] in FIXING}
    assert not {f for f in after if f[1] in FIXING}
    assert after == before - fixed  # nothing new, nothing else gone

    written = target.read_bytes()
    backups = list((tmp_path / "Backup").glob("*.als"))
    if not fixed:
        assert written == original and not backups
        return
    [backup] = backups
    assert backup.read_bytes() == original
    assert re.fullmatch(
        rf"{re.escape(target.stem)} \[\d{{4}}-\d\d-\d\d \d{{6}}\]\.als", backup.name
    )
    assert written[:10] == original[:10]  # Live's gzip header, with the original's OS byte
    old_xml, new_xml = decode_bytes("old", original), decode_bytes("new", written)
    assert old_xml.count(b"\r\n") == new_xml.count(b"\r\n")
    old_lines, new_lines = old_xml.splitlines(True), new_xml.splitlines(True)
    assert len(old_lines) == len(new_lines)
    changed = [(a, b) for a, b in zip(old_lines, new_lines) if a != b]
    assert changed
    for a, b in changed:
        assert EDITED_LINE.match(a) and EDITED_LINE.match(b), (a, b)
        assert a.split(b"Value=")[0] == b.split(b"Value=")[0]

    assert run(
        [
            "--no-cache",
            "-j",
            "1",
            "--fix",
            "--unsafe-fixes",
            "--stage",
            "release",
            "--format",
            "json",
            "-o",
            str(tmp_path / "second.json"),
            str(target),
        ]
    ) in (0, 1)
    assert target.read_bytes() == written  # the second run is a no-op
    assert len(list((tmp_path / "Backup").glob("*.als"))) == 1
