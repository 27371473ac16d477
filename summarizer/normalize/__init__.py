"""Normalising what was copied from an article: number words into bounds (``quantities``) and
time words into dates against the publication date (``dates``). Code does this arithmetic,
never the model."""
