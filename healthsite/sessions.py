"""Django's database sessions, less one query for each new session.

Django looks a new random key up before inserting it. The insert itself is made with
`must_create`, so the table's primary key refuses a key already taken and `create()` draws
another: the lookup adds nothing but a round trip to every first comment and every login.
"""

from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.utils.crypto import get_random_string

SESSION_KEY_LENGTH = 32


class SessionStore(DatabaseSessionStore):
    def _get_new_session_key(self):
        return get_random_string(SESSION_KEY_LENGTH, VALID_KEY_CHARS)

    async def _aget_new_session_key(self):
        return self._get_new_session_key()
