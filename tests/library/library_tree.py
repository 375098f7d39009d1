"""A library of corpus sets laid out as a producer's Projects/ folder, for the library tests."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

WIP = "live10.0.1__Music-Projects__wip-4-02-20-Project__wip-4-02-20.als"
WIP_BACKUP = (
    "live10.0.1__Music-Projects__wip-4-02-20-Project__Backup__wip-4-02-20-2020-04-10-191228.als"
)
AUTOMATION = "live10.1.7__offlinemark__dawtool__tests__als__automation.als"
MICHELLE = "live11.3.21__LiveDBApp__node-als-parser__tests__test-data__projects__Michelle.als"
VISBY = "live10.1.30__JonatanWallgren__visby__visby.als"
VISBY_BACKUP = "live10.1.30__JonatanWallgren__visby__Backup__visby-2021-02-20-220520.als"

#: Where each corpus set goes, and when it was last saved (UTC).
LAYOUT = [
    ("Alpha Project/Alpha.als", WIP, "2024-03-05 10:15"),
    ("Alpha Project/Backup/Alpha [2020-04-10 191228].als", WIP_BACKUP, "2020-04-10 19:12"),
    ("Alpha Project/Backup/Alpha [2020-03-01 120000].als", WIP_BACKUP, "2020-03-01 12:00"),
    ("Beta/Beta.als", AUTOMATION, "2023-01-02 08:00"),
    ("Beta/Beta Remix.als", MICHELLE, "2024-06-01 18:30"),
    ("Gamma Project/Sets/Gamma.als", VISBY, "2021-02-21 09:00"),
    ("Gamma Project/Backup/Gamma [2021-02-20 220520].als", VISBY_BACKUP, "2021-02-20 22:05"),
]
PROJECT_INFOS = ["Alpha Project", "Gamma Project"]


def when(text: str) -> float:
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=UTC).timestamp()


def build_library(root: Path, corpus: Path) -> Path:
    """`root/Projects` with the layout above, plus one file that is not a set."""
    library = root / "Projects"
    for relative, source, saved in LAYOUT:
        target = library / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(corpus / source, target)
        os.utime(target, (when(saved), when(saved)))
    for project in PROJECT_INFOS:
        (library / project / "Ableton Project Info").mkdir()
    broken = library / "Beta" / "Broken.als"
    broken.write_bytes(b"not a set")
    os.utime(broken, (when("2022-05-05 05:05"), when("2022-05-05 05:05")))
    return library
