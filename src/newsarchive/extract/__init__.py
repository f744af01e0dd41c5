"""Extraction: from a Message to Articles. Pure functions, no I/O."""

from __future__ import annotations

from newsarchive.extract.article import extract_article
from newsarchive.model import Article, Message


def extract(message: Message) -> list[Article]:
    """The articles one message carries (one today; digests will give several)."""
    return [extract_article(message)]


__all__ = ["extract", "extract_article"]
