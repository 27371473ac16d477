"""Finding, versioning and rendering the prompt templates (the repository's ``prompts/``).

The templates are Jinja. They are handed to instructor *unrendered* together with the variables
(``article``, ``title``, ``published``, ``fence``): instructor renders every message through
Jinja when it is given a validation context, so an article pasted into a message would have its
``{{ braces }}`` eaten. As a variable, the article is inserted verbatim.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2.sandbox import SandboxedEnvironment

from summarizer.input.article import Article

_VERSION = re.compile(r"\{#\s*version:\s*([^\s#]+)")


@dataclass(frozen=True, slots=True)
class Prompt:
    system: str
    user: str
    version: str

    def variables(self, article: Article) -> dict[str, Any]:
        """Template variables for one article (also instructor's validation context)."""
        return {
            "article": article.text,
            "title": article.title,
            "published": article.published.isoformat() if article.published else None,
            # A fence the article cannot contain by accident, stable for the same text.
            "fence": hashlib.sha256(article.text.encode()).hexdigest()[:12],
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
