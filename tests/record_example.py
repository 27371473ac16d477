"""Re-record the cassette of ``examples/test_with_cassettes.py`` against the loopback server
with the answer we wrote for the article: ``python -m tests.record_example``."""

from __future__ import annotations

from tests.test_replay_plugin import record_example

if __name__ == "__main__":
    record_example()
