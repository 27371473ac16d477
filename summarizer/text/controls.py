"""Terminal escape sequences, as text may carry them (copied from a terminal, or planted).

One grammar for the two places that remove them: the cleaner (``input.clean``), which takes
them out of an article before anything indexes it, and the terminal views
(``output.terminal``), which never print one from a model's answer either. Removing a whole
sequence, payload included, leaves what it showed: an OSC 8 hyperlink its words, not its
target; a colour nothing.
"""

from __future__ import annotations

import re

_CSI = r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]"  # colours, cursor moves
_STRING = r"(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)"  # OSC…
_SHORT = r"\x1b[\x20-\x2f]*[\x30-\x7e]"  # ESC 7, ESC ( B, ESC c

# CSI and string sequences: unmistakable, so the cleaner removes them from articles whole.
CONTROL_SEQUENCE = re.compile(f"{_CSI}|{_STRING}")
# Those and the short ESC ones, which a terminal obeys too: nothing printed may hold any. (In
# an article a lone ESC before "4" is more likely junk than a sequence; the cleaner drops the
# ESC alone there.)
ESCAPE_SEQUENCE = re.compile(f"{_CSI}|{_STRING}|{_SHORT}")
