"""Decoding: every encoding an article arrives in, binary refused, what was used reported.

Texts are our own; each is written in the encoding under test and must come back exactly.
"""

from __future__ import annotations

import codecs
import zlib
from pathlib import Path

import pytest

from summarizer.errors import InputError
from summarizer.input.encoding import declared_charset, decode
from summarizer.input.load import load

FRENCH = "Le maire a déclaré : « C’est une crise » — 12 morts à Valmora, où l’eau monte encore."
GERMAN = "Zürich meldete am Montag Überschwemmungen; in München und Köln blieben Straßen gesperrt."
CURLY = "The mayor said: “We are ready.” It’s the town’s worst flood — 41 dead, a café gone…"
CZECH = "Vláda v pondělí oznámila, že školy v Plzni budou zavřeny kvůli povodním a škodám."
POLISH = "Rząd ogłosił w poniedziałek, że szkoły będą zamknięte z powodu powodzi w Łodzi."
LITHUANIAN = "Vyriausybė pirmadienį paskelbė, kad mokyklos bus uždarytos dėl potvynių."
TURKISH = "Türkiye’de şiddetli yağışlar nedeniyle iki kişi hayatını kaybetti, ağır hasar oluştu."
RUSSIAN = "Президент заявил в понедельник, что войска отошли от реки после наводнения."
GREEK = "Ο δήμαρχος δήλωσε τη Δευτέρα ότι τα νερά υποχωρούν αργά στην κοιλάδα."
JAPANESE = "東京で大雨が降り、川の水位が上がったと当局が月曜日に発表した。"


@pytest.mark.parametrize(
    ("text", "written", "reported"),
    [
        (FRENCH, "utf-8", "utf-8"),
        (FRENCH, "utf-8-sig", "utf-8"),  # the BOM says UTF-8 and is not part of the text
        (FRENCH, "utf-16", "utf-16"),  # Python writes the BOM in the machine's order
        (FRENCH, "utf-16-le", "utf-16-le"),  # no BOM: told by its zero bytes
        (FRENCH, "utf-16-be", "utf-16-be"),
        (FRENCH, "utf-32", "utf-32"),
        (FRENCH, "utf-32-le", "utf-32-le"),
        (CURLY, "cp1252", "cp1252"),
        (FRENCH, "cp1252", "cp1252"),
        (GERMAN, "latin-1", "cp1252"),  # Latin-1's letters are cp1252's
        (CZECH, "cp1250", "cp1250"),
        (POLISH, "cp1250", "cp1250"),
        (TURKISH, "cp1254", "cp1254"),
        (LITHUANIAN, "cp1257", "cp1257"),
        ("José Muñoz met Søren Ørsted in Zürich.", "cp1252", "cp1252"),  # names of many lands
        (FRENCH, "mac-roman", "mac-roman"),
        (RUSSIAN, "cp1251", "cp1251"),
        (RUSSIAN, "koi8-r", "koi8-r"),
        (GREEK, "cp1253", "cp1253"),
        (JAPANESE, "shift_jis", "cp932"),
    ],
)
def test_text_comes_back_exactly_from_the_encoding_it_was_written_in(
    text: str, written: str, reported: str
) -> None:
    decoded = decode(text.encode(written), "x.txt")
    assert decoded.text == text
    assert decoded.encoding == reported


@pytest.mark.parametrize("bom", [codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE])
def test_utf16_with_either_byte_order_mark(bom: bytes) -> None:
    order = "utf-16-le" if bom == codecs.BOM_UTF16_LE else "utf-16-be"
    decoded = decode(bom + GERMAN.encode(order), "x.txt")
    assert (decoded.text, decoded.encoding) == (GERMAN, "utf-16")


def test_a_short_latin1_line_is_read_as_western_text_not_guessed_at() -> None:
    # charset-normalizer alone reads these 11 bytes as Urdu (cp1006): "Zﮰrich said".
    assert decode("Zürich said".encode("latin-1"), "x.txt").text == "Zürich said"


def test_a_stray_nul_is_no_reason_to_refuse_a_text() -> None:
    data = ("The river rose. " * 600).encode() + b"\x00" + "Zürich".encode()
    assert decode(data, "x.txt").text.endswith("\x00Zürich")  # the cleaner removes it


def _png() -> bytes:
    chunk = zlib.compress(bytes(range(256)) * 8)
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + chunk


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_png(), "looks like a PNG image, not article text"),
        (b"PK\x03\x04\x14\x00\x08\x00" + zlib.compress(b"x" * 999), "looks like a ZIP archive"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "looks like a PDF document"),
        (zlib.compress(FRENCH.encode() * 50), "looks like a binary file"),
        (b"ab\x00\x01cd\x00\x02" * 200, "looks like a binary file"),  # NULs throughout
    ],
)
def test_binary_data_is_refused_with_one_clear_line(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message) as raised:
        decode(data, "photo.txt")
    assert str(raised.value).startswith("photo.txt: ") and "\n" not in str(raised.value)


def test_valid_utf8_wins_over_a_stale_declared_charset() -> None:
    page = f'<html><head><meta charset="iso-8859-1"></head><body>{FRENCH}</body></html>'
    decoded = decode(page.encode("utf-8"), "page.html")
    assert decoded.encoding == "utf-8" and FRENCH in decoded.text


def test_the_declared_charset_reads_a_page_that_is_not_utf8() -> None:
    page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
    page += f"</head><body>{RUSSIAN}</body></html>"
    decoded = decode(page.encode("cp1251"), "page.html")
    assert decoded.encoding == "cp1251" and RUSSIAN in decoded.text
    # What the HTTP response says counts first.
    assert decode(RUSSIAN.encode("koi8-r"), "page", declared="KOI8-R").encoding == "koi8-r"


@pytest.mark.parametrize(
    ("head", "found"),
    [
        (b'<meta charset="utf-8">', "utf-8"),
        (b"<META CHARSET=Windows-1252>", "Windows-1252"),
        (b'<meta http-equiv="content-type" content="text/html;charset=EUC-KR">', "EUC-KR"),
        (b"<p>charset=utf-8 is not a declaration</p>", None),
        (b"charset=koi8-r", None),
    ],
)
def test_the_charset_a_page_declares(head: bytes, found: str | None) -> None:
    assert declared_charset(b"<html><head>" + head) == found


def test_a_latin1_label_is_read_as_cp1252_as_browsers_do() -> None:
    page = '<meta charset="ISO-8859-1"><p>“Quoted” text</p>'.encode("cp1252")
    assert decode(page, "page.html").text.endswith("<p>“Quoted” text</p>")


@pytest.mark.parametrize(
    ("name", "content", "encoding"),
    [
        ("bom.txt", FRENCH.encode("utf-8-sig"), "utf-8"),
        ("le.txt", codecs.BOM_UTF16_LE + FRENCH.encode("utf-16-le"), "utf-16"),
        ("be.txt", codecs.BOM_UTF16_BE + FRENCH.encode("utf-16-be"), "utf-16"),
        ("wide.txt", FRENCH.encode("utf-32"), "utf-32"),
        ("quotes.txt", CURLY.encode("cp1252"), "cp1252"),
        ("latin1.txt", GERMAN.encode("latin-1"), "cp1252"),
    ],
)
def test_files_in_any_encoding_load_and_say_which(
    tmp_path: Path, name: str, content: bytes, encoding: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    article = load(path)
    assert article.text in (FRENCH, CURLY, GERMAN)
    assert article.encoding == encoding and article.extractor is None


def test_a_binary_file_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(_png())
    with pytest.raises(InputError, match=f"^{path}: looks like a PNG image, not article text$"):
        load(path)
