"""A zip archive whose large member is deflated on two cores, as pigz does.

The member is cut into blocks that two threads deflate at once (zlib lets go of the GIL
while it works); each block but the last ends on a byte boundary without closing the
stream, and starts with the 32 KiB before it as its dictionary, so the blocks joined are
one ordinary deflate stream, about as small as a one-thread one. Nothing in the archive
depends on the clock. Members past 2 GiB, which would need ZIP64, go through zipfile
(whose one private attribute used is behind `_member_info`). The blocks use only zlib's
public API (a raw stream, `zdict`, Z_SYNC_FLUSH).
"""

from __future__ import annotations

import os
import shutil
import struct
import zipfile
import zlib
from collections import deque
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import IO

BLOCK = 4 << 20
WINDOW = 32 << 10
LEVEL = 1  # fast; the size is close to the default level's for a collection
_DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01, the earliest a zip can say
_MODE = 0o644 << 16
_VERSION = 20
_MADE_BY = (3 << 8) | _VERSION  # unix, so that the mode is read
_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")
_SMALL_ENOUGH = 1 << 31


def write_zip(handle: IO[bytes], members: list[tuple[str, Path | bytes]]) -> None:
    """Write the members (a file, or bytes) as a zip to a seekable binary handle."""
    if any(isinstance(m, Path) and m.stat().st_size >= _SMALL_ENOUGH for _, m in members):
        _with_zipfile(handle, members)
        return
    entries = []
    for name, source in members:
        encoded = name.encode("utf-8")
        offset = handle.tell()
        handle.write(_LOCAL.pack(0x04034B50, _VERSION, 0, 8, 0, _DOS_DATE, 0, 0, 0,
                                 len(encoded), 0) + encoded)  # fmt: skip
        start = handle.tell()
        crc, size = _deflate(source, handle)
        compressed = handle.tell() - start
        handle.seek(offset + 14)  # the CRC and sizes, known now
        handle.write(struct.pack("<III", crc, compressed, size))
        handle.seek(start + compressed)
        entries.append((encoded, crc, compressed, size, offset))
    directory = handle.tell()
    for encoded, crc, compressed, size, offset in entries:
        handle.write(_CENTRAL.pack(0x02014B50, _MADE_BY, _VERSION, 0, 8, 0, _DOS_DATE, crc,
                                   compressed, size, len(encoded), 0, 0, 0, 0, _MODE,
                                   offset) + encoded)  # fmt: skip
    length = handle.tell() - directory
    handle.write(_END.pack(0x06054B50, 0, 0, len(entries), len(entries), length, directory, 0))


def _deflate(source: Path | bytes, out: IO[bytes]) -> tuple[int, int]:
    """Deflate the source into `out`; returns (CRC-32, size) of what was read."""
    crc = size = 0
    with ThreadPoolExecutor(2) as pool:
        pending: deque = deque()
        previous = b""
        for block, last in _blocks(source):
            pending.append(pool.submit(_deflate_block, block, previous[-WINDOW:], last))
            crc = zlib.crc32(block, crc)  # while the block is deflated
            size += len(block)
            previous = block
            while len(pending) > 2 or (pending and last):
                out.write(pending.popleft().result())
    return crc, size


def _deflate_block(block: bytes, dictionary: bytes, last: bool) -> bytes:
    if dictionary:
        compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -15, zdict=dictionary)
    else:
        compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
    return compressor.compress(block) + compressor.flush(
        zlib.Z_FINISH if last else zlib.Z_SYNC_FLUSH
    )


def _blocks(source: Path | bytes) -> Iterator[tuple[bytes, bool]]:
    """(block, whether it is the last) for a file or for bytes: at least one pair."""
    if not isinstance(source, Path):
        chunks = [source[i : i + BLOCK] for i in range(0, len(source), BLOCK)] or [b""]
        for index, chunk in enumerate(chunks):
            yield chunk, index == len(chunks) - 1
        return
    with source.open("rb") as file:
        left = os.fstat(file.fileno()).st_size  # (the last block is known without reading on)
        while True:
            block = file.read(BLOCK)
            left -= len(block)
            last = left <= 0 or len(block) < BLOCK
            yield block, last
            if last:
                return


def _with_zipfile(handle: IO[bytes], members: list[tuple[str, Path | bytes]]) -> None:
    with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        for name, source in members:
            info = _member_info(name)
            with archive.open(info, "w", force_zip64=isinstance(source, Path)) as target:
                if isinstance(source, Path):
                    with source.open("rb") as data:
                        shutil.copyfileobj(data, target, 1 << 20)
                else:
                    target.write(source)


def _member_info(name: str) -> zipfile.ZipInfo:
    """A member's header for zipfile: the module's one reach into a library's internals.
    `ZipFile.open(info, "w")` takes the level only from the private `_compresslevel` (there
    is no public way per member); without it a large member is deflated at the default
    level, slower. If a Python release renames it, only the speed of >2 GiB decks changes."""
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info._compresslevel = LEVEL  # read by ZipFile.open
    info.external_attr = _MODE
    return info
