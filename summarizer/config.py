"""Settings: the environment, overridden by arguments and flags, merged in one place.

Only our own ``SUMMARIZER_*`` variables are read, plus the ecosystem's ``OPENAI_API_KEY`` and
``OPENAI_BASE_URL``: a ``MODE`` or ``TIMEOUT`` that belongs to some other program in the
user's shell is none of our business. A bad value is a ``ConfigurationError`` that names the
variable (or the argument) it came from, in one line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypedDict
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from summarizer.errors import ConfigurationError
from summarizer.secrets import url_secrets

ENV_PREFIX = "SUMMARIZER_"
# Room for the summary of a long article (a dozen events with their evidence is ~3,000 tokens),
# and a bound on a local model that would otherwise generate until the timeout.
DEFAULT_MAX_TOKENS = 4096
# The two settings read under the ecosystem's names rather than ours.
_ALIASES = {"api_key": "OPENAI_API_KEY", "base_url": "OPENAI_BASE_URL"}
_FIELDS = {alias: field for field, alias in _ALIASES.items()}
_SECRET = frozenset({"api_key"})
# How structured output can be asked for (instructor's modes, by the names users type).
MODES = ("tools", "json_schema", "json", "md_json")
OFFLINE = "offline"


class Options(TypedDict, total=False):
    """The settings a caller may override; ``None`` (or leaving one out) keeps the environment's.

    The one list of them: ``Summarizer``, ``summarize`` and ``asummarize`` all take these.
    """

    base_url: str | None
    api_key: str | None
    mode: str | None
    timeout: float | None
    max_reasks: int | None
    max_attempts: int | None
    max_tokens: int | None
    max_input_tokens: int | None
    deadline: float | None
    rpm: int | None
    tpm: int | None
    prices: str | Path | None


class Settings(BaseSettings):
    """Which model answers and how patiently: environment first, then overrides."""

    # No populate_by_name: it would make SUMMARIZER_API_KEY and SUMMARIZER_BASE_URL settings
    # too, beside the ecosystem's names (``load`` passes those two by their aliases).
    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="forbid", frozen=True)

    api_key: SecretStr | None = Field(default=None, validation_alias=_ALIASES["api_key"])
    base_url: str | None = Field(default=None, validation_alias=_ALIASES["base_url"])
    model: str | None = Field(
        default=None, description="A model name, or 'offline' for the rule-based extractor."
    )
    mode: str | None = Field(default=None, description=f"One of {', '.join(MODES)}.")
    timeout: float = Field(default=120.0, gt=0, description="Seconds per request.")
    max_reasks: int = Field(default=2, ge=0, le=10, description="Validation re-asks.")
    max_attempts: int = Field(
        default=5, ge=1, le=20, description="Tries per request against transient faults."
    )
    max_tokens: int = Field(
        default=DEFAULT_MAX_TOKENS,
        ge=256,
        description="The longest answer asked for, in tokens; an answer cut off there is asked "
        "once more with twice the room.",
    )
    max_input_tokens: int | None = Field(
        default=None,
        ge=1000,
        description="The most tokens one request may carry (prompt and article); a longer "
        "article is summarised in parts. Default: the model's window when known, else learned "
        "from the server's first refusal.",
    )
    deadline: float | None = Field(
        default=None,
        gt=0,
        description="Seconds an article may take over all its requests, retries and waits.",
    )
    rpm: int | None = Field(
        default=None, ge=1, description="At most this many requests a minute (all workers)."
    )
    tpm: int | None = Field(
        default=None,
        ge=1,
        description="At most this many tokens a minute (all workers), estimated from each "
        "request's size before it is sent.",
    )
    prices: Path | None = Field(
        default=None,
        description='A JSON file of model prices, {"model": {"input": 0.15, "output": 0.6}} '
        "in USD per million tokens, over the built-in table.",
    )

    @field_validator("model", "base_url", "mode", "prices", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("mode")
    @classmethod
    def _known_mode(cls, value: str | None) -> str | None:
        if value is None:
            return None
        mode = value.strip().lower()
        if mode not in MODES:
            raise ValueError(f"unknown mode; choose one of {', '.join(MODES)}")
        return mode

    @field_validator("base_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and urlsplit(value.strip()).scheme not in ("http", "https"):
            raise ValueError("not an http(s) URL, e.g. http://localhost:11434/v1")
        return value.strip() if value is not None else None

    @property
    def key(self) -> str | None:
        """The API key in clear, for the client that sends it (never for messages)."""
        return self.api_key.get_secret_value() if self.api_key else None

    def secrets(self) -> list[str]:
        """What no message, log or recording may show: the key, and the credentials of a base
        URL that carries them (``summarizer.secrets``)."""
        return ([self.key] if self.key else []) + url_secrets(self.base_url)

    @classmethod
    def load(cls, model: str | None = None, **overrides: Any) -> Settings:
        """The environment's settings with every override that is not ``None`` on top."""
        given = {k: v for k, v in {"model": model, **overrides}.items() if v is not None}
        try:
            return cls(**{_ALIASES.get(k, k): v for k, v in given.items()})
        except ValidationError as exc:
            raise ConfigurationError(_describe(exc, given)) from None


def env_name(field: str) -> str:
    """The environment variable a setting is read from."""
    return _ALIASES.get(field, ENV_PREFIX + field.upper())


def _describe(exc: ValidationError, given: dict[str, Any]) -> str:
    """One line: each bad setting, where it came from, its value (never a secret's), why."""
    problems = []
    for error in exc.errors():
        name = str(error["loc"][0]) if error["loc"] else "settings"
        field = _FIELDS.get(name, name)  # errors name an aliased field by its alias
        where = field if field in given else env_name(field)
        if error["type"] == "extra_forbidden":
            problems.append(f"unknown setting {field!r}")
            continue
        shown = "" if field in _SECRET else f" {_redacted(error.get('input'))!r}"
        reason = str(error["msg"]).removeprefix("Value error, ")
        problems.append(f"{where}{shown}: {reason}")
    return "bad setting: " + "; ".join(problems)


def _redacted(value: Any) -> Any:
    """A URL without its user name and password; anything else as it is."""
    if isinstance(value, str) and "@" in value:
        parts = urlsplit(value)
        if parts.username or parts.password:
            return parts._replace(netloc="***@" + parts.netloc.rsplit("@", 1)[1]).geturl()
    return value
