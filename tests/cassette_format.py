"""A readable vcrpy serializer: JSON bodies as YAML trees, long strings as literal blocks,
only the headers that matter. A prompt or schema change shows up as a reviewable diff.

The Batch API's bodies too: a JSONL file (an upload's lines, a batch's output) as one tree per
line, and a multipart upload as its boundary and parts. Each is stored so only when it rebuilds
to the very same bytes, so that a replayed request still matches on its body.
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

KEEP_HEADERS = {"content-type", "retry-after", "retry-after-ms"}


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value and not any(c in value for c in "\r\t") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def _tree(body: Any, boundary: str | None = None) -> Any:
    if isinstance(body, bytes):
        body = body.decode("utf-8")
    if isinstance(body, str) and boundary is not None:
        parts = _multipart(body, boundary)
        if parts is not None:
            return {"multipart": {"boundary": boundary, "parts": parts}}
    if isinstance(body, str) and (records := _jsonl(body)) is not None:
        return {"jsonl": records}
    if isinstance(body, str) and body[:1] in "{[":
        try:
            return {"json": json.loads(body)}
        except ValueError:
            pass
    return body


def _text(body: Any) -> Any:
    if isinstance(body, dict) and set(body) == {"json"}:
        return json.dumps(body["json"], ensure_ascii=False)
    if isinstance(body, dict) and set(body) == {"jsonl"}:
        return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in body["jsonl"])
    if isinstance(body, dict) and set(body) == {"multipart"}:
        return _join(body["multipart"]["boundary"], body["multipart"]["parts"])
    return body


def _jsonl(text: str) -> list[Any] | None:
    """The records of a JSONL text (newline-terminated) that ``_text`` rebuilds exactly."""
    if not text.endswith("\n") or text[:1] != "{":
        return None
    try:
        records = [json.loads(line) for line in text[:-1].split("\n")]
    except ValueError:
        return None
    return records if _text({"jsonl": records}) == text else None


def _boundary(headers: dict[str, Any]) -> str | None:
    for name, values in headers.items():
        value = values[0] if isinstance(values, list) and values else values
        if name.lower() == "content-type" and str(value).startswith("multipart/form-data"):
            found = re.search(r'boundary="?([^";\s]+)', str(value))
            return found.group(1) if found else None
    return None


def _multipart(body: str, boundary: str) -> list[dict[str, Any]] | None:
    """A multipart body's parts (their header lines and content, JSONL as records), when they
    rebuild to the very same body."""
    start, end = f"--{boundary}\r\n", f"\r\n--{boundary}--\r\n"
    if not body.startswith(start) or not body.endswith(end):
        return None
    parts = []
    for chunk in body[len(start) : -len(end)].split(f"\r\n--{boundary}\r\n"):
        head, blank, content = chunk.partition("\r\n\r\n")
        if not blank:
            return None
        records = _jsonl(content)
        parts.append(
            {
                "headers": head.split("\r\n"),
                "content": {"jsonl": records} if records is not None else content,
            }
        )
    return parts if _join(boundary, parts) == body else None


def _join(boundary: str, parts: list[dict[str, Any]]) -> str:
    chunks = ["\r\n".join(p["headers"]) + "\r\n\r\n" + _text(p["content"]) for p in parts]
    return f"--{boundary}\r\n" + f"\r\n--{boundary}\r\n".join(chunks) + f"\r\n--{boundary}--\r\n"


def _completions(body: Any) -> list[Any]:
    """The chat completions in a response body: the body itself, or a batch output's lines'."""
    if isinstance(body, dict) and set(body) == {"jsonl"}:
        return [
            {"json": record["response"]["body"]}
            for record in body["jsonl"]
            if isinstance(record, dict)
            and isinstance(record.get("response"), dict)
            and isinstance(record["response"].get("body"), dict)
        ]
    return [body]


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
        request["body"] = _tree(request["body"], _boundary(request["headers"]))
        response["headers"] = _headers(response["headers"])
        response["body"]["string"] = body = _tree(response["body"]["string"])
        for completion in _completions(body):
            _expand(completion)
    return yaml.dump(cassette, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


def deserialize(text: str) -> dict[str, Any]:
    # libyaml's safe loader when PyYAML has it: the same documents, parsed ~10x faster.
    cassette: dict[str, Any] = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    for item in cassette["interactions"]:
        request, response = item["request"], item["response"]
        request["body"] = _text(request["body"])
        body = response["body"]["string"]
        for completion in _completions(body):
            _collapse(completion)
        response["body"]["string"] = _text(body)
    return cassette
