"""Output: a ``StructuredSummary`` rendered as JSON, Markdown or a terminal table, and written
to a file whole or not at all. Article and model text are data here, never markup.

``Format`` names the formats; importing this package loads no renderer.
"""

from typing import Literal, get_args

Format = Literal["json", "md", "table", "html"]
FORMATS: tuple[str, ...] = get_args(Format)
