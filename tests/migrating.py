"""Data migrations tested on a database at the state before them."""

from contextlib import contextmanager

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


@contextmanager
def migrated_back_to(targets):
    """The database migrated back to `targets` ([(app, migration)]), as the executor that did
    it; afterwards every app back at its latest state, for the tests that follow."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    try:
        yield executor
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
