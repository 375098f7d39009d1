"""What alslint.load() says about input that is not a readable Live set: one exact line,
"<path>: <problem>", as a SetReadError. Every input is built here, in tmp_path."""

from __future__ import annotations

import gzip
import random

import pytest

import alslint
from alslint import SetReadError

MINIMAL_SET = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<Ableton MajorVersion="5" MinorVersion="11.0_433" Creator="Ableton Live 11.0.11">\n'
    "<LiveSet><Tracks>"
    '<AudioTrack Id="3"><Name><EffectiveName Value="Bass" /><UserName Value="Bass" /></Name>'
    '<DeviceChain><Mixer><Volume><Manual Value="1" /></Volume></Mixer></DeviceChain></AudioTrack>'
    "</Tracks>"
    "<MasterTrack><DeviceChain><Mixer>"
    '<Tempo><Manual Value="93.5" /></Tempo><TimeSignature><Manual Value="200" /></TimeSignature>'
    "</Mixer></DeviceChain></MasterTrack>"
    "</LiveSet></Ableton>\n"
)
DOCTYPE_REFUSED = "contains a DOCTYPE, which Live never writes (refused for safety)"


def _error(path, **kwargs) -> str:
    with pytest.raises(SetReadError) as info:
        alslint.load(path, **kwargs)
    assert info.value.path == str(path)
    return str(info.value)


def _write(tmp_path, data: bytes | str, name: str = "set.als"):
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def _gzip(text: str) -> bytes:
    return gzip.compress(text.encode(), mtime=0)


# -- the file itself --------------------------------------------------------------------------


def test_missing_file(tmp_path):
    path = tmp_path / "gone.als"
    assert _error(path) == f"{path}: no such file"


def test_folder(tmp_path):
    path = tmp_path / "Project.als"
    path.mkdir()
    assert _error(path) == f"{path}: is a folder, not a Live set"


def test_empty_file(tmp_path):
    path = _write(tmp_path, b"")
    assert _error(path) == f"{path}: empty file, not a Live set"


def test_whitespace_only_file(tmp_path):
    path = _write(tmp_path, b" \r\n\t\n")
    assert _error(path) == f"{path}: empty file, not a Live set"


def test_random_bytes(tmp_path):
    data = random.Random(1234).randbytes(4096)
    assert data[:2] != b"\x1f\x8b" and not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")
    path = _write(tmp_path, data)
    assert _error(path) == (
        f"{path}: not a Live set (neither gzip-compressed nor XML; a set saved by Live 8.1 or "
        "older must be opened and saved again in a newer Live)"
    )


def test_git_lfs_pointer(tmp_path):
    pointer = (
        "version https://git-lfs.github.com/spec/v1\n"
        "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n"
        "size 4127893\n"
    )
    path = _write(tmp_path, pointer)
    assert _error(path) == (
        f"{path}: is a Git LFS pointer, not the set itself (run `git lfs pull` to fetch it)"
    )


# -- damaged gzip -----------------------------------------------------------------------------


def test_valid_gzip_loads(tmp_path):
    # The control for the damage below: the same bytes, undamaged, load.
    live_set = alslint.load(_write(tmp_path, _gzip(MINIMAL_SET)))
    assert (live_set.tempo, str(live_set.time_signature)) == (93.5, "3/4")


