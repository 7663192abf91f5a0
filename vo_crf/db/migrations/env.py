"""Alembic environment: runs migrations on the engine passed in by vo_crf.db.migrate."""

from alembic import context

from vo_crf.db.models import Base

config = context.config
engine = config.attributes["engine"]

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        transactional_ddl=True,
    )
    context.run_migrations()
