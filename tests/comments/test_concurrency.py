"""The same thing done twice at the same moment, from threads on their own database
connections (SQLite as a file, or PostgreSQL with DATABASE_URL): one form sent twice stores
one comment; approvals of the same comments count each change once."""

from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from comments import notifications, verbs
from comments.models import Comment
from tests.concurrency import run_together
from tests.factories import ArticleFactory, UserFactory

from .factories import comment_form_data

pytestmark = pytest.mark.django_db(transaction=True)

PAIRS = 50
COMMENTS = 500
MODERATORS = 4


def test_the_same_form_sent_twice_at_once_stores_one_comment(shared_database):
    """50 double submissions, each pair released at one moment: 50 comments, and both
    answers of a pair send the reader to the same place."""
    article = ArticleFactory()
    url = reverse("comments:post", kwargs={"slug": article.slug})
    answers = []
    for pair in range(PAIRS):
        data = comment_form_data(article, body=f"Double click number {pair}, sent twice.")
        ip = f"198.51.100.{pair + 1}"
        answers.append(
            run_together(
                lambda data=data, ip=ip: Client().post(url, data, REMOTE_ADDR=ip),
                lambda data=data, ip=ip: Client().post(url, data, REMOTE_ADDR=ip),
            )
        )

    stored_twice = sum(
        Comment.objects.filter(body=f"Double click number {pair}, sent twice.").count() > 1
        for pair in range(PAIRS)
    )
    assert stored_twice == 0
    assert Comment.objects.count() == PAIRS
    assert all(first.status_code == second.status_code == 303 for first, second in answers)
    assert all(first["Location"] == second["Location"] for first, second in answers)


def test_concurrent_approvals_count_each_comment_once(shared_database):
    """Four moderators approve the same 500 comments at once: together they report 500, and
    each one's emails go for exactly the comments its approval changed."""
    article = ArticleFactory()
    Comment.objects.bulk_create(
        Comment(
            article=article,
            author_name=f"Reader {number}",
            author_email=f"reader{number}@example.org",
            body=f"Held comment {number}.",
            status=Comment.Status.PENDING,
            notify=True,
        )
        for number in range(COMMENTS)
    )
    moderators = [UserFactory(is_staff=True) for _ in range(MODERATORS)]
    announced = []
    real_announce = notifications.comments_became_public

    def announce(comments, **kwargs):
        announced.append([comment.pk for comment in comments])
        return real_announce(comments, **kwargs)

    def approve_all(moderator):
        return verbs.approve(comments=Comment.objects.filter(article=article), by=moderator).count

    with mock.patch.object(notifications, "comments_became_public", announce):
        reported = run_together(*(lambda m=m: approve_all(m) for m in moderators))

    assert sum(reported) == COMMENTS
    assert Comment.objects.filter(status=Comment.Status.APPROVED).count() == COMMENTS
    announced_pks = [pk for pks in announced for pk in pks]
    assert sorted(announced_pks) == sorted(Comment.objects.values_list("pk", flat=True))
    assert sorted(len(pks) for pks in announced if pks) == sorted(n for n in reported if n)
