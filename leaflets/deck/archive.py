"""A zip archive written exactly as Python's zipfile writes one with `writestr` (deflated, every entry
dated the same day), byte for byte, but keeping the packed form of an entry whose bytes come again: a
deck's masters, layouts, themes and icons are the same in every deck, and packing them again was a good
part of the time spent saving one."""

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
_CACHE_BYTES = 32_000_000

_PACKED: OrderedDict[bytes, tuple[int, bytes]] = OrderedDict()
_packed_bytes = 0
_SEEN: set[tuple[int, int]] = set()  # (length, CRC) of the entries packed once


def write(target: BinaryIO, entries: Iterable[tuple[str, bytes]], day: dt.datetime, keep: bool = False) -> None:
    """Write `entries` (name, bytes) in order, each dated `day` at midnight (the years a zip entry can hold).
    With `keep`, every entry's packed form is kept at once, not from the second time it is packed."""
    year = min(max(day.year, 1980), 2107)
    date = (year - 1980) << 9 | day.month << 5 | day.day
    directory, offset = [], 0
    for name, data in entries:
        crc, packed = _packed(data, keep)
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


def _packed(data: bytes, keep: bool) -> tuple[int, bytes]:
    """The entry's CRC and its deflated bytes, as zipfile makes them; kept from the second time the same
    bytes are packed (a slide's text is seldom packed twice, a template's parts in every deck)."""
    global _packed_bytes
    known = _PACKED.get(data)
    if known is not None:
        _PACKED.move_to_end(data)
        return known
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    known = zlib.crc32(data), compressor.compress(data) + compressor.flush()
    sighting = (len(data), known[0])
    if sighting not in _SEEN and not keep:
        if len(_SEEN) >= 100_000:
            _SEEN.clear()
        _SEEN.add(sighting)
        return known
    _PACKED[data] = known
    _packed_bytes += len(data)
    while _packed_bytes > _CACHE_BYTES and len(_PACKED) > 1:
        _packed_bytes -= len(_PACKED.popitem(last=False)[0])
    return known
