"""Output: a ``StructuredSummary`` rendered as JSON, Markdown or a terminal table, and written
to a file whole or not at all. Article and model text are data here, never markup.

``Format`` names the formats; importing this package loads no renderer.
"""

from typing import Literal, get_args

Format = Literal["json", "md", "table", "csv", "jsonl", "html"]
FORMATS: tuple[str, ...] = get_args(Format)
# `summarizer timeline` (summarizer.timeline): CSV has a row per event and source, HTML is a page.
TimelineFormat = Literal["json", "csv", "md", "html"]
