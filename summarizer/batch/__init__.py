"""Batches: many articles, concurrently, each result kept the moment it is made.

``items`` reads the inputs (files, folders, globs, records) as items with stable ids;
``results`` is the results file (append, flush, resume); ``run`` is the engine; ``report``
the progress bar and the closing table of the command line.
"""

# Articles in flight at once, unless told otherwise (here so that the command line's --help
# reads it without importing the engine).
DEFAULT_CONCURRENCY = 8