def test_truncated_gzip(tmp_path):
    data = _gzip(MINIMAL_SET)
    path = _write(tmp_path, data[: len(data) // 2])
    assert _error(path) == f"{path}: truncated gzip stream (the file is incomplete)"


def test_gzip_missing_its_trailer(tmp_path):
    path = _write(tmp_path, _gzip(MINIMAL_SET)[:-4])  # CRC there, length gone
    assert _error(path) == f"{path}: truncated gzip stream (the file is incomplete)"


def test_gzip_bad_crc(tmp_path):
    data = bytearray(_gzip(MINIMAL_SET))
    data[-8] ^= 0xFF  # first byte of the CRC32 trailer
    path = _write(tmp_path, bytes(data))
    assert _error(path) == f"{path}: damaged gzip stream (checksum mismatch)"


def test_gzip_bad_length(tmp_path):
    data = bytearray(_gzip(MINIMAL_SET))
    data[-1] ^= 0x01  # ISIZE, the uncompressed length
    path = _write(tmp_path, bytes(data))
    assert _error(path) == f"{path}: damaged gzip stream (checksum mismatch)"


def test_gzip_bad_header(tmp_path):
    data = bytearray(_gzip(MINIMAL_SET))
    data[2] = 7  # compression method: only 8 (deflate) exists
    path = _write(tmp_path, bytes(data))
    assert _error(path) == f"{path}: damaged gzip stream (bad header)"


def test_trailing_garbage_after_gzip(tmp_path):
    path = _write(tmp_path, _gzip(MINIMAL_SET) + b"\x00garbage")
    assert _error(path) == f"{path}: damaged gzip stream (unexpected data after its end)"


def test_two_gzip_members(tmp_path):
    # gzip tools accept concatenated members; Live never writes them.
    path = _write(tmp_path, _gzip(MINIMAL_SET) + _gzip(MINIMAL_SET))
    assert _error(path) == f"{path}: damaged gzip stream (unexpected data after its end)"


# -- XML that is not a set --------------------------------------------------------------------


def test_xml_root_is_not_ableton(tmp_path):
    path = _write(tmp_path, '<?xml version="1.0"?>\n<LiveSet><Tracks /></LiveSet>\n')
    assert _error(path) == f"{path}: XML, but not an Ableton Live set (root element <LiveSet>)"


def test_gzipped_xml_root_is_not_ableton(tmp_path):
    path = _write(tmp_path, _gzip('<?xml version="1.0"?>\n<svg><g /></svg>\n'))
    assert _error(path) == f"{path}: XML, but not an Ableton Live set (root element <svg>)"


def test_ableton_without_liveset(tmp_path):
    path = _write(tmp_path, '<Ableton MajorVersion="5"><GroovePool /></Ableton>')
    assert _error(path) == f"{path}: an <Ableton> document without a <LiveSet>, not a Live set"


def test_malformed_xml_names_the_line_once(tmp_path):
    path = _write(tmp_path, '<?xml version="1.0"?>\n<Ableton>\n<LiveSet>\n</Ableton>\n')
    assert _error(path) == (
        f"{path}: not well-formed XML (line 4: Opening and ending tag mismatch: LiveSet line 3 "
        "and Ableton)"
    )


def test_malformed_xml_after_cut_parts_names_the_files_own_line(tmp_path):
    # Onset analysis and note blocks are cut before parsing; the line is still the file's.
    path = _write(
        tmp_path,
        '<?xml version="1.0"?>\n<Ableton>\n<LiveSet>\n<Onsets>\n\n</Onsets>\n'
        "<KeyTracks>\n</KeyTracks>\n</Ableton>\n",
    )
    assert _error(path) == (
        f"{path}: not well-formed XML (line 9: Opening and ending tag mismatch: LiveSet line 3 "
        "and Ableton)"
    )


@pytest.mark.parametrize(
    ("clip", "problem"),
    [
        (
            '<AudioClip Id="0" Time="0">\n<Name Value="a" >\n</AudioClip>',
            "line 5: Opening and ending tag mismatch: Name line 4 and AudioClip",
        ),
        (
            '<AudioClip Id="0" Time="0">\n<SampleRef>\n<FileRef>\n</SampleRef>\n</AudioClip>',
            "line 6: Opening and ending tag mismatch: FileRef line 5 and SampleRef",
        ),
    ],
)
def test_malformed_xml_inside_a_clip_names_the_files_own_line(tmp_path, clip, problem):
    # Clips and sample references are parsed on their own, after the rest of the set: the
    # error is the same as for the whole file.
    xml = MINIMAL_SET.replace(
        "<DeviceChain>",
        "<DeviceChain><MainSequencer><Sample><ArrangerAutomation>"
        f"<Events>{clip}</Events></ArrangerAutomation></Sample></MainSequencer>",
    )
    path = _write(tmp_path, xml)
    assert _error(path) == f"{path}: not well-formed XML ({problem})"


def test_plain_xml_minimal_set_loads(tmp_path):
    live_set = alslint.load(_write(tmp_path, MINIMAL_SET))
    assert live_set.damage == []
    assert (live_set.creator, live_set.live_version, live_set.schema_family) == (
        "Ableton Live 11.0.11",
        "11.0.11",
        5,
    )
    assert (live_set.tempo, str(live_set.time_signature)) == (93.5, "3/4")
    assert [(t.type, t.name, t.id) for t in live_set.tracks] == [
        ("audio", "Bass", 3),
        ("master", "Master", None),
    ]
    assert live_set.tracks[0].mixer.volume == 1.0
    assert live_set.locators == [] and live_set.scenes == []


def test_plain_xml_with_bom_and_crlf_loads(tmp_path):
    data = b"\xef\xbb\xbf" + MINIMAL_SET.replace("\n", "\r\n").encode()
    live_set = alslint.load(_write(tmp_path, data))
    assert (live_set.tempo, [t.name for t in live_set.tracks]) == (93.5, ["Bass", "Master"])


# -- hostile XML ------------------------------------------------------------------------------


def _xxe_set(secret_path) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<!DOCTYPE Ableton [<!ENTITY leak SYSTEM "file://{secret_path}">]>\n'
        + MINIMAL_SET.split("\n", 1)[1].replace("<Tracks>", "<Tracks>&leak;")
    )


@pytest.mark.parametrize("compressed", [False, True], ids=["plain", "gzip"])
def test_xxe_is_refused_and_the_file_never_read(tmp_path, compressed):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-7f3a")
    text = _xxe_set(secret)
    path = _write(tmp_path, _gzip(text) if compressed else text)
    message = _error(path)
    assert message == f"{path}: {DOCTYPE_REFUSED}"
    assert "TOP-SECRET" not in message


def test_xxe_behind_a_long_prolog_is_refused(tmp_path):
    # The DOCTYPE is past the first 4 kB the reader looks at before parsing.
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-7f3a")
    head, rest = _xxe_set(secret).split("\n", 1)
    path = _write(tmp_path, head + "\n<!--" + "x" * 8000 + "-->\n" + rest)
    message = _error(path)
    assert message == f"{path}: {DOCTYPE_REFUSED}"
    assert "TOP-SECRET" not in message


def test_xxe_in_an_attribute_is_not_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-7f3a")
    head, rest = _xxe_set(secret).replace("<Tracks>&leak;", "<Tracks>").split("\n", 1)
    rest = rest.replace('Value="93.5"', 'Value="&leak;"')
    path = _write(tmp_path, head + "\n<!--" + "x" * 8000 + "-->\n" + rest)
    message = _error(path)  # libxml2 refuses external entities in attributes outright
    assert message == (
        f"{path}: not well-formed XML (line 5: Attribute references external entity 'leak')"
    )
    assert "TOP-SECRET" not in message


def _billion_laughs() -> str:
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    )
    return f'<?xml version="1.0"?>\n<!DOCTYPE Ableton [{entities}]>\n' + MINIMAL_SET.split("\n", 1)[
        1
    ].replace("<Tracks>", "<Tracks>&lol9;")


