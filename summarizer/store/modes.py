"""The structured-output mode each server answered in, remembered between runs.

A server that refused the mode asked for (llama.cpp's server answers ``json_schema`` with a
500, a tool-less server refuses ``tools``) was fallen back from once; the mode that worked is
kept here, per base URL (without credentials), so that the next run asks in it at once. A JSON
file in the cache folder (``modes.json``): it may be deleted at any time, and a file that
cannot be read or written is ignored, since all it saves is one refused request.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from summarizer.secrets import strip_credentials
from summarizer.store.paths import cache_dir

MODES_FILE = "modes.json"


class ModesFile:
    """``providers.base.ModeMemory`` over ``cache_dir() / "modes.json"``."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or cache_dir() / MODES_FILE

    def get(self, base_url: str) -> str | None:
        mode = self._read().get(strip_credentials(base_url) or base_url)
        return mode if isinstance(mode, str) else None

    def put(self, base_url: str, mode: str) -> None:
        known = self._read()
        known[strip_credentials(base_url) or base_url] = mode
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".modes.", suffix=".part")
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(known, out, indent=1, sort_keys=True)
            os.replace(tmp, self.path)
        except OSError:
            return  # a read-only cache folder: the next run just falls back again

    def _read(self) -> dict[str, object]:
        try:
            known = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return known if isinstance(known, dict) else {}
