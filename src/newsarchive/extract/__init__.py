"""Extraction: from a Message to Articles. Pure functions, no I/O."""

from __future__ import annotations

from newsarchive.extract.article import extract_article, extract_articles
from newsarchive.model import Article, Message


def extract(message: Message) -> list[Article]:
    """The articles one message carries: one, or one per piece of a digest, each with its
    own id and all pointing to the same source message."""
    return extract_articles(message)


__all__ = ["extract", "extract_article", "extract_articles"]
