"""What must never be shown, logged or stored: API keys, URL credentials, auth headers.

One copy for every place a secret could leak through: the messages of errors a server sends
(some echo the request's Authorization header, or the key in a "bad key sk-…" message), the
``source.url`` of a summary, the server address in the run log, and cassettes (``replay``).
``redact`` takes the secrets it knows (``Settings.secrets``) and also removes what looks like a
credential whatever it is: ``Bearer``/``Basic`` tokens and ``user:password@`` in URLs.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable
from typing import TypeVar
from urllib.parse import quote, unquote, urlsplit, urlunsplit

REDACTED = "<redacted>"
# Shorter "secrets" are placeholders ("x", "test", a local server's "none"), not credentials:
# replacing every "test" in a message would only garble it.
MIN_SECRET = 8

# scheme://user:password@ (or scheme://token@) anywhere in a line of text.
_USERINFO = re.compile(r"(?P<scheme>\b[a-zA-Z][a-zA-Z0-9+.-]*://)[^\s/@]+@")


def strip_credentials(url: str | None) -> str | None:
    """``url`` without its user name, password, query and fragment.

    A query is dropped too because some gateways take their key there (``?api-key=…``); a
    base URL needs none of the three to say which server answered. ``None`` stays ``None``.
    """
    if url is None:
        return None
    text = url.strip()
    try:
        parts = urlsplit(text)
    except ValueError:  # e.g. an unbalanced "[" in the host: keep nothing that could leak
        return _USERINFO.sub(r"\g<scheme>", text).split("?", 1)[0].split("#", 1)[0]
    host = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit((parts.scheme, host, parts.path, "", ""))


def scrub_urls(text: str) -> str:
    """``text`` with the ``user:password@`` of every URL in it removed (an error message may
    quote the address it could not reach)."""
    return _USERINFO.sub(r"\g<scheme>", text)


# An Authorization header's credential as a server may quote it back; "Bearer <redacted>" stays.
_AUTH = re.compile(r"\b(Bearer|Basic)\s+(?!<redacted>)[A-Za-z0-9._~+/=-]{6,}", re.IGNORECASE)


def url_secrets(url: str | None) -> list[str]:
    """The secrets a URL carries: its password (as written and decoded) and the basic-auth token
    an HTTP client makes of ``user:password`` (a server may echo its Authorization header)."""
    parts = urlsplit(url or "")
    if not parts.password:
        return []
    user, password = unquote(parts.username or ""), unquote(parts.password)
    token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    return [parts.password, password, token]


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """``text`` with each of ``secrets`` (as written and percent-encoded) replaced, the
    credentials of URLs removed and ``Bearer``/``Basic`` tokens replaced."""
    forms = {
        form
        for secret in secrets
        if len(secret) >= MIN_SECRET
        for form in (secret, quote(secret, safe=""))
    }
    for secret in sorted(forms, key=len, reverse=True):  # a secret holding another goes whole
        text = text.replace(secret, REDACTED)
    return _AUTH.sub(lambda m: f"{m[1]} {REDACTED}", scrub_urls(text))


E = TypeVar("E", bound=BaseException)


def redact_error(error: E, secrets: Iterable[str] = ()) -> E:
    """``error`` itself, its message redacted (for raising again as it was)."""
    error.args = tuple(redact(a, secrets) if isinstance(a, str) else a for a in error.args)
    return error
