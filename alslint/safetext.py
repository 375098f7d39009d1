"""What a set, a file name or a config says, made safe to print: one discipline for every output.

Names in a set come from anyone (collaborators, downloads, pull requests) and are printed into
terminals and CI logs. There, a raw line break followed by `::error::…`, or `##[…]` anywhere
in a line, is a command to the GitHub Actions runner; ESC and C1 sequences drive terminals;
bidi overrides make text read backwards. So:

- `shown(text)` is for every human or log output (text, Markdown, HTML, inspect, textconv,
  diff, JUnit, error lines): control characters, line and paragraph separators and bidi
  controls become visible escapes (`\\n`, `\\r`, `\\t`, `\\x1b`, `\\x9b`, `\\u202e`), bytes of a
  file name that were not UTF-8 show as `\\xNN`, `##[` becomes `##\\[` and a leading `::`
  (after optional blanks) becomes `\\::`. Backslashes are left as they are: this is for
  reading, not for parsing back.
- `json_safe(document)` is for serialised JSON (json, sarif, gitlab, the diff and inspect
  JSON): values stay exact, but the same characters are written as JSON `\\uXXXX` escapes, so
  the raw text holds no `##[` and no control character a log or terminal would act on.
"""

from __future__ import annotations

import re

# Beyond the C0 and C1 controls and DEL: the line and paragraph separators, every bidi control
# (marks, embeddings, overrides, isolates) and lone surrogates (bytes of a file name that
# were not UTF-8).
_ALSO_UNSAFE = "\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{_ALSO_UNSAFE}]")
# In serialised JSON the raw tab, line feed and carriage return are its own whitespace (a
# string holds them escaped already).
_UNSAFE_IN_JSON = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_ALSO_UNSAFE}]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_LEADING_COLONS = re.compile(r"^(\s*)::")
_LEGACY_COMMAND = "##["


def _visible(match: re.Match[str]) -> str:
    char = match[0]
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the byte that was not UTF-8
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(text: object) -> str:
    """`text` as one line that is safe to print to a terminal or a CI log (see the module)."""
    value = _UNSAFE.sub(_visible, str(text))
    value = value.replace(_LEGACY_COMMAND, "##\\[")
    return _LEADING_COLONS.sub(r"\1\\::", value)


class Shown(str):
    """Text already made safe (or written by alslint itself): printed as it is."""


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match[0])
    if 0xDC80 <= code <= 0xDCFF:  # keep the byte visible, as `shown` does
        return f"\\\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


def json_safe(document: str) -> str:
    """Serialised JSON with the unsafe characters and `##[` as JSON escapes (same values).

    Only valid for JSON text: these characters can only occur inside its strings.
    """
    return _UNSAFE_IN_JSON.sub(_json_escape, document).replace(_LEGACY_COMMAND, "#\\u0023[")
