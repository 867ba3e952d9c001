"""The print fonts: Atkinson Hyperlegible, from its PyPI package, registered with reportlab once."""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import shutil
import struct
import subprocess
from importlib import resources
from pathlib import Path

from leaflets.theme import THEME

# Printable ASCII, Latin-1 and the usual typographic punctuation (curly quotes, dashes, bullet,
# ellipsis): characters every print face has, so most content is checked without opening a font.
# A test checks the fonts still cover this set.
COMMON = frozenset(map(chr, [*range(0x20, 0x7F), *range(0xA0, 0x100)])) | frozenset(
    "\u2013\u2014\u2018\u2019\u201C\u201D\u2022\u2026\t\n\r")


def font_files() -> dict[str, Path]:
    """The TTF file of each print font, by font name."""
    folder = resources.files("fontpkg_atkinson_hyperlegible") / "files"
    fonts = THEME.fonts
    return {
        fonts.regular: Path(str(folder / "AtkinsonHyperlegible-Regular.ttf")),
        fonts.bold: Path(str(folder / "AtkinsonHyperlegible-Bold.ttf")),
        fonts.italic: Path(str(folder / "AtkinsonHyperlegible-Italic.ttf")),
        fonts.bold_italic: Path(str(folder / "AtkinsonHyperlegible-BoldItalic.ttf")),
    }


@functools.cache
def register() -> None:
    """Make the print fonts known to reportlab, as one family so <b> and <i> find their faces."""
    from reportlab.pdfbase import pdfmetrics

    for name, path in font_files().items():
        pdfmetrics.registerFont(quickly_read_font(name, path))
    fonts = THEME.fonts
    pdfmetrics.registerFontFamily(fonts.regular, normal=fonts.regular, bold=fonts.bold,
                                  italic=fonts.italic, boldItalic=fonts.bold_italic)


@functools.cache
def _printable() -> frozenset[int]:
    """The characters every print face can draw (the faces share one character set)."""
    faces = [set(coverage(path)) for path in font_files().values()]
    return frozenset(set.intersection(*faces))


def missing_characters(text: str) -> list[str]:
    """The characters of `text` that the print font cannot draw, each once, in order."""
    if set(text) <= COMMON:
        return []
    printable = _printable()
    return list(dict.fromkeys(ch for ch in text if ord(ch) not in printable and not ch.isspace()))


# Chinese text. reportlab embeds TrueType outlines only, so not Noto Sans CJK (CFF); Droid Sans Fallback
# (Apache-2.0) is TrueType and installs from Debian's fonts-droid-fallback.
CJK_FILES = (
    Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"),
    Path("/usr/share/fonts/truetype/droid/DroidSansFallback.ttf"),
    Path("/usr/local/share/fonts/DroidSansFallbackFull.ttf"),
    Path("/Library/Fonts/DroidSansFallbackFull.ttf"),
)
CJK_INSTALL = "apt-get install fonts-droid-fallback"
CJK_NEEDED = f"Chinese text needs the font Droid Sans Fallback, which is not installed; install it with '{CJK_INSTALL}'"

# Ideographs, CJK punctuation, full-width forms and the other blocks Chinese text is written in.
_CJK_RANGES = "\u2e80-\u2fdf\u3000-\u303f\u3100-\u31ef\u3200-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_CJK_RUN = re.compile(f"[{_CJK_RANGES}\U00020000-\U0002ffff]+")
# Full-width punctuation that must not start a line; reportlab's list lacks some of it.
CANNOT_START = "。，、？！：；）」』】》〉"
CANNOT_END = "（「『【《〈"


def is_cjk(ch: str) -> bool:
    return bool(_CJK_RUN.fullmatch(ch))


def has_cjk(text: str) -> bool:
    return _CJK_RUN.search(text) is not None


