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


MUTATIONS = [delete_element, duplicate_element, garble_attribute]


def damaged_set(xml: bytes, rng: random.Random, mutations: int = 3, cut: bool = False) -> bytes:
    """`xml` damaged by `mutations` random mutations, gzip-compressed; optionally cut short."""
    root = etree.fromstring(xml, etree.XMLParser(huge_tree=True))
    for _ in range(mutations):
        rng.choice(MUTATIONS)(root, rng)
    data = gzip.compress(etree.tostring(root, xml_declaration=True, encoding="UTF-8"), mtime=0)
    if cut:
        data = data[: rng.randrange(1, len(data))]
    return data
