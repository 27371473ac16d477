"""What summarizer keeps between runs: the cache of summaries and the run log (SQLite).

Standard-library ``sqlite3`` and ``platformdirs`` only; no SDK. ``paths`` says where the files
live, ``cache`` keeps summaries by content, ``runlog`` records every run and article.
"""
