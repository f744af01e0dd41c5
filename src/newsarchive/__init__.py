"""newsarchive: a searchable, exportable archive of news forwarded to mailing lists."""

__version__ = "0.1.0"
