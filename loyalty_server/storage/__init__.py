"""The database's shape: the SQLAlchemy schema and the Alembic migrations that make a database match it."""
