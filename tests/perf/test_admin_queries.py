"""The moderation queue costs a fixed number of SQL queries, with 30 comments or 100,000.

Each view is requested once to warm up (the session's first use, cached settings), then
measured. The budgets are exact: a new query must be a decision, written down here.
"""

import random
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from comments import threads
from comments.models import Comment
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

LARGE = 100_000
QUEUE_URL = "/admin/comments/comment/"

QUEUE_QUERIES = 8
# 1. the session
# 2. the moderator's account
# 3. the moderator's own permissions           } has_perm("comments.moderate_comment"),
# 4. the permissions of the moderator's groups } cached on the user for the request
# 5. the article filter's choices: articles with comments (one query, a DISTINCT subquery)
# 6. COUNT of the comments the filters and search select (the paginator; no full count)
# 7. the page's 50 comments with their article (select_related)
# 8. the approved-comment count of the page's commenters, in one GROUP BY

VIEWS = {
    "pending (default)": {},
    "all": {"status": "all"},
    "search": {"status": "all", "q": "reader7"},
    "article filter": {"status": "all", "article__id__exact": None},
}


def moderator_client():
    user = UserFactory(username="queue-moderator", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    client = Client()
    client.force_login(user)
    return client


def build(count, *, articles=4, seed=1):
    """`count` comments across a few articles, in every status, written with bulk_create."""
    rng = random.Random(seed)
    pages = [ArticleFactory() for _index in range(articles)]
    now = timezone.now()
    statuses = [Comment.Status.APPROVED] * 6 + [
        Comment.Status.PENDING,
        Comment.Status.PENDING,
        Comment.Status.SPAM,
        Comment.Status.REMOVED,
    ]
    comments = [
        Comment(
            pk=pk,
            article=pages[pk % articles],
            path=threads.segment(pk),
            depth=1,
            author_name=f"Reader {pk % 500}",
            author_email=f"reader{pk % 500}@example.org",
            body=f"Comment {pk}: an early night and a walk in the morning light.",
            body_html=f"<p>Comment {pk}: an early night and a walk in the morning light.</p>",
            status=rng.choice(statuses),
            moderation_reasons=["every comment is held for moderation"],
            ip_address=f"198.51.{pk // 250 % 256}.{pk % 250}",
            user_agent="Mozilla/5.0",
            created_at=now - timedelta(minutes=pk),
        )
        for pk in range(1, count + 1)
    ]
    Comment.objects.bulk_create(comments, batch_size=5000)
    return pages


def measure(client, pages, django_assert_num_queries):
    """{view: (queries, rows listed)}, each view's queries asserted to be QUEUE_QUERIES."""
    measured = {}
    for name, params in VIEWS.items():
        params = {key: (pages[1].pk if value is None else value) for key, value in params.items()}
        client.get(QUEUE_URL, params)  # warm up
        with django_assert_num_queries(QUEUE_QUERIES) as captured:
            response = client.get(QUEUE_URL, params)
        assert response.status_code == 200
        rows = response.content.decode().count('name="_selected_action"')
        measured[name] = (len(captured.captured_queries), rows)
    return measured


def test_queue_queries_with_a_small_discussion(django_assert_num_queries):
    pages = build(30)

    measured = measure(moderator_client(), pages, django_assert_num_queries)

    assert {name: queries for name, (queries, _rows) in measured.items()} == dict.fromkeys(
        VIEWS, QUEUE_QUERIES
    )
    assert all(rows for _queries, rows in measured.values())


@pytest.mark.slow  # about 7 s on SQLite: CI runs it once, on PostgreSQL
def test_queue_queries_with_100000_comments(django_assert_num_queries):
    pages = build(LARGE)

    measured = measure(moderator_client(), pages, django_assert_num_queries)

    assert measured == dict.fromkeys(VIEWS, (QUEUE_QUERIES, 50))
