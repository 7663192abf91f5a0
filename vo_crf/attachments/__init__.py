"""Attached files of REDCap ``file`` fields: what a value names, and where the bytes live."""
