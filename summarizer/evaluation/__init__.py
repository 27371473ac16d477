"""Evaluation against third-party annotated sets, read in place (never copied into the repo)."""
