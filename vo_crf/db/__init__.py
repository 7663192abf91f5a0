"""Database access: engine factory, schema, migrations."""

from vo_crf.db.engine import make_engine, read_session, write_transaction
from vo_crf.db.migrate import upgrade_to_head

__all__ = ["make_engine", "read_session", "upgrade_to_head", "write_transaction"]
