"""Who is emailed about a comment, and when: after commit, through the Tasks API, once.

- moderators, for each comment held for moderation (switchable);
- a commenter who ticked "notify": when their held comment is approved, and when a reply to
  their comment becomes public; with a signed one-click unsubscribe link that needs no account.
"""

from unittest import mock

import pytest
from django.db import transaction
from django_tasks import default_task_backend

from comments import tasks
from comments.models import Comment
from tests.factories import ArticleFactory, StaffFactory

from .staff_helpers import (
    QUEUE_URL,
    client_for,
    discussion_settings,
    html_of,
    make_comment,
    make_moderator,
    make_superuser,
    post_comment,
    reply_url,
    run_action,
    unsubscribe_path,
)

pytestmark = pytest.mark.django_db

Status = Comment.Status
DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def article():
    return ArticleFactory(title="Why we wake at 3 a.m.")


def everything_in(message):
    """Subject, headers and both bodies of an email, as one text."""
    headers = " ".join(f"{name}: {value}" for name, value in message.extra_headers.items())
    return " ".join(
        [
            message.subject,
            message.from_email,
            *message.to,
            *message.reply_to,
            headers,
            message.body,
            html_of(message),
        ]
    )


# Moderators: one email for each held comment.


def test_moderators_get_one_email_for_each_held_comment(client, article, mailoutbox, on_commit):
    make_moderator(email="mo@example.org")
    make_superuser(email="boss@example.org")
    make_moderator(email="")  # no address to write to
    make_moderator(email="gone@example.org", is_active=False)
    StaffFactory(email="editor@example.org")  # an editor does not moderate
    with on_commit():
        post_comment(client, article, body="Magnesium before bed helped me stay asleep.")

    comment = Comment.objects.get()
    # One email to each moderator: none sees another's address.
    assert sorted(message.to for message in mailoutbox) == [
        ["boss@example.org"],
        ["mo@example.org"],
    ]
    assert all(not message.cc and not message.bcc for message in mailoutbox)
    message = mailoutbox[0]
    assert message.subject == "Comment awaiting moderation: Why we wake at 3 a.m."
    admin_link = f"http://testserver/admin/comments/comment/{comment.pk}/change/"
    for body in (message.body, html_of(message)):
        assert "Why we wake at 3 a.m." in body
        assert "Magnesium before bed helped me stay asleep." in body
        assert "every comment is held for moderation" in body
        assert admin_link in body


def test_moderator_email_shows_every_reason(client, article, mailoutbox, on_commit, moderator):
    discussion_settings(held_words="magnesium", moderation_mode="known_authors")
    with on_commit():
        post_comment(client, article, body="Magnesium helps.")

    assert "held word: magnesium; first comment from this email" in mailoutbox[0].body


def test_moderators_get_no_email_for_spam_or_an_approved_comment(
    client, article, mailoutbox, on_commit, moderator
):
    make_comment(article, author_name="Jamie Walker", author_email="known@example.org")
    discussion_settings(moderation_mode="known_authors", blocked_words="casino")
    with on_commit():
        post_comment(client, article, body="Visit my casino")
        post_comment(client, article, email="known@example.org", ip="203.0.113.9")

    assert sorted(Comment.objects.values_list("status", flat=True)) == [
        Status.APPROVED,
        Status.APPROVED,
        Status.SPAM,
    ]
    assert mailoutbox == []


def test_moderator_emails_can_be_switched_off(client, article, mailoutbox, on_commit, moderator):
    discussion_settings(notify_moderators=False)
    with on_commit():
        post_comment(client, article)

    assert Comment.objects.get().status == Status.PENDING
    assert mailoutbox == []


