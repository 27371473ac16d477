"""Helpers for writing word lists and turning them into regular expressions."""

from __future__ import annotations

import re
from collections.abc import Iterable


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``: how word lists are written."""
    return frozenset(text.split())


def alternation(phrases: Iterable[str], *, space: str = r"\s+") -> str:
    """A regex alternation of ``phrases``, longest first ("sixteen" before "six"), each escaped,
    with the spaces inside a phrase matching ``space``."""
    unique = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(space.join(re.escape(part) for part in p.split(" ")) for p in unique)


# Words that turn a statement round: a quote that differs in one of them says the opposite.
NEGATIONS = words("not no never nor none neither without cannot nobody nothing")

# Words that stand for a name without being one: never an actor or a source by themselves.
PRONOUNS = words(
    "i me my we us our you your he him his she her it its they them their who whom whose "
    "which that this these those one ones someone anyone everyone nobody none "
    "myself yourself himself herself itself ourselves themselves"
)
# Of those, the ones that stand for a person or group even at the head of a longer phrase:
# "he said", "they all", "himself" name nobody ("its shares", "her ministry" do name something).
PERSONAL_PRONOUNS = words(
    "i me we us you he him she it they them who whom someone anyone everyone nobody "
    "myself yourself himself herself itself ourselves themselves"
)
# Words that name nothing on their own.
FUNCTION_WORDS = words("the a an in on at of to and or for by with from during said says s")

# Modal auxiliaries: what follows them may be, not is ("could strike", "would insist").
MODALS = words("will would could can may might must should shall cannot")
# Determiners, by kind: the words that open a noun phrase ("the proposed bill").
ARTICLES = words("the a an")
DEMONSTRATIVES = words("this that these those")
POSSESSIVES = words("his her their its our my your")
DETERMINERS = ARTICLES | DEMONSTRATIVES | POSSESSIVES
