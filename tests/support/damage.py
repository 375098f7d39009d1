"""Structural damage to real sets, for robustness tests and the long fuzzing script.

Each mutation takes the XML tree of a real set and a random source, damages it the way
broken files and buggy tools do, and returns the damaged set's bytes.
"""

from __future__ import annotations

import copy
import gzip
import random

from lxml import etree

GARBAGE_VALUES = [
    "abc",
    "",
    "NaN",
    "inf",
    "-inf",
    "1e400",
    "-1",
    "99999999999999999999",
    "true",
    "1.5.3",
    "\x7f",
]


def _elements(root):
    return [el for el in root.iter() if el is not root and isinstance(el.tag, str)]


def delete_element(root, rng: random.Random) -> None:
    elements = _elements(root)
    if elements:
        victim = rng.choice(elements)
        victim.getparent().remove(victim)


def duplicate_element(root, rng: random.Random) -> None:
    elements = _elements(root)
    if elements:
        victim = rng.choice(elements)
        victim.addnext(copy.deepcopy(victim))


def garble_attribute(root, rng: random.Random) -> None:
    candidates = [el for el in _elements(root) if el.attrib]
    if not candidates:
        return
    victim = rng.choice(candidates)
    name = rng.choice(list(victim.attrib))
    victim.set(name, rng.choice(GARBAGE_VALUES).replace("\x7f", ""))


#: Values in range for a parser but not for Live: signatures of 2^30 or 2^60 beats per bar, a
#: denominator of 2^18, a tempo of 1e15, a pan of 1e308, 4,000 digits (once hangs, overflows
#: and out-of-memory errors in later loops).
EXTREME_VALUES = [
    "2970",
    "5940",
    str(99 * 18),
    "1e15",
    "1e308",
    "-1e308",
    "1e-300",
    "0",
    "-0",
    "9" * 4000,
]
#: Where such values do harm: the set's musical time, the mixer, ids and group links.
_VALUE_TAGS = {"TimeSignature", "Tempo", "Pan", "Volume", "Send", "Panorama", "TimeSignatureId"}


def extreme_value(root, rng: random.Random) -> None:
    candidates = [
        el
        for el in _elements(root)
        if "Value" in el.attrib
        and (el.tag in _VALUE_TAGS or el.getparent().tag in _VALUE_TAGS or el.tag.endswith("Id"))
    ]
    candidates += [el for el in root.iter("FloatEvent")]
    if candidates:
        victim = rng.choice(candidates)
        attribute = "Value" if "Value" in victim.attrib else "Id"
        victim.set(attribute, rng.choice(EXTREME_VALUES))


def group_cycle(root, rng: random.Random) -> None:
    """Point a track's group at a group inside it, at itself, or at a track that is no group."""
    tracks = [el for el in root.iterfind("LiveSet/Tracks/*") if el.find("TrackGroupId") is not None]
    if not tracks:
        return
    victim = rng.choice(tracks)
    groups = [el for el in tracks if el.tag == "GroupTrack"]
    target = rng.choice([victim, *groups, rng.choice(tracks)])
    victim.find("TrackGroupId").set("Value", target.get("Id", "0"))


MUTATIONS = [delete_element, duplicate_element, garble_attribute, extreme_value, group_cycle]


def damaged_set(xml: bytes, rng: random.Random, mutations: int = 3, cut: bool = False) -> bytes:
    """`xml` damaged by `mutations` random mutations, gzip-compressed; optionally cut short."""
    root = etree.fromstring(xml, etree.XMLParser(huge_tree=True))
    for _ in range(mutations):
        rng.choice(MUTATIONS)(root, rng)
    data = gzip.compress(etree.tostring(root, xml_declaration=True, encoding="UTF-8"), mtime=0)
    if cut:
        data = data[: rng.randrange(1, len(data))]
    return data