@functools.cache
def cjk_font_file() -> Path | None:
    """The Chinese font's file: one of the known places, else where fontconfig has it; None if not installed."""
    for path in CJK_FILES:
        if path.is_file():
            return path
    if shutil.which("fc-match"):
        found = subprocess.run(["fc-match", "-f", "%{file}", "Droid Sans Fallback"], capture_output=True,
                               text=True, timeout=10, check=False).stdout.strip()
        if "DroidSansFallback" in found and Path(found).is_file():
            return Path(found)
    return None


@functools.cache
def register_cjk() -> bool:
    """Make the Chinese font known to reportlab (bold and italic are the same face: it has no others);
    False when it is not installed."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.lib import textsplit
    from reportlab.platypus import paragraph

    path = cjk_font_file()
    if path is None:
        return False
    name = THEME.fonts.cjk
    pdfmetrics.registerFont(quickly_read_font(name, path))
    pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
    # reportlab's CJK line breaking keeps these on the line before (hanging in the margin) only if they
    # are in its list; only paragraphs set with wordWrap='CJK' (Chinese text) read it.
    for module in (paragraph, textsplit):  # a paragraph in one font breaks in textsplit, a mixed one in paragraph
        module.ALL_CANNOT_START += "".join(ch for ch in CANNOT_START if ch not in module.ALL_CANNOT_START)
    return True


def quickly_read_font(name: str, path: Path):
    """reportlab's TTFont of a TrueType file, with the tables it keeps one entry per glyph of (character
    map, advance widths, glyph offsets) read in bulk rather than a number at a time: the same values, in
    half the time for the Chinese font's 49,000 glyphs (about 21 ms instead of 44). Its subsets are made
    and compressed once per process for each set of characters (see _SUBSETS)."""
    return _font_class()(name, str(path))


# The font subsets PDFs embed, by font file and characters (in the order a PDF first used them), the
# compressed form of their streams by content, and their characters' widths as PDF, least recently used
# first. Most leaflets use the same few characters beyond ASCII (which has its fixed place in the first
# subset), so most of their subsets are made, compressed and written once per process instead of once
# per PDF. Some 20 kB a subset.
_SUBSETS: dict[tuple, bytes] = {}
_COMPRESSED: dict[bytes, bytes] = {}
_WIDTHS: dict[tuple, object] = {}
_SUBSETS_AT_MOST = 32


def _kept(cache: dict, key, make, at_most: int):
    """`cache[key]`, made by `make()` if it is not there, and now the most recently used; `cache` keeps at
    most `at_most` entries, dropping the least recently used."""
    value = cache.pop(key, None)
    if value is None:
        value = make()
        if len(cache) >= at_most:
            del cache[next(iter(cache))]
    cache[key] = value
    return value


@functools.cache
def _font_class() -> type:
    import zlib
    from fnmatch import fnmatch
    from weakref import WeakKeyDictionary

    from reportlab import rl_config
    from reportlab.pdfbase import pdfdoc, ttfonts

    class QuickFace(ttfonts.TTFontFace):
        def extractInfo(self, charInfo=1):  # noqa: N802, N803 - reportlab's names
            super().extractInfo(charInfo=0)  # names and metrics, which cost little
            if charInfo and not _read_glyph_tables(self):
                super().extractInfo(charInfo)  # a character map of a rarer kind: read as reportlab reads it

        def makeSubset(self, subset):  # noqa: N802 - reportlab's name
            return _kept(_SUBSETS, (self.filename, self.name, tuple(subset)),
                         lambda: super(QuickFace, self).makeSubset(subset), _SUBSETS_AT_MOST)

    class CompressedOnce(pdfdoc.PDFStreamFilterZCompress):
        def encode(self, text):
            data = text.encode("utf8") if isinstance(text, str) else text
            return _kept(_COMPRESSED, data, lambda: zlib.compress(data), 2 * _SUBSETS_AT_MOST)

    compressed_once = CompressedOnce()

    class Formatted(pdfdoc.PDFObject):
        """A PDF value written out before: its bytes."""

        def __init__(self, written: bytes):
            self.written = written

        def format(self, document):
            return self.written

    def widths_once(widths: pdfdoc.PDFArray) -> Formatted:
        return _kept(_WIDTHS, tuple(widths.sequence), lambda: Formatted(widths.format(None)), _SUBSETS_AT_MOST)

    class QuickFont(ttfonts.TTFont):
        def __init__(self, name: str, filename: str):  # as TTFont.__init__ with its defaults, but QuickFace
            self.fontName = name
            self.face = QuickFace(filename)
            self.encoding = ttfonts.TTEncoding()
            self.state = WeakKeyDictionary()
            self._asciiReadable = rl_config.ttfAsciiReadable
            self.shapable = not any(fnmatch(name, glob) for glob in ttfonts.unShapedFontGlob)

        def splitString(self, text, doc, encoding="utf-8"):  # noqa: N802 - reportlab's name
            """reportlab's, but text whose characters all have their codes already is split without
            reportlab's loop over each character: a run of printable ASCII (a no-break space drawn as a
            space) is its own codes in the first subset, and other text the codes it was given."""
            state = self.state.get(doc) if isinstance(text, str) and text else None
            if state is None:
                return super().splitString(text, doc, encoding)
            plain = text.replace("\u00a0", " ") if "\u00a0" in text else text
            if plain.isascii() and plain.isprintable() and _ascii_as_is(self.face, self._asciiReadable):
                return [(0, plain.encode("ascii"))]
            assigned = state.assignments
            try:
                codes = [assigned[code] for code in map(ord, plain)]
            except KeyError:  # a character not drawn before: reportlab gives it its code
                return super().splitString(text, doc, encoding)
            if max(codes) < 256:
                return [(0, bytes(codes))]
            return [(subset, bytes(code & 0xFF for code in run))
                    for subset, run in itertools.groupby(codes, key=lambda code: code >> 8)]

        def addObjects(self, doc):  # noqa: N802 - reportlab's name
            made = len(doc.idToObject)
            super().addObjects(doc)
            for added in itertools.islice(doc.idToObject.values(), made, None):  # its subsets' objects
                if isinstance(added, pdfdoc.PDFStream) and added.filters == [pdfdoc.PDFZCompress]:
                    added.filters = [compressed_once]
                elif isinstance(added, pdfdoc.PDFTrueTypeFont) and isinstance(added.Widths, pdfdoc.PDFArray):
                    added.Widths = widths_once(added.Widths)  # the widths of 128 or 256 characters, as PDF

    return QuickFont


@functools.lru_cache(maxsize=16)
def _ascii_as_is(face, ascii_readable: bool) -> bool:
    """Whether printable ASCII has its own codes in a PDF's first subset of `face` (see reportlab's TTFont.State)."""
    return bool(ascii_readable) and all(code in face.charToGlyph for code in range(32, 127))


def _read_glyph_tables(face) -> bool:
    """Set `face`'s charToGlyph, glyphToChar, charWidths, hmetrics, glyphPos and defaultWidth exactly as
    reportlab's TTFontFile.extractInfo does (including its quirks: glyphs past the last full metric
    keep that metric's scaled width), from a format 4 or 12 character map; False for any other."""
    data, unpack = face._ttf_data, struct.unpack_from
    head = face.get_table_pos("head")[0]
    index_to_loc, glyph_data_format = unpack(">HH", data, head + 50)
    if glyph_data_format != 0 or "loca" not in face.table or index_to_loc not in (0, 1):
        return False
    metrics = unpack(">H", data, face.get_table_pos("hhea")[0] + 34)[0]
    glyphs = face.numGlyphs
    cmap = face.get_table_pos("cmap")[0]
    version, count = unpack(">HH", data, cmap)
    if count == 0 and version != 0:
        count = version
    start = _chosen_subtable(unpack(">HHL", data, cmap + 4 + 8 * n) for n in range(count))
    if start is None:
        return False
    start += cmap
    char_to_glyph: dict[int, int] = {}
    glyph_to_char: dict[int, list[int]] = {}
    form = unpack(">H", data, start)[0]
    if form == 12:
        (groups,) = unpack(">L", data, start + 12)
        values = unpack(f">{3 * groups}L", data, start + 16)
        for first, last, first_glyph in zip(values[0::3], values[1::3], values[2::3]):
            for char, glyph in zip(range(first, last + 1), range(first_glyph, first_glyph + last - first + 1)):
                char_to_glyph[char] = glyph
                glyph_to_char.setdefault(glyph, []).append(char)
    elif form == 4:
        length, = unpack(">H", data, start + 2)
        limit = start + length
        segments = int(unpack(">H", data, start + 6)[0] / 2.0)
        ends = unpack(f">{segments}H", data, start + 14)
        starts = unpack(f">{segments}H", data, start + 16 + 2 * segments)
        deltas = unpack(f">{segments}h", data, start + 16 + 4 * segments)
        range_offsets_at = start + 16 + 6 * segments
        range_offsets = unpack(f">{segments}H", data, range_offsets_at)
        for n in range(segments):
            delta, range_offset = deltas[n], range_offsets[n]
            for char in range(starts[n], ends[n] + 1):
                if range_offset == 0:
                    glyph = (char + delta) & 0xFFFF
                else:
                    offset = range_offsets_at + 2 * n + (char - starts[n]) * 2 + range_offset
                    if offset >= limit:
                        glyph = 0
                    else:
                        glyph = unpack(">H", data, offset)[0]
                        if glyph != 0:
                            glyph = (glyph + delta) & 0xFFFF
                char_to_glyph[char] = glyph
                glyph_to_char.setdefault(glyph, []).append(char)
    else:
        return False
    scale = face._pdfScale
    hmtx = face.get_table_pos("hmtx")[0]
    pairs = unpack(f">{2 * metrics}H", data, hmtx)
    hmetrics = list(zip(pairs[0::2], pairs[1::2]))
    widths = [scale(advance) for advance in pairs[0::2]]
    last = widths[-1]
    hmetrics += [(last, side) for side in unpack(f">{max(0, glyphs - metrics)}H", data, hmtx + 4 * metrics)]
    char_widths: dict[int, float] = {}
    for glyph in sorted(glyph_to_char):
        if glyph < metrics:
            width = widths[glyph]
        elif glyph < glyphs:
            width = last
        else:
            continue
        for char in glyph_to_char[glyph]:
            char_widths[char] = width
    loca = face.get_table_pos("loca")[0]
    if index_to_loc == 0:
        positions = [offset << 1 for offset in unpack(f">{glyphs + 1}H", data, loca)]
    else:
        positions = list(unpack(f">{glyphs + 1}L", data, loca))
    if 0x20 in char_to_glyph:
        char_to_glyph[0xA0] = char_to_glyph[0x20]
        char_widths[0xA0] = char_widths[0x20]
    elif 0xA0 in char_to_glyph:
        char_to_glyph[0x20] = char_to_glyph[0xA0]
        char_widths[0x20] = char_widths[0xA0]
    face.charToGlyph, face.glyphToChar, face.charWidths = char_to_glyph, glyph_to_char, char_widths
    face.hmetrics, face.glyphPos, face.defaultWidth = hmetrics, positions, widths[0]
    return True


