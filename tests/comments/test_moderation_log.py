"""The moderation log as moderators see it: on each comment's admin page the last 10
decisions (when, who, what, from which status to which), written by the verbs whatever
called them: the queue's actions, the change form, the reply page, the privacy commands."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from comments import verbs
from comments.models import Comment, ModerationLog
from tests.factories import ArticleFactory
from tests.markup import parse

from .staff_helpers import change_url, make_comment, make_moderator, reply_url, run_action

pytestmark = pytest.mark.django_db

Status = Comment.Status
Action = ModerationLog.Action


@pytest.fixture
def article():
    return ArticleFactory(title="Tea before bed")


def log_rows(response):
    table = parse(response).one("table", class_="moderation-log")
    return [[cell.text.strip() for cell in row.find_all("td")] for row in table.find_all("tr")[1:]]


def test_the_change_page_shows_the_last_ten_decisions_newest_first(
    moderator_client, moderator, article
):
    comment = make_comment(article, status=Status.PENDING)
    other = make_moderator(first_name="Sam", last_name="Second")
    for _ in range(6):
        verbs.approve(comments=[comment], by=moderator)
        verbs.remove(comments=[comment], by=other)

    rows = log_rows(moderator_client.get(change_url(comment)))

    assert len(rows) == 10
    assert rows[0][1:4] == ["Sam Second", "removed", "Approved → Removed"]
    assert rows[1][1:4] == ["Mo Derator", "approved", "Removed → Approved"]


def test_a_decision_made_by_a_command_says_so(moderator_client, article):
    comment = make_comment(article, author_email="ann@example.org")

    call_command("erase_commenter", "ann@example.org", "--noinput", stdout=None)

    [row] = log_rows(moderator_client.get(change_url(comment)))
    assert row[1:4] == ["a command", "erased the commenter's data", "Approved → Approved"]


def test_a_comment_without_decisions_says_so(moderator_client, article):
    page = parse(moderator_client.get(change_url(make_comment(article))))

    assert "No moderation decision yet." in page.one(class_="field-moderation_history").text


def test_queue_actions_are_logged(moderator_client, moderator, article):
    comments = [make_comment(article, status=Status.PENDING) for _ in range(2)]

    run_action(moderator_client, "approve", comments)
    run_action(moderator_client, "block_commenter", comments[:1])

    log = list(ModerationLog.objects.order_by("pk").values_list("comment", "action", "actor"))
    assert log == [
        (comments[0].pk, Action.APPROVE, moderator.pk),
        (comments[1].pk, Action.APPROVE, moderator.pk),
        (comments[0].pk, Action.BLOCK, moderator.pk),
    ]


def test_the_change_form_edits_and_moderates_through_the_verbs(
    moderator_client, moderator, article
):
    comment = make_comment(article, status=Status.PENDING)

    response = moderator_client.post(
        change_url(comment),
        {
            "status": Status.APPROVED,
            "body": "Rewritten by a moderator.",
            "author_name": "Robin R.",
            "author_email": comment.author_email,
            "author_url": "",
        },
    )

    assert response.status_code == 302
    stored = Comment.objects.get(pk=comment.pk)
    assert (stored.status, stored.author_name) == (Status.APPROVED, "Robin R.")
    assert stored.body_html == "<p>Rewritten by a moderator.</p>"
    log = list(ModerationLog.objects.order_by("pk").values_list("action", "note", "to_status"))
    assert log == [
        (Action.EDIT, "changed: comment, name", Status.PENDING),
        (Action.APPROVE, "", Status.APPROVED),
    ]


def test_a_reply_from_the_reply_page_is_logged_on_the_reply_and_the_approved_parent(
    moderator_client, moderator, article
):
    parent = make_comment(article, status=Status.PENDING)

    moderator_client.post(reply_url(parent), {"body": "We will add a source."})

    reply = Comment.objects.get(parent=parent)
    assert list(ModerationLog.objects.order_by("pk").values_list("comment", "action")) == [
        (parent.pk, Action.APPROVE),
        (reply.pk, Action.REPLY),
    ]


def test_the_log_is_read_in_one_query_whatever_its_length(
    moderator_client, moderator, article, django_assert_max_num_queries
):
    """A page with 40 decisions (10 shown, each with its moderator) costs no more queries than
    a page with none."""
    quiet = make_comment(article)
    busy = make_comment(article, status=Status.PENDING)
    ModerationLog.objects.bulk_create(
        ModerationLog(
            comment=busy,
            action=Action.APPROVE,
            actor=make_moderator() if n % 2 else moderator,
            at=timezone.now() - timedelta(minutes=n),
            from_status=Status.PENDING,
            to_status=Status.APPROVED,
        )
        for n in range(40)
    )
    moderator_client.get(change_url(quiet))  # warm up
    with django_assert_max_num_queries(30) as without_log:
        moderator_client.get(change_url(quiet))

    with django_assert_max_num_queries(len(without_log.captured_queries)):
        response = moderator_client.get(change_url(busy))

    assert len(log_rows(response)) == 10
