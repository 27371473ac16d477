"""The first request ``extract`` builds itself (``first_request``) is the one instructor would
prepare, field for field and in the same key order, for every mode and for articles that try
the templating (braces, Jinja syntax, indentation); and an answer that fails validation is
handed to instructor's loop without a second request or a second count."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.config import MODES, Settings
from summarizer.input.article import Article
from summarizer.pipeline import prepare, run
from summarizer.providers.openai.extract import (
    OutputLimit,
    _shape,
    first_request,
    instructor_request,
)
from summarizer.providers.openai.prompt import load_prompt
from summarizer.providers.openai.provider import MODES as INSTRUCTOR_MODES
from summarizer.providers.openai.provider import OpenAIProvider
from tests.conftest import PUBLISHED, example, no_wait, scripted
from tests.fakeserver import FakeOpenAI, Reply, completion

NASTY = [
    "{{ article }} {% if true %}x{% endif %} {# not a comment #} {{",
    "    indented\n    all the way\n    down",
    "\tTab-led line\n\nA line with }} and {%raw%} and {{ fence }}",
    "Ünïcödé — “quotes” ‘and’ \u2028 line separator, and a NUL-free end",
]


def both(article: Article, mode: str) -> tuple[dict[str, object], dict[str, object]]:
    prompt = load_prompt()
    ours = first_request(article, prompt, model="gpt-4o-mini", mode=INSTRUCTOR_MODES[mode])
    theirs = instructor_request(article, prompt, model="gpt-4o-mini", mode=INSTRUCTOR_MODES[mode])
    return ours, theirs


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", sorted(PUBLISHED))
def test_the_first_request_is_instructors_for_every_example_and_mode(name: str, mode: str) -> None:
    article = Article(text=example(name), title="A title", published=date(2024, 12, 27))
    ours, theirs = both(prepare(article)[0], mode)
    assert ours == theirs
    assert json.dumps(ours) == json.dumps(theirs)  # the same bytes: key order too


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("text", NASTY)
def test_templating_in_an_article_is_data_in_both(text: str, mode: str) -> None:
    ours, theirs = both(Article(text=text, title="{{ title }}"), mode)
    assert json.dumps(ours) == json.dumps(theirs)
    messages = ours["messages"]
    assert isinstance(messages, list)
    assert any(text in m["content"] for m in messages)  # verbatim, not rendered


@settings(max_examples=60, deadline=None)
@given(text=st.text(min_size=1, max_size=200), title=st.none() | st.text(max_size=40))
def test_any_text_gives_the_same_request(text: str, title: str | None) -> None:
    ours, theirs = both(Article(text=text, title=title), "tools")
    assert json.dumps(ours) == json.dumps(theirs)


def test_building_requests_leaves_the_cached_shape_as_it_was(fake: FakeOpenAI) -> None:
    """The request parts shared by every article are never changed by a send or a re-ask."""
    settings_ = Settings.load("gpt-4o-mini", base_url=fake.base_url, api_key="sk-x", mode="tools")
    provider = OpenAIProvider(settings_, retry=no_wait())
    prompt = load_prompt()
    shape = (prompt, "gpt-4o-mini", INSTRUCTOR_MODES["tools"], OutputLimit())
    before = json.dumps(_shape(*shape)[0])
    fake.add(lambda request: Reply(body=completion(request, {"headline": ""})))  # fails: re-ask
    fake.add(scripted("business"))
    article = Article(text=example("business"), published=date.fromisoformat(PUBLISHED["business"]))
    summary = run(article, provider)
    provider.close()
    assert summary.metadata.attempts.requests == 2  # the failed answer was not sent again
    assert json.dumps(_shape(*shape)[0]) == before
    first, second = fake.requests
    assert second["messages"][: len(first["messages"])] == first["messages"]  # the re-ask's history