def mixed(markup: str) -> str:
    """Paragraph markup with every run of Chinese in the Chinese font, so that Latin letters and digits
    among it stay in the print font (the Chinese font has no Latin letters)."""
    if not has_cjk(markup):
        return markup
    register_cjk()
    return _CJK_RUN.sub(lambda run: f'<font name="{THEME.fonts.cjk}">{run.group()}</font>', markup)


@functools.cache
def _cjk_printable() -> Coverage:
    path = cjk_font_file()
    return Coverage(()) if path is None else coverage(path)


class Coverage:
    """The code points a font maps to a glyph, as sorted ranges (a Chinese font has 30,000 of them)."""

    def __init__(self, ranges):
        merged: list[list[int]] = []
        for start, end in sorted(ranges):
            if merged and start <= merged[-1][1] + 1:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self._starts = [start for start, _ in merged]
        self._ends = [end for _, end in merged]

    def __contains__(self, code: int) -> bool:
        at = bisect.bisect_right(self._starts, code) - 1
        return at >= 0 and code <= self._ends[at]

    def __bool__(self) -> bool:
        return bool(self._starts)

    def __iter__(self):
        for start, end in zip(self._starts, self._ends):
            yield from range(start, end + 1)


def coverage(path: Path) -> Coverage:
    """The code points a TrueType font maps, exactly the keys of reportlab's `face.charToGlyph` for it, read
    from the ranges of the font's cmap table rather than by registering the font with reportlab (which
    reads every glyph's metrics and position: 100 ms for the Chinese font)."""
    ranges = _cmap_ranges(path)
    if ranges is None:  # a font collection, or a cmap format without ranges: let reportlab read it
        from reportlab.pdfbase.ttfonts import TTFontFile

        return Coverage((code, code) for code in TTFontFile(str(path)).charToGlyph)
    if any(start <= 0x20 <= end for start, end in ranges):  # reportlab draws a no-break space as a space
        ranges.append((0xA0, 0xA0))
    elif any(start <= 0xA0 <= end for start, end in ranges):
        ranges.append((0x20, 0x20))
    return Coverage(ranges)


