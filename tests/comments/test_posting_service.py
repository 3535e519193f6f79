"""The posting service called with plain data, as an importer, a command or the staff reply
verb calls it: no form, no request. The one policy still decides; the reply rule and the
one-time key still hold."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from comments.models import Comment, ModerationLog
from comments.moderation import Outcome
from comments.posting import CommentFields, comment_post
from comments.stamps import issue_stamp
from tests.factories import ArticleFactory, StaffFactory

from .staff_helpers import discussion_settings, make_comment, make_moderator

pytestmark = pytest.mark.django_db

Status = Comment.Status
IP = "198.51.100.30"


@pytest.fixture
def article():
    return ArticleFactory(title="Cold water swimming")


def post(article, **overrides):
    values = {
        "article": article,
        "fields": {
            "name": "  Lee   Marsh ",
            "email": " Lee@Example.org ",
            "body": "Is it safe with a heart condition?",
        },
        "client_ip": IP,
        "user_agent": "Importer/1.0",
    }
    values.update(overrides)
    return comment_post(**values)


def test_plain_data_is_stored_cleaned_sanitised_and_decided_by_the_policy(article):
    posted = post(article)

    comment = posted.comment
    assert posted.decision.outcome == Outcome.STORE
    assert (comment.author_name, comment.author_email) == ("Lee Marsh", "lee@example.org")
    assert comment.body_html == "<p>Is it safe with a heart condition?</p>"
    assert comment.status == Status.PENDING
    assert comment.moderation_reasons == ["every comment is held for moderation"]
    assert (comment.ip_address, comment.user_agent) == (IP, "Importer/1.0")


def test_fields_can_be_a_dataclass_and_a_parent_an_id(article):
    parent = make_comment(article)

    posted = post(
        article,
        fields=CommentFields(
            name="Lee", email="lee@example.org", body="Thanks!", parent=str(parent.pk)
        ),
    )

    assert posted.comment.parent_id == parent.pk
    assert posted.comment.depth == 2


@pytest.mark.parametrize(
    ("parent_status", "message"),
    [(Status.PENDING, "not available"), (Status.REMOVED, "not available")],
)
def test_a_reply_to_a_comment_that_is_not_public_is_refused(article, parent_status, message):
    parent = make_comment(article, status=parent_status)

    posted = post(
        article,
        fields={"name": "Lee", "email": "l@example.org", "body": "Hi there", "parent": parent.pk},
    )

    assert posted.decision.outcome == Outcome.REJECT
    assert message in posted.decision.message
    assert posted.comment is None
    assert Comment.objects.count() == 1


def test_a_reply_to_another_articles_comment_or_too_deep_is_refused(article):
    elsewhere = make_comment(ArticleFactory())
    discussion_settings(max_depth=1)
    here = make_comment(article)

    for parent in (elsewhere, here, elsewhere.pk):
        posted = post(
            article,
            fields={"name": "Lee", "email": "l@example.org", "body": "A reply", "parent": parent},
        )
        assert posted.decision.outcome == Outcome.REJECT
    assert Comment.objects.count() == 2


def test_without_a_form_the_form_checks_and_the_rate_limit_do_not_apply(article):
    """An importer posts many comments at once from one address, with no form stamp."""
    discussion_settings(rate_limit_per_minute=1)

    outcomes = [
        post(
            article,
            fields={"name": "Lee", "email": "l@example.org", "body": f"Imported {n}"},
        ).decision.outcome
        for n in range(3)
    ]

    assert outcomes == [Outcome.STORE] * 3


def test_with_a_form_stamp_the_form_checks_apply(article):
    too_fast = post(article, form_stamp=issue_stamp(article))
    missing = post(article, form_stamp="")
    honeypot = post(article, form_stamp=issue_stamp(article, issued_at=0), honeypot="x")

    assert [too_fast.decision.reasons, missing.decision.reasons, honeypot.decision.reasons] == [
        ["too fast"],
        ["expired form"],
        ["honeypot"],
    ]
    assert not Comment.objects.exists()


def test_a_submission_key_stores_one_comment_however_often_it_is_sent(article):
    first = post(article, submission_key="wp-1234")
    again = post(article, submission_key="wp-1234")

    assert again.decision.outcome == Outcome.ALREADY_POSTED
    assert again.comment == first.comment
    assert Comment.objects.count() == 1


def test_a_stamp_and_a_key_together_are_a_mistake(article):
    with pytest.raises(ValueError, match="not both"):
        post(article, form_stamp=issue_stamp(article), submission_key="wp-1")


def test_posted_at_keeps_the_original_date(article):
    written = timezone.now() - timedelta(days=400)

    assert post(article, posted_at=written).comment.created_at == written


def test_a_bad_field_raises_and_stores_nothing(article):
    with pytest.raises(ValidationError):
        post(article, fields={"name": "Lee", "email": "not an email", "body": "Hello"})

    assert not Comment.objects.exists()


def test_send_emails_false_tells_nobody(article, mailoutbox, on_commit):
    make_moderator(email="mo@example.org")
    with on_commit():
        post(article, send_emails=False)
        post(article, fields={"name": "Ann", "email": "a@example.org", "body": "Another"})

    assert len(mailoutbox) == 1


def test_a_staff_account_posts_a_staff_reply_under_its_public_name_and_logs_it(article):
    staff = StaffFactory(username="jdoe", first_name="Jane", last_name="Doe")

    posted = post(article, user=staff, fields={"body": "We answer this in the article."})

    comment = posted.comment
    assert comment.is_staff_reply and comment.status == Status.APPROVED
    assert (comment.author_name, comment.author_email) == ("Jane Doe", staff.email)
    [entry] = ModerationLog.objects.all()
    assert (entry.comment, entry.action, entry.actor) == (comment, "reply", staff)
