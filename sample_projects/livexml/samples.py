"""Audio files a set refers to: the `Sample` model, its WAV file, and the `FileRef` and
`SampleRef` elements that point at it."""

from __future__ import annotations

import io
import wave
import zlib
from dataclasses import dataclass, field

from .xml import E, Node, V


@dataclass
class Sample:
    """An audio file of the project, referenced project-relative (RelativePathType 3).

    Without `audio` the file is only referenced (it does not exist: the set reports it
    missing); with `audio` (its frames) it is written as a WAV file beside the set,
    and the set's `DefaultDuration`/`DefaultSampleRate` describe that file.
    """

    relative_path: str  # e.g. "Samples/Imported/Kick Loop.wav"
    seconds: float  # length of the file
    beats: float | None = None  # its length in beats at the set's tempo, when it is a loop
    project_dir: str = "/Users/demo/Music/Demo Project"
    sample_rate: int = 44100
    channels: int = 2
    bit_depth: int = 24
    last_modified: int = 1735689600  # 2025-01-01T00:00:00Z
    audio: bytes | None = field(default=None, repr=False)  # the frames of a file we write

    @classmethod
    def wav(cls, relative_path: str, audio: bytes, sample_rate: int, beats: float) -> Sample:
        """A tiny 8-bit mono WAV file that is written beside the set."""
        return cls(
            relative_path,
            seconds=len(audio) / sample_rate,
            beats=beats,
            sample_rate=sample_rate,
            channels=1,
            bit_depth=8,
            audio=audio,
        )

    @property
    def path(self) -> str:
        return f"{self.project_dir}/{self.relative_path}"

    @property
    def frame_bytes(self) -> int:
        return self.channels * self.bit_depth // 8

    @property
    def frames(self) -> int:
        if self.audio is not None:
            return len(self.audio) // self.frame_bytes
        return round(self.seconds * self.sample_rate)

    @property
    def file_size(self) -> int:
        return 44 + self.frames * self.frame_bytes  # a PCM WAV file: 44-byte header

    @property
    def crc(self) -> int:
        """Our own 16-bit value (Live's `OriginalCrc` algorithm is not public)."""
        return zlib.crc32(self.relative_path.encode()) & 0xFFFF

    def wav_bytes(self) -> bytes:
        """The WAV file, byte for byte the same on every run (no time stamps in WAV)."""
        if self.audio is None:
            raise ValueError(f"{self.relative_path}: no audio to write")
        buffer = io.BytesIO()
        with wave.open(buffer, "wb") as out:
            out.setnchannels(self.channels)
            out.setsampwidth(self.bit_depth // 8)
            out.setframerate(self.sample_rate)
            out.writeframes(self.audio)
        data = buffer.getvalue()
        assert len(data) == self.file_size, (len(data), self.file_size)
        return data


def file_ref(
    relative_type: int = 0, relative_path: str = "", path: str = "", size: int = 0, crc: int = 0
) -> Node:
    """A `FileRef`; with no arguments the empty one of a device preset that has no file."""
    return E(
        "FileRef",
        V("RelativePathType", relative_type),
        V("RelativePath", relative_path),
        V("Path", path),
        V("Type", 2),
        V("LivePackName", ""),
        V("LivePackId", ""),
        V("OriginalFileSize", size),
        V("OriginalCrc", crc),
        V("SourceHint", ""),
    )


def sample_ref(sample: Sample) -> Node:
    return E(
        "SampleRef",
        # RelativePathType 3: relative to the project folder.
        file_ref(3, sample.relative_path, sample.path, sample.file_size, sample.crc),
        V("LastModDate", sample.last_modified),
        E("SourceContext"),
        V("SampleUsageHint", 0),
        V("DefaultDuration", sample.frames),
        V("DefaultSampleRate", sample.sample_rate),
        V("SamplesToAutoWarp", 0),
    )
