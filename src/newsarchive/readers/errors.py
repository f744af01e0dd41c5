"""The two ways a file can fail to give messages; the reason is shown to the user."""

from __future__ import annotations


class ReadError(Exception):
    """A file that should be a dump and cannot be read: the reason is for the user."""


class NotADump(ReadError):
    """A file that is plainly something else (JSON, an image): skipped, not failed."""