def test_billion_laughs(tmp_path):
    path = _write(tmp_path, _billion_laughs())
    message = _error(path)
    assert message == f"{path}: {DOCTYPE_REFUSED}"


def test_billion_laughs_behind_a_long_prolog(tmp_path):
    head, rest = _billion_laughs().split("\n", 1)
    path = _write(tmp_path, head + "\n<!--" + "x" * 8000 + "-->\n" + rest)
    message = _error(path)  # libxml2's amplification limit stops it; its wording varies
    assert message.startswith(f"{path}: not well-formed XML (line ")
    assert "lollollol" not in message


# -- size limits ------------------------------------------------------------------------------


def test_decompression_bomb(tmp_path):
    # 64 MiB of whitespace inside a valid set: about 64 kB compressed.
    body = MINIMAL_SET.replace("</LiveSet>", " " * (64 << 20) + "</LiveSet>")
    data = _gzip(body)
    assert len(data) < 100_000
    path = _write(tmp_path, data)
    assert _error(path, max_xml_bytes=1 << 20) == (
        f"{path}: decompresses to more than the 1 MiB limit for a set"
    )


def test_set_just_under_the_limit_loads(tmp_path):
    data = _gzip(MINIMAL_SET)
    path = _write(tmp_path, data)
    assert alslint.load(path, max_xml_bytes=len(MINIMAL_SET.encode())).tempo == 93.5
    assert _error(path, max_xml_bytes=len(MINIMAL_SET.encode()) - 1) == (
        f"{path}: decompresses to more than the {(len(MINIMAL_SET) - 1) / 2**20:g} MiB limit "
        "for a set"
    )


def test_plain_xml_above_the_limit(tmp_path):
    path = _write(tmp_path, MINIMAL_SET.replace("</LiveSet>", " " * (2 << 20) + "</LiveSet>"))
    assert _error(path, max_xml_bytes=1 << 20) == (
        f"{path}: larger than the 1 MiB limit for a set's XML"
    )
