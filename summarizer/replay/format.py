"""A readable vcrpy serializer: JSON bodies as YAML trees, long strings as literal blocks,
only the headers that matter. A prompt or schema change shows up as a reviewable diff.

The format of our own cassettes (``cassettes/``) and of the ones ``summarizer.replay`` and the
pytest plugin write for users. A module with ``serialize`` and ``deserialize``, as vcrpy's
``register_serializer`` takes it; it imports PyYAML (the ``replay`` extra).
"""

from __future__ import annotations

import json
from typing import Any

import yaml

KEEP_HEADERS = {"content-type", "retry-after", "retry-after-ms"}


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value and not any(c in value for c in "\r\t") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def _tree(body: Any) -> Any:
    if isinstance(body, bytes):
        body = body.decode("utf-8")
    if isinstance(body, str) and body[:1] in "{[":
        try:
            return {"json": json.loads(body)}
        except ValueError:
            pass
    return body


def _text(body: Any) -> Any:
    if isinstance(body, dict) and set(body) == {"json"}:
        return json.dumps(body["json"], ensure_ascii=False)
    return body


def _messages(body: Any) -> list[dict[str, Any]]:
    if not isinstance(body, dict) or not isinstance(body.get("json"), dict):
        return []
    return [c.get("message", {}) for c in body["json"].get("choices", [])]


def _fields(message: dict[str, Any]) -> list[tuple[dict[str, Any], str]]:
    """The places in a completion message that hold the model's JSON as a string."""
    places = [(message, "content")]
    places += [(call["function"], "arguments") for call in message.get("tool_calls") or []]
    return places


def _expand(body: Any) -> Any:
    """The model's JSON answer as a tree too, when it round-trips to the very same string."""
    for message in _messages(body):
        for holder, key in _fields(message):
            value = holder.get(key)
            if not isinstance(value, str) or value[:1] != "{":
                continue
            try:
                tree = json.loads(value)
            except ValueError:
                continue
            if json.dumps(tree, ensure_ascii=False) == value:
                holder[key] = {"json": tree}
    return body


def _collapse(body: Any) -> Any:
    for message in _messages(body):
        for holder, key in _fields(message):
            holder[key] = _text(holder.get(key))
    return body


def _headers(headers: dict[str, Any]) -> dict[str, Any]:
    return {k.lower(): v for k, v in headers.items() if k.lower() in KEEP_HEADERS}


def serialize(cassette: dict[str, Any]) -> str:
    for item in cassette["interactions"]:
        request, response = item["request"], item["response"]
        request["headers"] = _headers(request["headers"])
        request["body"] = _tree(request["body"])
        response["headers"] = _headers(response["headers"])
        response["body"]["string"] = _expand(_tree(response["body"]["string"]))
    return yaml.dump(cassette, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


def deserialize(text: str) -> dict[str, Any]:
    # libyaml's safe loader when PyYAML has it: the same documents, parsed ~10x faster.
    cassette: dict[str, Any] = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    for item in cassette["interactions"]:
        request, response = item["request"], item["response"]
        request["body"] = _text(request["body"])
        response["body"]["string"] = _text(_collapse(response["body"]["string"]))
    return cassette
