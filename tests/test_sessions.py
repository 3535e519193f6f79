"""New sessions are stored without first looking their key up (healthsite/sessions.py)."""

import pytest
from asgiref.sync import async_to_sync
from django.contrib.sessions.middleware import SessionMiddleware
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext

from healthsite import sessions
from healthsite.sessions import SessionStore

pytestmark = pytest.mark.django_db


def test_a_new_session_is_inserted_without_a_lookup_first():
    store = SessionStore()
    store["awaiting"] = [7]
    with CaptureQueriesContext(connection) as queries:
        store.save()

    statements = [query["sql"].split()[0].upper() for query in queries.captured_queries]
    assert "SELECT" not in statements
    assert statements.count("INSERT") == 1
    assert SessionStore(store.session_key)["awaiting"] == [7]


def test_a_new_session_is_inserted_without_a_lookup_first_when_saved_asynchronously():
    store = SessionStore()

    async def save():
        await store.aset("awaiting", [7])
        await store.asave()

    with CaptureQueriesContext(connection) as queries:
        async_to_sync(save)()

    statements = [query["sql"].split()[0].upper() for query in queries.captured_queries]
    assert "SELECT" not in statements
    assert statements.count("INSERT") == 1
    assert SessionStore(store.session_key)["awaiting"] == [7]


def test_a_key_already_taken_is_never_reused(monkeypatch):
    """The primary key refuses a drawn key that is taken; another is drawn, and the session
    that held it keeps its data."""
    first = SessionStore()
    first["awaiting"] = [1]
    first.save()
    drawn = iter([first.session_key, "k" * sessions.SESSION_KEY_LENGTH])
    monkeypatch.setattr(sessions, "get_random_string", lambda *args: next(drawn))

    second = SessionStore()
    second["awaiting"] = [2]
    second.save()

    assert second.session_key == "k" * sessions.SESSION_KEY_LENGTH
    assert SessionStore(first.session_key)["awaiting"] == [1]
    assert SessionStore(second.session_key)["awaiting"] == [2]
    assert (
        Session.objects.filter(session_key__in=[first.session_key, second.session_key]).count()
        == 2
    )


def test_the_site_uses_this_session_store():
    assert SessionMiddleware(lambda request: None).SessionStore is SessionStore
