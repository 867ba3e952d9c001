"""A zip archive written exactly as Python's zipfile writes one with `writestr` (deflated, every entry
dated the same day), byte for byte, but packing each distinct entry once per process: a deck's masters,
layouts, themes and icons are the same bytes in every deck, and compressing them again was most of
the time spent saving one."""

from __future__ import annotations

import datetime as dt
import struct
import zipfile
import zlib
from collections import OrderedDict
from typing import BinaryIO, Iterable

_DEFAULTS = zipfile.ZipInfo()  # the versions and system zipfile writes into every entry
_DEFLATED = 8
_PERMISSIONS = 0o644 << 16
_UTF8_NAME = 0x800
_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_LIMIT = (1 << 32) - 1
_CACHE_BYTES = 64_000_000

_PACKED: OrderedDict[bytes, tuple[int, bytes]] = OrderedDict()
_packed_bytes = 0


def write(target: BinaryIO, entries: Iterable[tuple[str, bytes]], day: dt.datetime) -> None:
    """Write `entries` (name, bytes) in order, each dated `day` at midnight (the years a zip entry can hold)."""
    year = min(max(day.year, 1980), 2107)
    date = (year - 1980) << 9 | day.month << 5 | day.day
    directory, offset = [], 0
    for name, data in entries:
        crc, packed = _packed(data)
        if len(data) * 1.05 > _LIMIT or len(packed) > _LIMIT or offset > _LIMIT:
            raise ValueError(f"'{name}' is too large for a deck")  # a template's parts are capped far below
        encoded, flags = _encoded(name)
        target.write(_LOCAL.pack(b"PK\x03\x04", _DEFAULTS.extract_version, 0, flags, _DEFLATED, 0, date, crc,
                                 len(packed), len(data), len(encoded), 0) + encoded)
        target.write(packed)
        directory.append(_CENTRAL.pack(b"PK\x01\x02", _DEFAULTS.create_version, _DEFAULTS.create_system,
                                       _DEFAULTS.extract_version, 0, flags, _DEFLATED, 0, date, crc, len(packed),
                                       len(data), len(encoded), 0, 0, 0, 0, _PERMISSIONS, offset) + encoded)
        offset += _LOCAL.size + len(encoded) + len(packed)
    central = b"".join(directory)
    target.write(central)
    target.write(_END.pack(b"PK\x05\x06", 0, 0, len(directory), len(directory), len(central), offset, 0))


def _encoded(name: str) -> tuple[bytes, int]:
    try:
        return name.encode("ascii"), 0
    except UnicodeEncodeError:
        return name.encode("utf-8"), _UTF8_NAME


def _packed(data: bytes) -> tuple[int, bytes]:
    """The entry's CRC and its deflated bytes, as zipfile makes them; from the cache if packed before."""
    global _packed_bytes
    known = _PACKED.get(data)
    if known is not None:
        _PACKED.move_to_end(data)
        return known
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    known = zlib.crc32(data), compressor.compress(data) + compressor.flush()
    _PACKED[data] = known
    _packed_bytes += len(data)
    while _packed_bytes > _CACHE_BYTES and len(_PACKED) > 1:
        _packed_bytes -= len(_PACKED.popitem(last=False)[0])
    return known
