"""A ``StructuredSummary`` as one self-contained HTML page (``-f html``).

The page is for checking a summary against its article: the article text with every evidence
span marked, and the facts (key points, events, quantities, claims, actors) beside it. A fact
links to its first passage; a passage lists the facts it supports. Filters by event type and by
source hide facts and the marks only they rest on. Items that were not grounded are listed apart.

Everything is inline (no external asset, so it opens from file:// and can be mailed), and the
page reads without JavaScript: the marks and the lists are static HTML, a fact's link jumps to
its passage. The script only adds highlighting, scrolling and filtering.

Article and model text are data, never markup:

- every piece of it goes through ``html.escape`` (quotes included, so attributes are safe too),
  the model's words after ``printable`` as in ``-f md``; the article's text keeps every
  character, since a mark's text must be what its offsets index (a control, a carriage return
  included, which the parser would read as a line feed, is written as a character reference);
- the data the script needs travels as JSON in ``<script type="application/json">`` with
  ``<``, ``>`` and ``&`` as ``\\u`` escapes (no ``</script>`` can end it early), read with
  ``JSON.parse``; the script writes only ``textContent`` and classes, never ``innerHTML``;
- a Content-Security-Policy allows nothing but the page's own style and script, by their
  SHA-256: no eval, no inline event handler, no image, font, frame or connection. An injected
  ``<img onerror>`` would be blocked twice (it is text anyway).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape
from itertools import pairwise

from summarizer.output.phrases import bounds, when
from summarizer.output.terminal import printable
from summarizer.schema import Attribution, Evidence, Quantity, StructuredSummary

# A raw CR would be read back as LF by the HTML parser; C0, DEL and C1 act on a terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
UNATTRIBUTED = "unattributed"
OUTLET = "the outlet"


def h(value: object) -> str:
    """Words from the model (or the article's metadata) as HTML text or an attribute value,
    with nothing a terminal acts on: the page may well be printed to one (no ``-o``)."""
    return escape(printable(str(value)), quote=True)


def article_text(value: str) -> str:
    """A stretch of the article, character for character (a mark's text is what its offsets
    index): a control, which the input stage has already removed from any article, would be
    written as a character reference rather than reach a terminal raw."""
    return _CONTROL.sub(lambda c: f"&#{ord(c[0])};", escape(value, quote=True))


def source_label(attribution: Attribution | None) -> str:
    """The name a fact's source filter goes by."""
    if attribution is None:
        return UNATTRIBUTED
    if attribution.outlet_asserts:
        return OUTLET
    return " ".join(attribution.source.split()) or UNATTRIBUTED


@dataclass
class _Fact:
    id: str
    kind: str
    label: str  # one line: a mark's tooltip names the facts it supports
    spans: list[tuple[int, int]]
    type: str | None = None
    source: str | None = None
    marks: list[int] = field(default_factory=list)


def _spans(evidence: Iterable[Evidence], length: int) -> list[tuple[int, int]]:
    return [
        (e.start, e.end) for e in evidence if 0 <= e.start < e.end <= length
    ]  # a span the text cannot hold (a hand-edited file) is shown in the list, not marked


def _facts(summary: StructuredSummary) -> list[_Fact]:
    n = len(summary.source.text)
    facts = [
        _Fact(f"kp{i}", "key point", p.text, _spans(p.evidence, n))
        for i, p in enumerate(summary.key_points)
    ]
    for i, e in enumerate(summary.events):
        source = source_label(e.attribution)
        facts.append(
            _Fact(
                f"ev{i}",
                "event",
                f"{e.type.value}, {e.description}",
                _spans(e.evidence, n),
                e.type.value,
                source,
            )
        )
        for j, q in enumerate(e.quantities):
            # A figure without its own source is the event's.
            own = source_label(q.attribution) if q.attribution is not None else source
            label = f"{q.text} {q.of_whom or ''} ({q.counted.value})"
            facts.append(
                _Fact(f"ev{i}q{j}", "quantity", label, _spans(q.evidence, n), e.type.value, own)
            )
    for i, c in enumerate(summary.claims):
        facts.append(
            _Fact(
                f"cl{i}",
                "claim",
                c.statement,
                _spans(c.evidence, n),
                None,
                source_label(c.attribution),
            )
        )
    for i, a in enumerate(summary.actors):
        facts.append(_Fact(f"ac{i}", "actor", a.name, _spans(a.evidence, n)))
    return facts


def _segments(text: str, facts: list[_Fact]) -> str:
    """The article with each stretch covered by evidence as a ``<mark>``; overlapping spans
    are cut where any span starts or ends, so each mark lists every fact that covers it."""
    cuts = sorted({0, len(text)} | {b for f in facts for s in f.spans for b in s})
    out: list[str] = []
    index = 0
    for start, end in pairwise(cuts):
        covering = [f for f in facts if any(a <= start and end <= b for a, b in f.spans)]
        piece = article_text(text[start:end])
        if not covering:
            out.append(piece)
            continue
        for f in covering:
            f.marks.append(index)
        ids = " ".join(f.id for f in covering)
        depth = min(len(covering), 3)
        out.append(
            f'<mark id="m{index}" class="d{depth}" data-facts="{ids}" data-start="{start}" '
            f'data-end="{end}">{piece}</mark>'
        )
        index += 1
    return "".join(out)


def _link(fact: _Fact, body: str) -> str:
    attrs = f'class="fact" id="{fact.id}" data-kind="{h(fact.kind)}"'
    if fact.type is not None:
        attrs += f' data-type="{h(fact.type)}"'
    if fact.source is not None:
        attrs += f' data-source="{h(fact.source)}"'
    target = f' href="#m{fact.marks[0]}"' if fact.marks else ""
    return f"<li {attrs}><a{target}>{body}</a></li>"


def _says(attribution: Attribution | None) -> str:
    if attribution is None:
        return ""
    if attribution.outlet_asserts:
        return '<span class="says">the outlet</span>'
    return f'<span class="says">{h(attribution.how.value)} by {h(attribution.source)}</span>'


def _figure(q: Quantity) -> str:
    whom = f" {h(q.of_whom)}" if q.of_whom else ""
    return (
        f'<span class="tag">{h(q.counted.value)}</span> {h(q.text)}{whom} '
        f'<span class="num">= {h(bounds(q))}</span>'  # the bounds in words, unit included
    )


def _section(title: str, items: list[str], cls: str = "") -> str:
    if not items:
        return ""
    return f'<section class="{cls}"><h2>{h(title)}</h2><ul>{"".join(items)}</ul></section>'


def _panel(summary: StructuredSummary, facts: dict[str, _Fact]) -> str:
    parts = [
        _section(
            "Key points",
            [_link(facts[f"kp{i}"], h(p.text)) for i, p in enumerate(summary.key_points)],
        )
    ]
    events: list[str] = []
    for i, e in enumerate(summary.events):
        rows = [f'<span class="tag">{h(e.type.value)}</span> {h(e.description)}']
        if e.when is not None:
            rows.append(f'<span class="k">when</span> {h(when(e.when))}')
        if e.where is not None:
            country = f" ({h(e.where.country)})" if e.where.country else ""
            rows.append(f'<span class="k">where</span> {h(e.where.text)}{country}')
        if e.actors:
            who = "; ".join(f"{h(a.name)} ({h(a.role.value)})" for a in e.actors)
            rows.append(f'<span class="k">who</span> {who}')
        rows.append(
            f'<span class="k">certainty</span> {h(e.certainty.value)} {_says(e.attribution)}'
        )
        figures = "".join(
            _link(
                facts[f"ev{i}q{j}"],
                f'<span class="k">how many</span> {_figure(q)} {_says(q.attribution)}',
            )
            for j, q in enumerate(e.quantities)
        )
        body = "<br>".join(rows)
        event = _link(facts[f"ev{i}"], body)
        if figures:
            event = event[: -len("</li>")] + f'<ul class="figures">{figures}</ul></li>'
        events.append(event)
    parts.append(_section("Events", events))
    parts.append(
        _section(
            "Claims",
            [
                _link(
                    facts[f"cl{i}"],
                    f"{h(c.statement)} {_says(c.attribution)} "
                    f'<span class="k">{h(c.certainty.value)}</span>',
                )
                for i, c in enumerate(summary.claims)
            ],
        )
    )
    parts.append(
        _section(
            "Actors",
            [
                _link(
                    facts[f"ac{i}"],
                    f'{h(a.name)} <span class="tag">{h(a.kind.value)}</span>'
                    + (f" {h(a.description)}" if a.description else ""),
                )
                for i, a in enumerate(summary.actors)
            ],
        )
    )
    return "".join(parts)


def _filters(facts: list[_Fact]) -> str:
    def boxes(name: str, values: Iterable[str]) -> str:
        return "".join(
            f'<label><input type="checkbox" checked data-filter="{name}" value="{h(v)}"> '
            f"{h(v)}</label>"
            for v in sorted(set(values), key=str.casefold)
        )

    types = [f.type for f in facts if f.type is not None]
    sources = [f.source for f in facts if f.source is not None]
    if not types and not sources:
        return ""
    out = ['<section class="filters js-only"><h2>Filters</h2>']
    if types:
        out.append(f"<fieldset><legend>Event type</legend>{boxes('type', types)}</fieldset>")
    if sources:
        out.append(f"<fieldset><legend>Source</legend>{boxes('source', sources)}</fieldset>")
    out.append("</section>")
    return "".join(out)


def _dropped(summary: StructuredSummary) -> str:
    items = []
    for d in summary.diagnostics.dropped:
        value = f" <q>{h(d.value)}</q>" if d.value is not None else ""
        quotes = "".join(f"<blockquote>{h(q)}</blockquote>" for q in d.quotes)
        items.append(
            f'<li><span class="tag bad">not grounded</span> <code>{h(d.path)}</code>{value}: '
            f"{h(d.reason)}{quotes}</li>"
        )
    return _section("Not grounded (dropped)", items, "dropped")


def _metadata(summary: StructuredSummary) -> str:
    m, s = summary.metadata, summary.source
    g = m.grounding
    cost = "unknown" if m.usage.cost_usd is None else f"${m.usage.cost_usd:.4f}"
    rows: list[tuple[str, object]] = [
        ("model", m.model),
        ("provider", m.provider),
        ("mode", m.mode or "—"),
        ("prompt version", m.prompt_version),
        ("schema version", m.schema_version),
        ("tokens", f"{m.usage.prompt_tokens} in, {m.usage.completion_tokens} out, "
                   f"{m.usage.total_tokens} total"),
        ("cost", cost),
        ("requests", f"{m.attempts.requests} ({m.attempts.reasks} re-asks, "
                     f"{m.attempts.transport_retries} retries)"),
        ("latency", f"{m.latency_s:.2f} s"),
        ("chunks", m.chunks),
        ("quotes grounded", f"{g.quotes - g.dropped}/{g.quotes} ({g.exact} exact, "
                            f"{g.normalised} normalised, {g.fuzzy} fuzzy)"),
        ("fields grounded", f"{g.fields - g.fields_dropped}/{g.fields}"),
        ("title", s.title or "—"),
        ("url", s.url or "—"),
        ("site", s.site or "—"),
        ("published", s.published.isoformat() if s.published else "—"),
        ("language", s.language or "—"),
        ("encoding", s.encoding or "—"),
        ("extractor", s.extractor or "—"),
    ]  # fmt: skip
    rows += [("warning", w) for w in summary.diagnostics.warnings]
    body = "".join(f"<tr><th>{h(k)}</th><td>{h(v)}</td></tr>" for k, v in rows)
    return f'<section class="meta"><h2>Run</h2><table>{body}</table></section>'


def _embedded_json(data: object) -> str:
    """JSON that no HTML parser can end early or read as markup (see the module)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _sha256(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode()).digest()).decode() + "'"


def to_html(summary: StructuredSummary) -> str:
    facts = _facts(summary)
    article = _segments(summary.source.text, facts)
    by_id = {f.id: f for f in facts}
    data = {
        "facts": {
            f.id: {
                "marks": [f"m{i}" for i in f.marks],
                "label": f"{f.kind}: {' '.join(printable(f.label).split())}",
            }
            for f in facts
        }
    }
    m, g = summary.metadata, summary.metadata.grounding
    csp = (
        f"default-src 'none'; style-src {_sha256(_STYLE)}; script-src {_sha256(_SCRIPT)}; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )
    title = summary.source.title or summary.headline
    byline = (
        f"{h(m.model)} · {g.quotes - g.dropped}/{g.quotes} quotes grounded · "
        f"{len(summary.events)} events · {len(summary.diagnostics.dropped)} not grounded"
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{h(title)}</title>\n<style>{_STYLE}</style></head>\n"
        "<body>\n"
        f'<header><h1>{h(summary.headline)}</h1><p class="lede">{h(summary.lede)}</p>'
        f'<p class="byline">{byline}</p></header>\n'
        '<main><section class="article"><h2>Article</h2>'
        f'<div id="text" lang="{h(summary.source.language or "")}">{article}</div></section>\n'
        f'<aside class="facts">{_filters(facts)}{_panel(summary, by_id)}</aside></main>\n'
        f"<footer>{_dropped(summary)}{_metadata(summary)}</footer>\n"
        f'<script type="application/json" id="data">{_embedded_json(data)}</script>\n'
        f"<script>{_SCRIPT}</script>\n"
        "</body></html>\n"
    )


_STYLE = """
:root{--mark:#fff1a8;--mark2:#ffe066;--mark3:#ffc930;--lit:#9fd3ff;--ink:#1d1d1f;--dim:#666}
*{box-sizing:border-box}
body{font:15px/1.55 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--ink);margin:0;
background:#fafafa}
header,footer{padding:1rem 2rem;background:#fff;border-bottom:1px solid #ddd}
footer{border-top:1px solid #ddd;border-bottom:0}
h1{margin:.2rem 0;font-size:1.6rem}h2{font-size:1.05rem;margin:1rem 0 .4rem}
.lede{font-size:1.1rem;margin:.3rem 0}.byline{color:var(--dim);margin:.2rem 0}
main{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1.5rem;padding:0 2rem}
@media (max-width:900px){main{grid-template-columns:1fr}}
#text{white-space:pre-wrap;background:#fff;padding:1rem 1.2rem;border:1px solid #ddd;
border-radius:6px;font-size:1rem;line-height:1.7}
mark{background:var(--mark);border-radius:2px;color:inherit}
mark.d2{background:var(--mark2)}mark.d3{background:var(--mark3)}
mark.off{background:transparent}
mark.lit,mark.active{background:var(--lit);outline:2px solid #2b8ae0}
.facts ul{list-style:none;padding:0;margin:0}
.facts li.fact{background:#fff;border:1px solid #ddd;border-radius:6px;margin:.35rem 0;
padding:.4rem .6rem}
.facts li.fact a{color:inherit;text-decoration:none;display:block}
.facts a[href]{cursor:pointer}
.facts ul.figures li.fact{margin:.3rem 0 0 .8rem;border-style:dashed}
li.fact.lit,li.fact.active{border-color:#2b8ae0;box-shadow:0 0 0 2px var(--lit)}
li.fact.hidden{display:none}
.tag{font-size:.75rem;background:#eee;border-radius:3px;padding:0 .3rem;text-transform:uppercase}
.tag.bad{background:#ffd6d6;color:#8a0000}
.k{color:var(--dim);font-size:.85rem;margin-right:.25rem}.says{color:var(--dim)}
.num{color:var(--dim)}
fieldset{border:1px solid #ddd;border-radius:6px;margin:.3rem 0}
fieldset label{margin-right:.8rem;white-space:nowrap}
.js-only{display:none}.js .js-only{display:block}
table{border-collapse:collapse}th,td{text-align:left;padding:.15rem .8rem .15rem 0;
vertical-align:top}th{color:var(--dim);font-weight:normal}
blockquote{margin:.2rem 0 .2rem 1rem;color:var(--dim);white-space:pre-wrap}
"""

# Only textContent and classes are touched; every value read from the page is data.
_SCRIPT = """
"use strict";
(function () {
  document.documentElement.classList.add("js");
  var facts = JSON.parse(document.getElementById("data").textContent).facts;
  function marksOf(id) {
    return (facts[id] ? facts[id].marks : []).map(function (m) {
      return document.getElementById(m);
    });
  }
  function factsOf(mark) {
    return mark.getAttribute("data-facts").split(" ").map(function (f) {
      return document.getElementById(f);
    });
  }
  function light(elements, on) {
    elements.forEach(function (e) { if (e) { e.classList.toggle("lit", on); } });
  }
  document.querySelectorAll("mark[data-facts]").forEach(function (mark) {
    // The tooltip is set as an attribute value: text, whatever the model wrote.
    mark.setAttribute("title", mark.getAttribute("data-facts").split(" ").map(function (f) {
      return facts[f] ? facts[f].label : f;
    }).join("\\n"));
    mark.addEventListener("mouseenter", function () { light(factsOf(mark), true); });
    mark.addEventListener("mouseleave", function () { light(factsOf(mark), false); });
  });
  document.querySelectorAll("li.fact").forEach(function (li) {
    var link = li.querySelector("a");
    li.addEventListener("mouseenter", function () { light(marksOf(li.id), true); });
    li.addEventListener("mouseleave", function () { light(marksOf(li.id), false); });
    link.addEventListener("click", function (event) {
      event.preventDefault();
      event.stopPropagation();
      document.querySelectorAll(".active").forEach(function (e) { e.classList.remove("active"); });
      li.classList.add("active");
      var marks = marksOf(li.id);
      marks.forEach(function (m) { m.classList.add("active"); });
      if (marks.length) { marks[0].scrollIntoView({block: "center"}); }
    });
  });
  function apply() {
    var off = {type: {}, source: {}};
    document.querySelectorAll("input[data-filter]").forEach(function (box) {
      if (!box.checked) { off[box.getAttribute("data-filter")][box.value] = true; }
    });
    var hidden = {};
    document.querySelectorAll("li.fact").forEach(function (li) {
      var t = li.getAttribute("data-type"), s = li.getAttribute("data-source");
      var hide = (t !== null && off.type[t] === true) || (s !== null && off.source[s] === true) ||
        li.parentElement.closest("li.fact.hidden") !== null;  // inside a hidden event
      li.classList.toggle("hidden", hide);
      if (hide) { hidden[li.id] = true; }
    });
    document.querySelectorAll("mark[data-facts]").forEach(function (mark) {
      var ids = mark.getAttribute("data-facts").split(" ");
      mark.classList.toggle("off", ids.every(function (f) { return hidden[f] === true; }));
    });
  }
  document.querySelectorAll("input[data-filter]").forEach(function (box) {
    box.addEventListener("change", apply);
  });
})();
"""
