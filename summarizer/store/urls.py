"""Server addresses as they may be stored: without whatever could open the server to others."""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

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
