"""Renderers show article and model words as written: nothing in them is read as markup."""

from __future__ import annotations

from markdown_it import MarkdownIt

from summarizer import summarize
from summarizer.output.formats import render
from summarizer.output.markdown import text
from tests.test_faults import ARTICLE

TRAPS = "Minister [sic] says *all* is <b>fine</b> | `ok` ~~really~~ _ok_ #1"


def test_markdown_text_is_read_back_as_the_words_written() -> None:
    html = MarkdownIt("commonmark").enable("table").enable("strikethrough").render(text(TRAPS))
    assert html == (
        "<p>Minister [sic] says *all* is &lt;b&gt;fine&lt;/b&gt; | `ok` ~~really~~ _ok_ #1</p>\n"
    )


def test_a_line_that_would_open_a_block_stays_a_paragraph() -> None:
    for line in ["# Not a heading", "> not a quote", "- not an item", "1. not a list", "= x"]:
        html = MarkdownIt("commonmark").render(text(line))
        assert html == f"<p>{line.replace('>', '&gt;')}</p>\n", line


def test_a_summary_in_markdown_keeps_its_own_structure_and_the_articles_words() -> None:
    article = f"{TRAPS}\n\n{ARTICLE}\n\n1. The first point, as the agency listed it."
    md = render(summarize(article, model="offline"), "md")
    html = MarkdownIt("commonmark").render(md)
    assert html.startswith("<h1>Minister [sic] says *all* is &lt;b&gt;fine&lt;/b&gt;")
    assert "<b>" not in html and "<code>" not in html and "<ol>" not in html
    # The one emphasis is ours: the run's line at the end.
    assert html.count("<em>") == 1 and "<p><em>offline-rules-1 · " in html
    assert "<h2>Events</h2>" in html and "<blockquote>" in html
