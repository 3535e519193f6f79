"""Running code from several threads at the same moment, each on its own database connection.

pytest-django keeps the SQLite test database in memory, where the connections of several
threads share one cache whose table locks do not wait. `shared_database` (a fixture in
tests/conftest.py) copies it to a file for the test, with the site's own SQLite options
(WAL, a busy timeout, immediate transactions), so threads contend as app servers do.
PostgreSQL's test database needs nothing.
"""

import sqlite3
import threading
from contextlib import contextmanager

from django.db import connections


@contextmanager
def file_copy_of_memory_database(folder, alias="default"):
    """Point `alias` at a file copy of its in-memory SQLite database, in every thread."""
    original = connections[alias]
    if original.vendor != "sqlite" or not original.is_in_memory_db():
        yield
        return
    original.ensure_connection()
    path = folder / f"{alias}.sqlite3"
    copy = sqlite3.connect(path)
    original.connection.backup(copy)
    copy.close()
    original_settings = connections.settings[alias]
    connections.settings[alias] = {**original_settings, "NAME": str(path)}
    connections[alias] = connections.create_connection(alias)
    try:
        yield
    finally:
        connections[alias].close()
        connections.settings[alias] = original_settings
        connections[alias] = original


def run_together(*calls):
    """Run each call in its own thread, all released at one moment; their results, in order.

    An exception in any thread is raised here once all have finished.
    """
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)
    errors = []

    def run(index, call):
        try:
            barrier.wait(timeout=30)
            results[index] = call()
        except BaseException as error:  # re-raised in the test's thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return results