def _chosen_subtable(records) -> int | None:
    """The offset of the cmap subtable reportlab's TTFontFile.extractInfo reads, from the (platform, encoding,
    offset) records: the last Unicode one, else the last Mac Roman one."""
    chosen, kind = None, 0
    for platform, encoding, offset in records:
        if platform == 3 or (platform == 1 and encoding == 1) or (platform == 0 and encoding != 5):
            chosen, kind = offset, 1
        elif platform == 1 and encoding == 0 and kind != 1:
            chosen, kind = offset, 2
    return chosen


def _cmap_ranges(path: Path) -> list[tuple[int, int]] | None:
    """(first, last) code point of each segment of the cmap subtable reportlab reads (the last Unicode
    one listed), for formats 4, 12 and 13; None for any other font."""
    with path.open("rb") as font:
        def read(offset: int, layout: str) -> tuple:
            font.seek(offset)
            size = struct.calcsize(layout)
            data = font.read(size)
            if len(data) < size:
                raise ValueError(f"{path}: the font file is cut short")
            return struct.unpack(layout, data)

        version, tables = read(0, ">4sH")
        if version == b"ttcf":
            return None
        found = [read(12 + 16 * n, ">4s4xL4x") for n in range(tables)]
        cmap = next((offset for tag, offset in found if tag == b"cmap"), None)
        if cmap is None:
            return None
        records = read(cmap + 2, ">H")[0]
        chosen = _chosen_subtable(read(cmap + 4 + 8 * n, ">HHL") for n in range(records))
        if chosen is None:
            return None
        table = cmap + chosen
        form = read(table, ">H")[0]
        if form == 4:
            segments = read(table + 6, ">H")[0] // 2
            ends = read(table + 14, f">{segments}H")
            starts = read(table + 16 + 2 * segments, f">{segments}H")
            return [(start, end) for start, end in zip(starts, ends) if start <= end]
        if form in (12, 13):
            groups = read(table + 12, ">L")[0]
            values = read(table + 16, f">{3 * groups}L")
            return [(values[i], values[i + 1]) for i in range(0, len(values), 3) if values[i] <= values[i + 1]]
        return None


_UNCOMMON = re.compile("[^" + "".join(sorted(map(re.escape, COMMON))) + "]")


def missing_characters_for(text: str, chinese: bool) -> list[str]:
    """The characters neither font can draw; Chinese characters count as drawable only in Chinese text
    (`chinese`). Without the Chinese font installed, Chinese text is not checked: its topic is not built
    (the build says so), so nothing would print as an empty box."""
    if _UNCOMMON.search(text) is None:
        return []  # missing_characters' own first test, in one pass instead of a set of the text's characters
    missing = missing_characters(text)
    if not missing or not chinese:
        return missing
    printable = _cjk_printable()
    return [ch for ch in missing if not (is_cjk(ch) and (not printable or ord(ch) in printable))]
