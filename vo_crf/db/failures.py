"""Turning low-level database failures into messages a research nurse can act on."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError, SQLAlchemyError

_KNOWN = (
    ("database is locked", "the study database is busy: another program or user is writing to "
                           "it. Wait a moment and try again; nothing was saved."),
    ("readonly database", "the study database is read-only (file permissions or read-only "
                          "media): nothing was saved. Copy it to a writable folder."),
    ("attempt to write a readonly", "the study database is read-only: nothing was saved."),
    ("database or disk is full", "the disk is full: nothing was saved. Free some space and "
                                 "save again."),
    ("disk i/o error", "the disk could not be written (I/O error): nothing was saved. Check the "
                       "drive and restore from the latest backup if the problem persists."),
    ("file is not a database", "the file is not a vo-crf database or it is damaged: restore it "
                               "from the latest backup."),
    ("database disk image is malformed", "the study database is damaged: restore it from the "
                                         "latest backup."),
    ("unable to open database file", "the study database cannot be opened (missing folder or no "
                                     "permission)."),
    ("could not connect to server", "the database server cannot be reached: check the network "
                                    "and the server address."),
    ("connection refused", "the database server refused the connection: is it running?"),
)


def describe_database_error(error: SQLAlchemyError) -> str:
    """Return a clear, actionable message for a database failure."""
    detail = str(error.orig if isinstance(error, DBAPIError) else error).lower()
    for marker, message in _KNOWN:
        if marker in detail:
            return message
    first_line = str(error).splitlines()[0] if str(error) else type(error).__name__
    return f"database error: {first_line}"
