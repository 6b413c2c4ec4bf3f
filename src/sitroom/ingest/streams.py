"""Opening inputs as byte streams: plain or gzip, with errors as InputError."""
from __future__ import annotations

import gzip
import io
import os
import zlib
from contextlib import contextmanager
from typing import BinaryIO, Iterator

from sitroom.errors import InputError

# Magic plus the deflate method byte: every real gzip member starts so, and it
# makes a text file that merely begins with 0x1f 0x8b far less likely to be misread.
GZIP_MAGIC = b"\x1f\x8b\x08"


@contextmanager
def open_binary(path: str) -> Iterator[BinaryIO]:
    """The file's bytes, gunzipped on the fly when it is gzip; read/decompress errors -> InputError."""
    try:
        raw = open(path, "rb")
    except OSError as exc:
        raise InputError(path, f"cannot open file ({exc.strerror or exc})") from None
    try:
        if os.fstat(raw.fileno()).st_size == 0:
            raise InputError(path, "empty file")
        stream: BinaryIO = raw
        if raw.read(3) == GZIP_MAGIC and _gzip_starts(raw, path):
            raw.seek(0)
            stream = gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[assignment]
        else:
            raw.seek(0)
        try:
            yield stream
        except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
            raise InputError(path, f"truncated or corrupt gzip ({exc})") from None
        except OSError as exc:
            raise InputError(path, f"read error ({exc})") from None
    finally:
        raw.close()


def _gzip_starts(raw: BinaryIO, path: str) -> bool:
    """Whether gzip data really starts here. A plain-text file that only happens
    to begin with the magic bytes is read as text; a `.gz` file that fails is an
    error (raised by the caller's read)."""
    raw.seek(0)
    try:
        gzip.GzipFile(fileobj=raw, mode="rb").read(1)
        return True
    except (EOFError, gzip.BadGzipFile, zlib.error, OSError):
        return path.endswith(".gz")


def sniff(path: str, size: int = 4096) -> bytes:
    """The first bytes of a file (decompressed when gzip), or b'' when unreadable."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(size)
        if head.startswith(GZIP_MAGIC):
            with gzip.open(path, "rb") as gz:
                return gz.read(size)
        return head
    except (OSError, EOFError, zlib.error):
        return b""


class ChainedStream(io.RawIOBase):
    """Bytes already read (a sniffed head) followed by the rest of a stream."""

    def __init__(self, head: bytes, rest: BinaryIO):
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
