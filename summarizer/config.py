"""Settings from the environment, overridable by flags and keyword arguments.

The ecosystem's names come first: ``OPENAI_API_KEY`` and ``OPENAI_BASE_URL``; ours are
``SUMMARIZER_*``.
"""

from __future__ import annotations

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore", populate_by_name=True)

    api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_API_KEY", "api_key")
    )
    base_url: str | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_BASE_URL", "base_url")
    )
    model: str | None = Field(
        default=None, validation_alias=AliasChoices("SUMMARIZER_MODEL", "model")
    )
    mode: str | None = Field(default=None, validation_alias=AliasChoices("SUMMARIZER_MODE", "mode"))
    timeout: float = Field(
        default=120.0, gt=0, validation_alias=AliasChoices("SUMMARIZER_TIMEOUT", "timeout")
    )
    max_reasks: int = Field(
        default=2, ge=0, le=10, validation_alias=AliasChoices("SUMMARIZER_MAX_REASKS", "max_reasks")
    )
    max_attempts: int = Field(
        default=5,
        ge=1,
        le=20,
        validation_alias=AliasChoices("SUMMARIZER_MAX_ATTEMPTS", "max_attempts"),
        description="Tries per request against transient faults, the first included.",
    )
