"""Settings: our variables and the ecosystem's two, overridden in one place, errors in one line."""

from __future__ import annotations

import pytest

from summarizer import ConfigurationError, Settings, Summarizer
from summarizer.providers.resolve import OFFLINE_NOTICE


def test_overrides_win_over_the_environment_and_none_keeps_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SUMMARIZER_TIMEOUT", "30")
    monkeypatch.setenv("SUMMARIZER_MODEL", "llama3.1")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://localhost:11434/v1")
    settings = Settings.load(timeout=5, mode=None, base_url=None)
    assert (settings.timeout, settings.model) == (5, "llama3.1")
    assert settings.base_url == "http://localhost:11434/v1"


def test_only_our_names_and_the_ecosystems_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("MODEL", "MODE", "TIMEOUT", "API_KEY", "BASE_URL", "MAX_ATTEMPTS"):
        monkeypatch.setenv(name, "whatever")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    settings = Settings.load()
    assert (settings.model, settings.mode, settings.base_url) == (None, None, None)
    assert settings.timeout == 120 and settings.key == "sk-test"


def test_a_bad_argument_is_named_as_the_argument() -> None:
    with pytest.raises(ConfigurationError) as raised:
        Settings.load(timeout=0)
    assert str(raised.value) == "bad setting: timeout 0: Input should be greater than 0"


def test_several_bad_values_are_reported_together(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZER_MAX_ATTEMPTS", "0")
    with pytest.raises(ConfigurationError) as raised:
        Settings.load(mode="xml")
    message = str(raised.value)
    assert "\n" not in message
    assert "SUMMARIZER_MAX_ATTEMPTS '0'" in message and "mode 'xml': unknown mode" in message


def test_a_bad_key_is_never_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ConfigurationError) as raised:
        Settings.load(api_key=12345678901234)
    assert "api_key" in str(raised.value) and "12345678901234" not in str(raised.value)


def test_the_library_raises_the_same_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZER_TIMEOUT", "soon")
    with pytest.raises(ConfigurationError, match="SUMMARIZER_TIMEOUT 'soon'"):
        Summarizer()


def test_the_offline_default_says_why_and_an_explicit_choice_does_not() -> None:
    with Summarizer() as chosen_for_you, Summarizer("offline") as chosen:
        assert chosen_for_you.provider.name == chosen.provider.name == "offline"
        assert (chosen_for_you.notice, chosen.notice) == (OFFLINE_NOTICE, None)
