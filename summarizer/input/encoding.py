"""Bytes → text: the one decoder for files, standard input, records and bytes given to the
library, and (with what the page declares) for HTML.

The order, most certain first:

1. A byte-order mark: UTF-8, UTF-16 or UTF-32, whatever follows.
2. UTF-16/32 without a mark, recognised by its zero bytes (mostly-ASCII text in those
   encodings has a zero in every other byte, or three in four).
3. Binary data is refused: a known file signature (PNG, ZIP, PDF…), or control bytes
   throughout. A stray NUL in a text is no reason to refuse it: the cleaner removes it.
4. Valid UTF-8. Text in a legacy encoding is almost never valid UTF-8 by accident, so it wins
   even over a page that declares another charset (pages saved as UTF-8 often keep a stale one).
5. The charset the HTTP response or the page declares, when it decodes the bytes.
6. Detection. charset-normalizer tells scripts apart well (Cyrillic, Greek, CJK…) but within
   the Latin code pages it picks almost at random (French cp1252 comes out "cp1250", a short
   Latin-1 line as Urdu "cp1006"). So the Western code pages are tried first and judged by
   how the text reads: its accented letters must be few and sit inside words as letters do
   (no "Rz¹d" or "dŽclarŽ"); of the readings that pass, the one whose letters one language's
   alphabet holds wins (Czech "pondělí" in cp1250, not "pondìlí" in cp1252), cp1252 on a tie.
   Only when no Western reading passes is charset-normalizer asked.

charset-normalizer is imported only when step 6 is reached.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from summarizer.errors import InputError

_BOMS = (
    # UTF-32 before UTF-16: the UTF-32-LE mark starts with the UTF-16-LE one.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# File signatures worth naming in the message; anything else binary is "a binary file".
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document (extract its text first, e.g. with pdftotext)"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx, .xlsx, .epub…)"),
    (b"\x1f\x8b", "a gzip file"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xfd7zXZ\x00", "an xz file"),
    (b"\x28\xb5\x2f\xfd", "a zstd file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file (.doc, .xls)"),
    (b"\x7fELF", "a program (ELF)"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

# Control bytes that text does not hold: C0 less tab, line feed, vertical tab, form feed,
# carriage return and escape (ANSI colours in captured logs), and DEL.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0E, *range(0x10, 0x1B), *range(0x1C, 0x20), 0x7F])
# Of all bytes, the share of control bytes above which the data is binary: compressed and
# image data hold about 11 %, text none (or a stray NUL).
_MAX_CONTROL_SHARE = 0.01
# How much is looked at to recognise BOM-less UTF-16/32.
_SNIFF = 4096

# The Western code pages, in order of preference when several read the bytes equally well.
_WESTERN = ("cp1252", "cp1250", "iso8859-15", "cp1254", "cp1257", "mac-roman", "latin-1")
# A Western reading of text in another script is mostly accented letters ("Ïðåçèäåíò"); in
# Western languages they are a minority (French ~4 %, Czech ~20 %).
_MAX_ACCENTED = 0.35
# A reading is judged on this many non-ASCII characters: enough to tell, and quick on 5 MB.
_JUDGED = 2000
# The accented letters of the languages the Western code pages are for. A reading whose
# letters no one alphabet holds is the wrong code page: Czech in cp1250 read as cp1252 mixes
# Italian ì ù with Danish ø ("pondìlí", "zavøeny"), Turkish read as cp1252 has Icelandic ð þ ý
# beside ü and ç. Foreign names in English text mix alphabets too, so this only ranks readings.
_ALPHABETS = tuple(
    frozenset(letters)
    for letters in (
        "àâæçéèêëîïôœùûüÿ",  # French
        "äöüßé",  # German
        "áéíñóúü",  # Spanish
        "àáâãçéêíóôõú",  # Portuguese
        "àèéìíîòóùú",  # Italian
        "àçèéíïòóúü",  # Catalan
        "áéëèïóöüú",  # Dutch
        "æøåé",  # Danish, Norwegian
        "åäöé",  # Swedish, Finnish
        "áðéíóúýþæö",  # Icelandic
        "áčďéěíňóřšťúůýž",  # Czech
        "áäčďéíĺľňóôŕšťúýž",  # Slovak
        "ąćęłńóśźż",  # Polish
        "áéíóöőúüű",  # Hungarian
        "ăâîșțşţ",  # Romanian
        "čćđšž",  # Croatian, Bosnian, Slovene
        "çğıöşü",  # Turkish
        "ąčęėįšųūž",  # Lithuanian
        "āčēģīķļņšūž",  # Latvian
        "äöõüšž",  # Estonian
    )
)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ASCII_LETTERS = dict.fromkeys(range(ord("A"), ord("Z") + 1)) | dict.fromkeys(
    range(ord("a"), ord("z") + 1)
)
# Punctuation that sits between letters in real text: apostrophes, hyphens and dashes.
_INSIDE_WORDS = frozenset("’‘ʼ′·‐‑–—")

# What a page declares: <meta charset="…"> or <meta http-equiv=… content="…; charset=…">.
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_META_SNIFF = 8192
# Labels that pages use for encodings that browsers read as something wider (WHATWG Encoding
# Standard): a page declaring ISO-8859-1 is read as windows-1252, and so on.
_LABELS = {
    "iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
    "l1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252", "windows-1252": "cp1252",
    "iso-8859-9": "cp1254", "latin5": "cp1254", "tis-620": "cp874", "iso-8859-11": "cp874",
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "euc-cn": "gb18030",
    "shift_jis": "cp932", "sjis": "cp932", "x-sjis": "cp932", "ms_kanji": "cp932",
    "euc-kr": "cp949", "ks_c_5601-1987": "cp949", "big5": "big5hkscs",
    # A byte stream read as HTML that says it is UTF-16 without a BOM is UTF-8 (WHATWG).
    "utf-16": "utf-8", "utf-16le": "utf-8", "utf-16be": "utf-8",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text, and the encoding it was read in (a Python codec name: "utf-8", "cp1252"…)."""

    text: str
    encoding: str