def test_nothing_is_sent_before_the_transaction_commits(
    client, article, mailoutbox, django_capture_on_commit_callbacks, moderator
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post_comment(client, article)

    assert Comment.objects.count() == 1
    assert mailoutbox == []
    for callback in callbacks:
        callback()
    assert len(mailoutbox) == 1


def test_nothing_is_sent_when_the_transaction_is_rolled_back(
    article, mailoutbox, on_commit, moderator_client
):
    """A staff reply that fails rolls back the parent's approval, and its emails with it."""
    discussion_settings(max_depth=2)
    top = make_comment(article)
    held = make_comment(article, parent=top, status=Status.PENDING, notify=True)
    with on_commit():
        response = moderator_client.post(reply_url(held), {"body": "Thanks for this."})

    assert response.status_code == 200
    assert mailoutbox == []
    held.refresh_from_db()
    assert held.status == Status.PENDING
    assert held.published_notice_sent_at is None


def test_emails_are_enqueued_as_tasks_after_commit_not_sent_inline(
    client, article, settings, mailoutbox, django_capture_on_commit_callbacks, moderator
):
    settings.TASKS = DUMMY_TASKS
    default_task_backend.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post_comment(client, article)

    assert default_task_backend.results == []
    for callback in callbacks:
        callback()

    comment = Comment.objects.get()
    [result] = default_task_backend.results
    assert result.task.func is tasks.send_moderator_alert.func
    assert result.args == [comment.pk, "http://testserver"]
    assert mailoutbox == []  # the worker sends it, not the request


def test_approval_emails_are_enqueued_as_tasks(
    article, settings, mailoutbox, on_commit, moderator_client
):
    settings.TASKS = DUMMY_TASKS
    default_task_backend.clear()
    parent = make_comment(article, notify=True, author_email="robin@example.org")
    reply = make_comment(
        article, parent=parent, status=Status.PENDING, notify=True, author_email="sam@example.org"
    )
    with on_commit():
        run_action(moderator_client, "approve", [reply])

    assert sorted(result.task.name for result in default_task_backend.results) == [
        "send_comment_published",
        "send_reply_notification",
    ]
    assert {tuple(result.args) for result in default_task_backend.results} == {
        (reply.pk, "http://testserver")
    }
    assert mailoutbox == []


# "Your comment is published".


def test_commenter_who_asked_hears_when_their_held_comment_is_approved(
    article, mailoutbox, on_commit, moderator_client
):
    comment = make_comment(
        article, status=Status.PENDING, notify=True, author_name="Robin", body="Naps help me."
    )
    with on_commit():
        run_action(moderator_client, "approve", [comment])

    [message] = mailoutbox
    assert message.to == ["robin@example.org"]
    assert message.subject == "Your comment on “Why we wake at 3 a.m.” is published"
    link = f"http://testserver/articles/{article.slug}/#comment-{comment.pk}"
    for body in (message.body, html_of(message)):
        assert "Hello Robin" in body
        assert "Naps help me." in body
        assert link in body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe_path(message) in html_of(message)
    assert unsubscribe_path(message) in message.body


def test_commenter_who_did_not_ask_gets_no_email(article, mailoutbox, on_commit, moderator_client):
    comment = make_comment(article, status=Status.PENDING, notify=False)
    with on_commit():
        run_action(moderator_client, "approve", [comment])

    assert Comment.objects.get().status == Status.APPROVED
    assert mailoutbox == []


def test_comment_approved_at_once_sends_no_published_email(client, article, mailoutbox, on_commit):
    make_comment(article, author_name="Jamie Walker", author_email="jamie@example.org")
    discussion_settings(moderation_mode="known_authors")
    with on_commit():
        response = post_comment(client, article, notify="on")

    assert response.status_code == 303
    assert Comment.objects.filter(status=Status.APPROVED).count() == 2
    assert mailoutbox == []


def test_approving_twice_sends_one_email(article, mailoutbox, on_commit, moderator_client):
    comment = make_comment(article, status=Status.PENDING, notify=True)
    with on_commit():
        run_action(moderator_client, "approve", [comment])
    with on_commit():
        run_action(moderator_client, "approve", [comment])

    assert len(mailoutbox) == 1


def test_removing_then_restoring_sends_nothing_new(
    article, mailoutbox, on_commit, moderator_client
):
    parent = make_comment(article, notify=True, author_email="robin@example.org")
    reply = make_comment(
        article, parent=parent, status=Status.PENDING, notify=True, author_email="sam@example.org"
    )
    with on_commit():
        run_action(moderator_client, "approve", [reply])
    assert len(mailoutbox) == 2
    with on_commit():
        run_action(moderator_client, "remove", [reply])
        run_action(moderator_client, "restore", [reply])
        run_action(moderator_client, "mark_spam", [reply])
        run_action(moderator_client, "approve", [reply])

    assert Comment.objects.get(pk=reply.pk).status == Status.APPROVED
    assert len(mailoutbox) == 2


def test_changing_the_status_in_the_change_form_emails_once(
    article, mailoutbox, on_commit, moderator_client
):
    comment = make_comment(article, status=Status.PENDING, notify=True)
    form = {
        "status": "approved",
        "body": comment.body,
        "author_name": comment.author_name,
        "author_email": comment.author_email,
        "author_url": "",
        "notify": "on",
    }
    with on_commit():
        moderator_client.post(f"{QUEUE_URL}{comment.pk}/change/", form)
        moderator_client.post(f"{QUEUE_URL}{comment.pk}/change/", form)

    assert Comment.objects.get().status == Status.APPROVED
    assert [message.to for message in mailoutbox] == [["robin@example.org"]]


# Replies.


def test_parent_author_hears_of_a_staff_reply_at_once(
    article, mailoutbox, on_commit, moderator, moderator_client
):
    parent = make_comment(
        article, notify=True, author_name="Robin", author_email="robin@example.org"
    )
    with on_commit():
        moderator_client.post(reply_url(parent), {"body": "Our sleep guide covers this."})

    reply = Comment.objects.get(parent=parent)
    [message] = mailoutbox
    assert message.to == ["robin@example.org"]
    assert message.subject == "Mo Derator replied to your comment on “Why we wake at 3 a.m.”"
    link = f"http://testserver/articles/{article.slug}/#comment-{reply.pk}"
    for body in (message.body, html_of(message)):
        assert "Hello Robin" in body
        assert "Our sleep guide covers this." in body
        assert link in body
    assert "(staff)" in html_of(message)
    assert moderator.email not in everything_in(message)
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe_path(message) in message.body
    assert unsubscribe_path(message) in html_of(message)


def test_parent_author_hears_of_a_known_authors_reply_at_once_without_their_address(
    client, article, mailoutbox, on_commit
):
    parent = make_comment(article, notify=True, author_email="robin@example.org")
    make_comment(article, author_name="Sam", author_email="sam.private@example.org")
    discussion_settings(moderation_mode="known_authors")
    with on_commit():
        response = post_comment(
            client, article, parent=str(parent.pk), name="Sam", email="sam.private@example.org"
        )

    reply = Comment.objects.get(parent=parent)
    assert response["Location"].endswith(f"#comment-{reply.pk}")
    [message] = mailoutbox
    assert message.to == ["robin@example.org"]
    assert "sam.private" not in everything_in(message)
    assert "Sam replied to your comment" in message.subject


def test_parent_author_hears_of_a_reply_when_a_moderator_approves_it(
    client, article, mailoutbox, on_commit, moderator_client
):
    parent = make_comment(article, notify=True, author_email="robin@example.org")
    with on_commit():
        post_comment(client, article, parent=str(parent.pk), name="Sam", email="sam@example.org")
    reply = Comment.objects.get(parent=parent)
    assert reply.status == Status.PENDING
    assert [message.to for message in mailoutbox] == [["mo@example.org"]]

    with on_commit():
        run_action(moderator_client, "approve", [reply])

    assert [message.to for message in mailoutbox[1:]] == [["robin@example.org"]]
    assert "sam@example.org" not in everything_in(mailoutbox[1])


def test_no_reply_email_for_a_reply_to_oneself(article, mailoutbox, on_commit, moderator_client):
    parent = make_comment(article, notify=True, author_email="robin@example.org")
    reply = make_comment(
        article, parent=parent, status=Status.PENDING, author_email="ROBIN@example.org"
    )
    with on_commit():
        run_action(moderator_client, "approve", [reply])

    assert mailoutbox == []


def test_no_reply_email_when_the_parent_is_no_longer_public(
    article, mailoutbox, on_commit, moderator_client
):
    parent = make_comment(article, notify=True, author_email="robin@example.org")
    reply = make_comment(
        article, parent=parent, status=Status.PENDING, author_email="sam@example.org"
    )
    with on_commit():
        run_action(moderator_client, "remove", [parent])
        run_action(moderator_client, "approve", [reply])

    assert Comment.objects.get(pk=reply.pk).status == Status.APPROVED
    assert mailoutbox == []


def test_no_reply_email_when_the_parent_author_did_not_ask(
    article, mailoutbox, on_commit, moderator_client
):
    parent = make_comment(article, notify=False)
    with on_commit():
        moderator_client.post(reply_url(parent), {"body": "Thank you for sharing this."})

    assert Comment.objects.filter(parent=parent).exists()
    assert mailoutbox == []


def test_an_approval_rolled_back_sends_nothing(article, mailoutbox, on_commit, moderator):
    """Anything that registered an email inside a rolled-back block never sends it."""
    comment = make_comment(article, status=Status.PENDING, notify=True)

    class Abandon(Exception):
        pass

    with on_commit():
        try:
            with transaction.atomic():
                run_action(client_for(moderator), "approve", [comment])
                raise Abandon
        except Abandon:
            pass

    assert mailoutbox == []
    assert Comment.objects.get().status == Status.PENDING


def test_reply_email_when_the_parent_is_approved_in_the_same_selection(
    article, mailoutbox, on_commit, moderator_client
):
    """Approving a held parent and its reply together: the parent is public, so its author
    (who asked) hears of the reply as well as of their own comment's publication."""
    parent = make_comment(
        article, notify=True, author_email="robin@example.org", status=Status.PENDING
    )
    reply = make_comment(
        article, parent=parent, status=Status.PENDING, author_email="sam@example.org"
    )
    with on_commit():
        run_action(moderator_client, "approve", [parent, reply])

    subjects = sorted(message.subject for message in mailoutbox)
    assert len(subjects) == 2
    assert any("replied to your comment" in subject for subject in subjects)
    assert any("is published" in subject for subject in subjects)


def test_with_the_database_backend_the_worker_sends_the_email(
    client, article, settings, mailoutbox, on_commit, moderator
):
    """Production's path: the request only queues the email (after commit); `db_worker` sends
    it. The worker's connection housekeeping is switched off here: inside the test's
    transaction it would close the connection (PostgreSQL) it shares with the test."""
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with on_commit():
        post_comment(client, article)

    assert mailoutbox == []
    assert DBTaskResult.objects.count() == 1

    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    assert [message.to for message in mailoutbox] == [[moderator.email]]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


@pytest.mark.parametrize("count", [5, 50])
def test_approving_many_comments_claims_their_emails_in_constant_queries(
    article, count, moderator, django_assert_max_num_queries
):
    """Bulk approval: the once-only claim is two queries (locked select, update), not one
    per comment; the moderation log of the whole selection is one INSERT; the discussions'
    versions one UPDATE (comments/freshness.py)."""
    from comments import verbs

    for _ in range(count):
        make_comment(article, status=Status.PENDING)

    with django_assert_max_num_queries(9):
        verbs.approve(comments=Comment.objects.filter(status=Status.PENDING), by=moderator)

    assert not Comment.objects.filter(published_notice_sent_at__isnull=True).exists()
