"""Finding, versioning and rendering the prompt templates (the repository's ``prompts/``).

The templates are Jinja. They are handed to instructor *unrendered* together with the variables
(``article``, ``title``, ``published``, ``site``, ``url``, ``fence``): instructor renders every
message through Jinja when it is given a validation context, so an article pasted into a message
would have its ``{{ braces }}`` eaten. As a variable, the article is inserted verbatim.

The fence, and why it holds
---------------------------
Everything about an article is untrusted: its text, and its title, site, URL and date (a
record's fields, a page's metadata, ``--title``). The user template puts all of them between
two fence lines, ``ARTICLE-<fence>``, and nothing untrusted anywhere else. Two rules keep a
field from closing the fence early or writing lines outside it:

1. Every field but the text is rendered on one line (``one_line``: its line breaks, as
   ``str.splitlines`` knows them, become spaces), so a title cannot add a line at all.
2. The fence occurs in no field (``fence``). Its candidates are hashes of every field and a
   counter (``candidates``); one that occurs in a field as rendered (compared after NFKC and
   lower-casing, so a full-width or upper-case copy counts) is rejected and the next one
   tried, until one does not occur. Fields of ``n`` characters in all hold at most ``n`` of
   the ``16**16`` possible fences, so the loop ends, almost always at the first try.

Hence the line ``ARTICLE-<fence>`` occurs exactly where the template writes it: a forged fence
line (``SYSTEM:`` lines after it, say) in the text or the title is a line inside the data. An
attacker cannot plant the fence in advance either: it depends on everything they write, so a
copy of it in their own text changes it (hitting it on purpose means finding a text that holds
64 bits of its own hash), and a copy they did hit is rejected by rule 2.

The fence is a function of the fields alone, so the same article always gives the same request,
byte for byte: cassettes match on the body, and a Batch API line is the live request.

What this does not guarantee: that the model obeys the fence. Text inside it can still steer a
model; what the fence buys is that the model is told, unambiguously, which words are data. What
a steered model invents is caught by grounding (every quote, name, number checked against the
text), not here.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2.sandbox import SandboxedEnvironment

from summarizer.input.article import Article

_VERSION = re.compile(r"\{#\s*version:\s*([^\s#]+)")
# Hex digits of the fence: 64 bits, so nobody writes the fence of their own text on purpose.
FENCE_LENGTH = 16
# What ``str.splitlines`` breaks a line at; whitespace around a break goes with it.
_LINE_BREAKS = re.compile(r"\s*[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]\s*")


def one_line(value: str | None) -> str | None:
    """``value`` with every line break (and the whitespace around it) turned into one space:
    a field rendered on one line cannot add a line to the prompt. A value with no line break
    is returned as it is."""
    if value is None or _LINE_BREAKS.search(value) is None:
        return value
    return _LINE_BREAKS.sub(" ", value).strip()


def candidates(fields: tuple[str, ...], length: int = FENCE_LENGTH) -> Iterator[str]:
    """The fences ``fence`` tries for ``fields``, in order: a hash of all of them, then of all
    of them and a counter."""
    seed = hashlib.sha256()
    for field in fields:  # each one's length first: no two tuples of fields hash alike
        data = field.encode()
        seed.update(b"%d:" % len(data))
        seed.update(data)
    for counter in itertools.count():
        candidate = seed.copy()
        candidate.update(b"#%d" % counter)
        yield candidate.hexdigest()[:length]


@lru_cache(maxsize=256)  # an article's variables are built for each request and each check
def fence(fields: tuple[str, ...], length: int = FENCE_LENGTH) -> str:
    """The fence for an article whose untrusted fields, as rendered, are ``fields``: derived
    from all of them, and occurring in none (see the module's docstring for why that holds)."""
    # The fence is lower-case ASCII hex; NFKC turns full-width and other compatibility forms
    # of those characters into them, ``lower`` the upper-case ones.
    folded = [unicodedata.normalize("NFKC", field).lower() for field in fields]
    return next(c for c in candidates(fields, length) if not any(c in f for f in folded))


@dataclass(frozen=True, slots=True)
class Prompt:
    system: str
    user: str
    version: str

    def variables(self, article: Article) -> dict[str, Any]:
        """Template variables for one article (also instructor's validation context): every
        field as the prompt shows it, and the fence that none of them contains."""
        published = article.published.isoformat() if article.published else None
        title, site, url = one_line(article.title), one_line(article.site), one_line(article.url)
        fields = (article.text, *(f or "" for f in (title, site, url, published)))
        return {
            "article": article.text,
            "title": title,
            "published": published,
            "site": site,
            "url": url,
            "fence": fence(fields),
        }

    def messages(self) -> list[dict[str, str]]:
        """The chat messages, unrendered (instructor renders them with ``variables``)."""
        return [
            {"role": "system", "content": self.system},
            {"role": "user", "content": self.user},
        ]

    def render(self, article: Article) -> list[dict[str, str]]:
        """The messages as the model sees them (for ``--show-prompt`` and tests)."""
        env = SandboxedEnvironment()
        variables = self.variables(article)
        return [
            {"role": m["role"], "content": env.from_string(m["content"]).render(**variables)}
            for m in self.messages()
        ]


# Where the wheel puts the templates (pyproject's force-include): a data folder, not a module.
PACKAGED = "prompt_templates"


def prompt_dir() -> Path:
    """The templates inside an installed wheel, else the repository's ``prompts/``."""
    packaged = resources.files("summarizer") / PACKAGED
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / "prompts"


@cache
def load_prompt(directory: Path | None = None) -> Prompt:
    """Load ``system.md`` and ``user.md`` and their version."""
    folder = directory or prompt_dir()
    system = (folder / "system.md").read_text(encoding="utf-8")
    user = (folder / "user.md").read_text(encoding="utf-8")
    versions = {_version(system, "system.md"), _version(user, "user.md")}
    return Prompt(system=system, user=user, version="+".join(sorted(versions)))


def _version(template: str, name: str) -> str:
    found = _VERSION.search(template)
    if found is None:
        raise RuntimeError(f"prompt template {name} has no '{{# version: … #}}' header")
    return found.group(1)
