"""vo-crf: offline electronic case-report forms (the Qt-free core)."""

__version__ = "0.1.0"
