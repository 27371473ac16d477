"""vcrpy, set up the way our cassettes are kept: imported only when a recording starts.

``use`` returns vcrpy's own cassette context, built from a ``VCR`` configured with our format,
header filters and matchers, our scrubbing hooks, and a cassette class that raises
``CassetteMiss`` for a request it may neither play nor record.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

import vcr
from vcr.cassette import Cassette

from summarizer.replay import format as cassette_format
from summarizer.replay.conventions import FILTER_HEADERS, MATCH_ON, REDACTED, CassetteMiss

# The serializer's name: also the suffix vcrpy-based tools expect of the files (.yaml).
SERIALIZER = "yaml"


class Scrub:
    """Replaces each secret, as written and percent-encoded, by ``<redacted>``."""

    def __init__(self, secrets: Sequence[str]) -> None:
        forms = {form for secret in secrets if secret for form in (secret, quote(secret, safe=""))}
        # Longest first: a secret that contains another is replaced whole.
        self._texts = sorted(forms, key=len, reverse=True)
        self._bytes = [text.encode("utf-8") for text in self._texts]

    def text(self, value: str) -> str:
        for secret in self._texts:
            value = value.replace(secret, REDACTED)
        return value

    def data(self, value: bytes) -> bytes:
        for secret in self._bytes:
            value = value.replace(secret, REDACTED.encode())
        return value

    def any(self, value: Any) -> Any:
        if isinstance(value, bytes):
            return self.data(value)
        if isinstance(value, str):
            return self.text(value)
        return value

    def request(self, request: Any) -> Any:
        """vcrpy's hook, on its own copy of each request after the header filters ran; also
        applied to a live request before it is matched, so both sides are scrubbed alike."""
        request.uri = self.text(_without_userinfo(request.uri))
        for name in list(request.headers):
            request.headers[name] = self.any(request.headers[name])
        request.body = self.any(request.body)
        return request

    def response(self, response: dict[str, Any]) -> dict[str, Any]:
        """vcrpy's hook, on a copy of each response before it is stored: only the headers the
        format keeps, secrets replaced there and in the body (a server may echo the key)."""
        kept = {}
        for name, values in response.get("headers", {}).items():
            if name.lower() in cassette_format.KEEP_HEADERS:
                listed = values if isinstance(values, list) else [values]
                kept[name] = [self.any(value) for value in listed]
        response["headers"] = kept
        body = response.get("body")
        if isinstance(body, dict) and "string" in body:
            body["string"] = self.any(body["string"])
        return response


def _without_userinfo(uri: str) -> str:
    parts = urlsplit(uri)
    if "@" not in parts.netloc:
        return uri
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


class _Cassette(Cassette):  # type: ignore[misc]  # vcrpy ships no types
    def can_play_response_for(self, request: Any) -> Any:
        playable = super().can_play_response_for(request)
        if not playable and self.write_protected and self.filter_request(request):
            # vcrpy would raise its own error here, which the openai SDK turns into a
            # connection error and our retry policy would retry.
            raise CassetteMiss(
                f"{request.method} {request.path} is not in the cassette {self._path} (record "
                f"mode {self.record_mode.value}, {len(self)} recorded, {self.play_count} "
                "played): what is sent changed since it was recorded (article, model, "
                "settings, prompt or summarizer version) or more was asked; re-record it "
                "(record mode new_episodes adds what is missing, all records everything again)",
                cassette=Path(self._path),
            )
        return playable


def use(path: Path, mode: str, secrets: Sequence[str]) -> AbstractContextManager[Any]:
    """vcrpy's context for ``path`` in record ``mode``, scrubbing ``secrets``."""
    scrub = Scrub(secrets)
    recorder = vcr.VCR()
    recorder.register_serializer(SERIALIZER, cassette_format)
    config = recorder.get_merged_config(
        path=str(path),
        serializer=SERIALIZER,
        record_mode=mode,
        match_on=MATCH_ON,
        filter_headers=FILTER_HEADERS,
        decode_compressed_response=True,
        before_record_request=scrub.request,
        before_record_response=scrub.response,
    )
    context: AbstractContextManager[Any] = _Cassette.use(**config)
    return context