def decode(data: bytes, name: str, *, declared: str | None = None) -> Decoded:
    """Decode ``data`` as described in the module docstring; ``declared`` is the charset an
    HTTP response or the page itself gives, if any. ``name`` names the input in errors.

    Raises :class:`InputError` for binary data and for bytes no encoding reads. The text may
    still hold control characters: the cleaner removes them (``clean.strip_controls``).
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _strict(data, codec, name)
    wide = _bomless_wide(data)
    if wide is not None:
        return wide
    _refuse_binary(data, name)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    for label in (declared, declared_charset(data)):
        given = _codec(label)
        if given is not None and given != "utf-8":
            try:
                return Decoded(data.decode(given), given)
            except UnicodeDecodeError:
                pass
    found = _detect(data)
    if found is None:
        raise InputError(
            f"{name}: not text in any encoding recognised (not UTF-8); convert it to UTF-8 first"
        )
    return found


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` near its top, as written."""
    if b"<" not in data[:_META_SNIFF]:
        return None
    found = _META_CHARSET.search(data[:_META_SNIFF])
    return found.group(1).decode("ascii") if found else None


def _codec(label: str | None) -> str | None:
    """A charset label → the Python codec that reads it (``None``: unknown or not given)."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _LABELS.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _strict(data: bytes, codec: str, name: str) -> Decoded:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        reported = _reported(codec)
        raise InputError(
            f"{name}: starts with a {reported.upper()} byte-order mark but is not {reported} "
            f"(byte {exc.start} is invalid)"
        ) from None
    return Decoded(text, _reported(codec))


def _reported(codec: str) -> str:
    # The mark is how the bytes say what they are, not an encoding of its own.
    return "utf-8" if codec == "utf-8-sig" else codecs.lookup(codec).name


def _bomless_wide(data: bytes) -> Decoded | None:
    """UTF-32 or UTF-16 without a byte-order mark, when zero bytes fall where they do in
    mostly-ASCII text in those encodings, and the whole decodes."""
    sample = data[:_SNIFF]
    if len(sample) < 8 or sample.count(0) * 3 < len(sample):
        return None
    candidates = []
    for codec, width, where in (
        ("utf-32-le", 4, (1, 2, 3)),
        ("utf-32-be", 4, (0, 1, 2)),
        ("utf-16-le", 2, (1,)),
        ("utf-16-be", 2, (0,)),
    ):
        columns = [sample[offset::width] for offset in range(width)]
        zero = all(col.count(0) * 10 >= len(col) * 9 for i, col in enumerate(columns) if i in where)
        other = all(col.count(0) * 10 < len(col) for i, col in enumerate(columns) if i not in where)
        if zero and other and len(data) % width == 0:
            candidates.append(codec)
    for codec in candidates:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        return Decoded(text, codec)
    return None


def _refuse_binary(data: bytes, name: str) -> None:
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise InputError(f"{name}: looks like {what}, not article text")
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if controls > 1 and controls > len(data) * _MAX_CONTROL_SHARE:
        raise InputError(f"{name}: looks like a binary file, not article text")


def _detect(data: bytes) -> Decoded | None:
    best: tuple[tuple[int, int, int], str, str] | None = None
    for rank, codec in enumerate(_WESTERN):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        reading = _Reading.of(text)
        score = (reading.odd, reading.misfit, rank)
        if reading.plausible and (best is None or score < best[0]):
            best = (score, codec, text)
    if best is not None:
        return Decoded(best[2], codecs.lookup(best[1]).name)
    from charset_normalizer import from_bytes

    match = from_bytes(data).best()
    if match is None:
        return None
    codec = codecs.lookup(match.encoding).name
    try:
        return Decoded(data.decode(codec), codec)
    except UnicodeDecodeError:  # pragma: no cover - it decoded the bytes to judge them
        return None


@dataclass(frozen=True, slots=True)
class _Reading:
    """How a reading of the bytes in one code page reads, judged on its first non-ASCII
    characters (a file is in one encoding throughout)."""

    odd: int  # characters a wrong code page makes: see ``of``
    misfit: int  # distinct accented letters that the likeliest alphabet lacks
    unusual: int  # non-ASCII characters judged
    accented: int  # of those, letters
    letters: int  # all letters in the span judged

    @classmethod
    def of(cls, text: str) -> _Reading:
        """Odd: a C1 control, a symbol between two letters ("Rz¹d"), or a capital after a
        small letter ("dŽclarŽ")."""
        odd = unusual = accented = 0
        end = len(text)
        for found in _NON_ASCII.finditer(text):
            unusual += 1
            index = found.start()
            char = found.group()
            before = text[index - 1 : index]
            if char <= "\x9f":
                odd += 1
            elif _letter(char):
                accented += 1
                odd += char.isupper() and before.islower()
            elif char not in _INSIDE_WORDS and _letter(before):
                odd += _letter(text[index + 1 : index + 2])
            if unusual >= _JUDGED:
                end = index + 1
                break
        span = text[:end]
        ascii_letters = len(span) - len(span.translate(_ASCII_LETTERS))
        seen = {char.lower() for char in _NON_ASCII.findall(span) if _letter(char)}
        misfit = min(len(seen - alphabet) for alphabet in _ALPHABETS)
        return cls(odd, misfit, unusual, accented, accented + ascii_letters)

    @property
    def plausible(self) -> bool:
        """Hardly anything odd, and accented letters a minority of the letters."""
        return self.odd * 20 <= self.unusual and self.accented <= self.letters * _MAX_ACCENTED


def _letter(char: str) -> bool:
    # Modifier letters (ˇ ˘ ˝) are accents standing alone: what a wrong code page shows.
    return char.isalpha() and unicodedata.category(char) != "Lm"
