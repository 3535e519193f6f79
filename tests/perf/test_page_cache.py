"""Anonymous readers share one cached copy of an article page; nothing personal enters it,
and what must differ per request (the CSRF token, the form's one-time key) does.
"""

import datetime
import re

import pytest
import time_machine
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import MessageEncoder
from django.test import Client

from articles import pagecache
from comments.remember import COOKIE_NAME
from comments.stamps import read_stamp
from tests.comments.factories import post_comment
from tests.comments.staff_helpers import make_comment, make_moderator
from tests.factories import ArticleFactory
from tests.form_data import form_data

pytestmark = pytest.mark.django_db

SHARED_PAGE_QUERIES = 1
# 1. the article with the versions its cached copy is keyed by (articles/cachekeys.py)

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
STAMP = re.compile(r'name="issued" value="([^"]+)"')


@pytest.fixture
def article():
    article = ArticleFactory(title="Evening walks and sleep")
    make_comment(article, body="A public comment about walking.")
    Client().get(article.get_absolute_url())  # creates the settings rows: versions settle
    return article


def anonymous_page(article, django_assert_num_queries=None):
    client = Client()
    if django_assert_num_queries is None:
        return client.get(article.get_absolute_url()).content.decode()
    with django_assert_num_queries(SHARED_PAGE_QUERIES):
        return client.get(article.get_absolute_url()).content.decode()


def test_anonymous_readers_are_served_the_shared_copy_in_one_query(
    article, django_assert_num_queries
):
    anonymous_page(article)

    html = anonymous_page(article, django_assert_num_queries)

    assert "A public comment about walking." in html
    assert pagecache.marker("csrf") not in html


def test_two_anonymous_readers_get_their_own_csrf_token_and_one_time_key(
    article, django_assert_num_queries
):
    anonymous_page(article)

    first = anonymous_page(article, django_assert_num_queries)
    second = anonymous_page(article, django_assert_num_queries)

    assert CSRF.search(first).group(1) != CSRF.search(second).group(1)
    stamps = [read_stamp(STAMP.search(html).group(1)) for html in (first, second)]
    assert all(stamp and stamp["article"] == article.pk for stamp in stamps)
    assert stamps[0]["key"] != stamps[1]["key"]
    for name in ("csrf", "comment-stamp"):
        assert pagecache.marker(name) not in first + second


def test_the_shared_copys_form_posts_without_javascript(article):
    """Read from the cached page as a browser would, the form stores a comment, and a second
    reader's form from the same copy stores another (its key is its own)."""
    now = datetime.datetime.now(tz=datetime.UTC)
    anonymous_page(article)
    readers = []
    with time_machine.travel(now, tick=False):
        for _reader in range(2):
            client = Client(enforce_csrf_checks=True)
            readers.append((client, client.get(article.get_absolute_url())))
    with time_machine.travel(now + datetime.timedelta(seconds=30), tick=False):
        for number, (client, page) in enumerate(readers):
            data = form_data(page.content.decode(), "comment-form", submit="submit")
            data |= {
                "name": f"Reader {number}",
                "email": f"reader{number}@example.org",
                "body": f"Reader {number}: a walk after dinner helps me sleep.",
            }
            answer = client.post(f"/articles/{article.slug}/comments/", data)
            assert answer.status_code == 303, answer.content.decode()[:2000]
    assert article.comments.count() == 3


def test_a_remembered_commenter_never_enters_the_shared_copy(article):
    client = Client()
    post_comment(client, article, name="Priya Private", email="priya@example.org", remember="on")
    assert client.cookies.get(COOKIE_NAME)
    remembered = Client()
    remembered.cookies[COOKIE_NAME] = client.cookies[COOKIE_NAME].value

    own = remembered.get(article.get_absolute_url()).content.decode()
    shared = anonymous_page(article)

    assert "Priya Private" in own and "priya@example.org" in own
    assert "Priya Private" not in shared and "priya@example.org" not in shared


def test_a_pending_comment_of_ones_own_never_enters_the_shared_copy(article):
    author = Client()
    post_comment(author, article, body="My own comment, awaiting moderation.")

    own = author.get(article.get_absolute_url()).content.decode()
    shared = anonymous_page(article)
    again = anonymous_page(article)

    assert "My own comment, awaiting moderation." in own
    assert "My own comment" not in shared + again
    assert "awaiting moderation" not in shared + again


def test_staff_pages_never_enter_the_shared_copy(article):
    make_comment(article, body="Pending words for moderators.", status="pending")
    staff = Client()
    staff.force_login(make_moderator())

    own = staff.get(article.get_absolute_url()).content.decode()
    shared = anonymous_page(article)

    assert "Pending words for moderators." in own
    assert 'data-moderate="approve"' in own
    assert "Pending words" not in shared and "data-moderate" not in shared


def test_messages_never_enter_the_shared_copy(article, client):
    """A message waiting in a reader's session shows to them alone."""
    client.get(article.get_absolute_url())
    session = client.session
    session["_messages"] = MessageEncoder().encode(
        [Message(constants.SUCCESS, "A message for one reader.")]
    )
    session.save()

    own = client.get(article.get_absolute_url()).content.decode()
    shared = anonymous_page(article)

    assert "A message for one reader." in own
    assert "A message for one reader." not in shared


def test_a_change_to_the_discussion_shows_on_the_next_shared_copy(article):
    anonymous_page(article)
    make_comment(article, body="A newer public comment.")

    assert "A newer public comment." in anonymous_page(article)


SESSION_READER_QUERIES = 5
# 1. the session; 2. the article with its versions; 3. its tags; 4. its sources; 5. the
#    categories of the site's menu (never kept apart: tests/perf/test_queries.py). The thread,
#    the related posts and the comment form come from copies cached under those versions.


def test_a_reader_with_a_session_gets_the_cached_parts(article, client, django_assert_num_queries):
    session = client.session
    session["seen"] = True
    session.save()
    client.get(article.get_absolute_url())

    with django_assert_num_queries(SESSION_READER_QUERIES) as context:
        html = client.get(article.get_absolute_url()).content.decode()

    assert not [q for q in context.captured_queries if 'FROM "comments_comment"' in q["sql"]]
    assert "A public comment about walking." in html
    assert STAMP.search(html) and CSRF.search(html)
