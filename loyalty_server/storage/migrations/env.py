"""Alembic's environment: run on the connection :func:`loyalty_server.storage.migrate.upgrade` passes in.

``alembic`` on the command line works too (``-x db=PATH_OR_URL``), for a database administrator who
wants to look before the server does it at start-up.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from loyalty_server.db import engine_url
from loyalty_server.storage.schema import metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
    )
    with context.begin_transaction():
        context.run_migrations()


def _main() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    from loyalty_server.db import Database

    db = Database(engine_url(context.get_x_argument(as_dictionary=True)["db"]), migrate=False)
    with db.engine.connect() as conn:
        _run(conn)
    db.dispose()


_main()
