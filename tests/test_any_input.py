"""Any input, end to end with the offline provider: bytes, HTML strings, encodings, languages,
sizes, and what the result says of how the input was read (``source``)."""

from __future__ import annotations

import codecs
import json
import subprocess
import sys
from pathlib import Path

import pytest

from summarizer import InputError, Summarizer, asummarize, summarize, summarize_many
from summarizer.input.article import Article
from summarizer.pipeline import prepare
from tests.conftest import example
from tests.test_cli import run
from tests.test_html import PARAGRAPHS, TITLE, page

ARTICLE = example("business")  # its ’ “ ” € á are all in cp1252

# Short original articles in French and German (the offline extractor reads English, so only
# the source fields are asserted of them).
FRENCH = (
    "Crue à Valmora : au moins douze morts\n\n"
    "Les eaux de la rivière ont envahi dimanche la petite ville de Valmora, obligeant des "
    "centaines de familles à se réfugier sur les toits pendant que les secours travaillaient "
    "toute la nuit.\n\n"
    "Selon l’agence régionale de secours, au moins douze personnes sont mortes et près de "
    "trois mille ont dû quitter leur maison, surtout dans les villages de la basse vallée."
)
GERMAN = (
    "Hochwasser in Valmora: mindestens zwölf Tote\n\n"
    "Das Wasser des Flusses stieg am Sonntag so schnell, dass Hunderte Familien in der "
    "Kleinstadt Valmora auf die Dächer flüchten mussten, während Rettungsboote die ganze "
    "Nacht unterwegs waren.\n\n"
    "Nach Angaben der regionalen Hilfsagentur starben mindestens zwölf Menschen; fast "
    "dreitausend mussten ihre Häuser verlassen, vor allem in den Dörfern im unteren Tal."
)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (ARTICLE.encode("utf-8"), "utf-8"),
        (ARTICLE.encode("utf-8-sig"), "utf-8"),
        (ARTICLE.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"), "utf-16"),
        (ARTICLE.encode("utf-32"), "utf-32"),
        (ARTICLE.encode("cp1252"), "cp1252"),
    ],
)
def test_summarize_takes_bytes_in_any_encoding(data: bytes, encoding: str) -> None:
    result = summarize(data, model="offline", published="2025-10-24")
    assert result.source.encoding == encoding
    assert result.source.extractor is None and result.source.language == "en"
    assert result.events and "\ufeff" not in result.source.text


def test_summarize_of_a_text_string_reports_no_encoding_or_extractor() -> None:
    result = summarize(ARTICLE, model="offline")
    assert (result.source.encoding, result.source.extractor) == (None, None)


def test_an_html_string_is_extracted_not_summarised_as_markup() -> None:
    result = summarize(page(), model="offline")
    assert result.source.extractor == "trafilatura" and result.source.title == TITLE
    assert PARAGRAPHS[0] in result.source.text
    assert "<" not in result.source.text and "Home" not in result.source.text


def test_html_bytes_are_extracted_too_whatever_their_encoding() -> None:
    result = summarize(page().encode("utf-16"), model="offline")
    assert (result.source.encoding, result.source.extractor) == ("utf-16", "trafilatura")
    assert PARAGRAPHS[1] in result.source.text


async def test_the_async_twins_take_bytes_and_pages() -> None:
    result = await asummarize(ARTICLE.encode("utf-16"), model="offline")
    assert result.source.encoding == "utf-16"
    async with Summarizer("offline") as s:
        assert (await s.asummarize(page())).source.extractor == "trafilatura"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "looks like a PNG image"),
        (b"   ", "the article is empty"),
        (b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "no article text"),
    ],
)
def test_bytes_that_are_no_article_are_one_clear_input_error(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message) as raised:
        summarize(data, model="offline")
    assert "\n" not in str(raised.value)


def test_summarize_many_takes_bytes_and_pages_and_reports_what_it_cannot_read() -> None:
    articles = {
        "text": ARTICLE,
        "bytes": ARTICLE.encode("utf-16"),
        "page": page(),
        "png": b"\x89PNG\r\n\x1a\n",
    }
    results = {r.id: r for r in summarize_many(articles, model="offline")}
    assert results["bytes"].summary and results["bytes"].summary.source.encoding == "utf-16"
    assert results["page"].summary and results["page"].summary.source.extractor == "trafilatura"
    assert results["text"].ok and not results["png"].ok
    assert results["png"].error and "looks like a PNG image" in results["png"].error.message


@pytest.mark.parametrize(("text", "language"), [(ARTICLE, "en"), (FRENCH, "fr"), (GERMAN, "de")])
def test_the_result_reports_the_articles_language(text: str, language: str) -> None:
    assert summarize(text, model="offline").source.language == language


def test_a_headline_alone_has_no_language() -> None:
    assert summarize("Floods in Valmora", model="offline").source.language is None


def test_a_language_the_article_states_is_kept() -> None:
    article = Article(text=ARTICLE, language="cy")
    assert summarize(article, model="offline").source.language == "cy"


def test_control_characters_never_reach_the_spans(tmp_path: Path) -> None:
    padding = "\n\n" + "Notes from the archive. " * 400  # past the first 8 KiB
    dirty = ARTICLE + padding + "\x00\x01\u200b\u202e Closing line of the notes."
    dirty = dirty.replace("said", "sa\u00adid", 1).replace(" the ", " the\x00 ", 3)
    assert len(dirty.split("\x00\x01")[0].encode()) > 8192
    result = summarize(dirty.encode("utf-8"), model="offline", published="2025-10-24")
    text = result.source.text
    assert not any(c in text for c in "\x00\x01\u200b\u202e")
    for event in result.events:
        for quote in event.evidence:
            assert text[quote.start : quote.end] == quote.quote


def test_a_title_loses_its_control_characters_too() -> None:
    article, _ = prepare(
        Article(text="The river rose in the valley.", title="Floods\x00 kill\x1b 41")
    )
    assert article.title == "Floods kill 41"


def test_the_command_reads_a_cp1252_file_and_says_how(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(ARTICLE.encode("cp1252"))
    result = run("summarize", str(path), "-m", "offline")
    assert result.exit_code == 0, result.stderr
    source = json.loads(result.stdout)["source"]
    assert (source["encoding"], source["extractor"], source["language"]) == ("cp1252", None, "en")


def test_a_batch_with_a_record_too_large_summarises_the_others(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    huge = "Rain fell on the valley. " * (6_000_000 // 25)
    rows = [
        {"id": "a", "text": ARTICLE},
        {"id": "huge", "text": huge},
        {"id": "b", "text": ARTICLE},
    ]
    source.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run("batch", str(source), "-o", str(out), "-m", "offline")
    assert result.exit_code == 1  # something failed
    done = {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert done["a"]["ok"] and done["b"]["ok"]
    assert not done["huge"]["ok"] and done["huge"]["error"]["kind"] == "input"
    assert done["huge"]["error"]["message"] == (
        f'{source}: line 2: the "text" field is larger than 5,000,000 bytes; is this one article?'
    )


def test_import_summarizer_loads_neither_the_detectors_nor_numpy() -> None:
    probe = (
        "import sys, summarizer\n"
        "from summarizer import load, summarize\n"
        "print(sorted(m for m in ('py3langid', 'numpy', 'charset_normalizer') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"
