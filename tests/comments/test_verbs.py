"""The moderation verbs (comments/verbs.py), called as the desk, the admin and the commands
call them: comments and the acting user, no request. Each changes what it says, counts what it
changed, logs one decision per comment and can be undone with `revert`."""

import pytest
from django.contrib.sites.models import Site
from django.core.exceptions import ValidationError

from comments import verbs
from comments.models import Comment, DiscussionSettings, ModerationLog
from tests.factories import ArticleFactory, UserFactory

from .staff_helpers import discussion_settings, make_comment, make_moderator

pytestmark = pytest.mark.django_db

Status = Comment.Status
Action = ModerationLog.Action


@pytest.fixture
def article():
    return ArticleFactory(title="Naps and night shifts")


def status_of(comment):
    return Comment.objects.get(pk=comment.pk).status


def log_of(comment):
    """(action, actor, from, to) of the comment's decisions, oldest first."""
    return [
        (entry.action, entry.actor, entry.from_status, entry.to_status)
        for entry in ModerationLog.objects.filter(comment=comment).order_by("pk")
    ]


# Changes of status.


def test_approve_publishes_counts_and_logs_each_comment_changed(article, moderator):
    held = [make_comment(article, status=Status.PENDING) for _ in range(3)]
    already = make_comment(article)

    result = verbs.approve(comments=[*held, already], by=moderator)

    assert result.count == 3
    assert result.previous == {comment.pk: Status.PENDING for comment in held}
    assert [status_of(comment) for comment in held] == [Status.APPROVED] * 3
    for comment in held:
        assert log_of(comment) == [(Action.APPROVE, moderator, Status.PENDING, Status.APPROVED)]
        stored = Comment.objects.get(pk=comment.pk)
        assert stored.moderated_by == moderator and stored.moderated_at is not None
    assert log_of(already) == []
    assert sorted(result.log_ids) == sorted(ModerationLog.objects.values_list("pk", flat=True))


@pytest.mark.parametrize(
    "given",
    ["queryset", "comments", "ids", "one comment", "one id"],
)
def test_verbs_take_a_queryset_comments_or_ids(article, moderator, given):
    comment = make_comment(article, status=Status.PENDING)
    comments = {
        "queryset": Comment.objects.filter(pk=comment.pk),
        "comments": [comment],
        "ids": [comment.pk],
        "one comment": comment,
        "one id": comment.pk,
    }[given]

    assert verbs.spam(comments=comments, by=moderator).count == 1
    assert status_of(comment) == Status.SPAM


def test_spam_and_remove_remember_the_status_to_restore(article, moderator):
    approved = make_comment(article)
    pending = make_comment(article, status=Status.PENDING)

    verbs.remove(comments=[approved], by=moderator)
    verbs.spam(comments=[pending], by=moderator)
    result = verbs.restore(comments=[approved, pending], by=moderator)

    assert result.count == 2
    assert status_of(approved) == Status.APPROVED
    assert status_of(pending) == Status.PENDING
    assert log_of(approved) == [
        (Action.REMOVE, moderator, Status.APPROVED, Status.REMOVED),
        (Action.RESTORE, moderator, Status.REMOVED, Status.APPROVED),
    ]


def test_restore_leaves_visible_comments_alone_and_sends_unknown_ones_to_pending(
    article, moderator
):
    unknown = make_comment(article, status=Status.SPAM)  # caught on arrival
    approved = make_comment(article)

    result = verbs.restore(comments=[unknown, approved], by=moderator)

    assert result.previous == {unknown.pk: Status.SPAM}
    assert status_of(unknown) == Status.PENDING
    assert log_of(approved) == []


def test_returning_a_comment_to_moderation_is_logged_as_such(article, moderator):
    comment = make_comment(article)

    verbs.set_status(comments=[comment], status=Status.PENDING, by=moderator)

    assert log_of(comment) == [(Action.UNAPPROVE, moderator, Status.APPROVED, Status.PENDING)]


def test_a_command_acts_without_an_account(article):
    comment = make_comment(article, status=Status.PENDING)

    verbs.approve(comments=[comment], by=None, note="bulk import")

    [entry] = ModerationLog.objects.all()
    assert entry.actor is None and entry.note == "bulk import"


def test_approving_emails_the_author_with_links_on_the_sites_domain_and_scheme(
    article, moderator, mailoutbox, on_commit, settings
):
    """No request: the links come from the Sites framework's domain, https on an https site."""
    Site.objects.filter(pk=1).update(domain="health.example")
    Site.objects.clear_cache()
    settings.SECURE_SSL_REDIRECT = True
    comment = make_comment(article, status=Status.PENDING, notify=True)

    with on_commit():
        verbs.approve(comments=[comment], by=moderator)

    [message] = mailoutbox
    assert message.to == ["robin@example.org"]
    assert f"https://health.example/articles/{article.slug}/#comment-{comment.pk}" in (
        message.body
    )
    assert message.extra_headers["List-Unsubscribe"].startswith(
        "<https://health.example/comments/unsubscribe/"
    )


def test_emails_go_only_after_the_transaction_commits(article, moderator, mailoutbox, on_commit):
    comment = make_comment(article, status=Status.PENDING, notify=True)

    with on_commit():
        verbs.approve(comments=[comment], by=moderator)
        assert mailoutbox == []

    assert len(mailoutbox) == 1


# Undo.


def test_revert_puts_each_comment_back_and_logs_it(article, moderator):
    pending = make_comment(article, status=Status.PENDING)
    approved = make_comment(article)
    done = verbs.spam(comments=[pending, approved], by=moderator)

    undone = verbs.revert(entries=done.log_ids, by=moderator)

    assert undone.previous == {pending.pk: Status.SPAM, approved.pk: Status.SPAM}
    assert status_of(pending) == Status.PENDING
    assert status_of(approved) == Status.APPROVED
    assert log_of(approved)[-1] == (Action.REVERT, moderator, Status.SPAM, Status.APPROVED)


def test_revert_leaves_a_comment_someone_moved_since(article, moderator):
    comment = make_comment(article, status=Status.PENDING)
    other = make_moderator()
    done = verbs.approve(comments=[comment], by=moderator)
    verbs.remove(comments=[comment], by=other)

    undone = verbs.revert(entries=done.log_ids, by=moderator)

    assert undone.count == 0
    assert status_of(comment) == Status.REMOVED


def test_revert_twice_changes_nothing_the_second_time(article, moderator):
    comment = make_comment(article, status=Status.PENDING)
    done = verbs.approve(comments=[comment], by=moderator)

    assert verbs.revert(entries=done.log_ids, by=moderator).count == 1
    assert verbs.revert(entries=done.log_ids, by=moderator).count == 0
    assert status_of(comment) == Status.PENDING


def test_revert_of_several_decisions_goes_back_through_them_all(article, moderator):
    comment = make_comment(article, status=Status.PENDING)
    first = verbs.approve(comments=[comment], by=moderator)
    second = verbs.remove(comments=[comment], by=moderator)

    verbs.revert(
        entries=ModerationLog.objects.filter(pk__in=[*first.log_ids, *second.log_ids]),
        by=moderator,
    )

    assert status_of(comment) == Status.PENDING


def test_a_reverted_approval_sends_no_second_email(article, moderator, mailoutbox, on_commit):
    comment = make_comment(article, status=Status.PENDING, notify=True)
    with on_commit():
        done = verbs.approve(comments=[comment], by=moderator)
    with on_commit():
        verbs.revert(entries=done.log_ids, by=moderator)
        verbs.approve(comments=[comment], by=moderator)

    assert len(mailoutbox) == 1


# Blocking.


def test_block_adds_email_and_address_and_marks_the_comments_as_spam(article, moderator):
    troll = make_comment(
        article, status=Status.PENDING, author_email="Troll@Example.org", ip_address="2001:db8::7"
    )
    again = make_comment(
        article, author_email="troll@example.org", ip_address="2001:db8::8", notify=False
    )

    result = verbs.block(comments=[troll, again], by=moderator)

    settings = DiscussionSettings.load()
    assert settings.blocked_emails == "troll@example.org"
    assert settings.blocked_ips == "2001:db8::/64"
    assert (result.emails, result.addresses, result.count) == (1, 1, 2)
    assert status_of(troll) == status_of(again) == Status.SPAM
    assert log_of(troll) == [(Action.BLOCK, moderator, Status.PENDING, Status.SPAM)]


def test_block_keeps_the_lists_it_finds_and_adds_nothing_twice(article, moderator):
    discussion_settings(blocked_emails="old@example.org", blocked_ips="192.0.2.9")
    comment = make_comment(article, author_email="old@example.org", ip_address="192.0.2.10")

    result = verbs.block(comments=[comment], by=moderator)

    settings = DiscussionSettings.load()
    assert settings.blocked_emails == "old@example.org"
    assert settings.blocked_ips == "192.0.2.9\n192.0.2.10"
    assert (result.emails, result.addresses) == (0, 1)


def test_undoing_a_block_takes_out_only_what_it_added(article, moderator):
    discussion_settings(blocked_emails="old@example.org", blocked_ips="192.0.2.9")
    comment = make_comment(
        article, status=Status.PENDING, author_email="new@example.org", ip_address="192.0.2.9"
    )
    done = verbs.block(comments=[comment], by=moderator)

    verbs.revert(entries=done.log_ids, by=moderator)

    settings = DiscussionSettings.load()
    assert settings.blocked_emails == "old@example.org"
    assert settings.blocked_ips == "192.0.2.9"
    assert status_of(comment) == Status.PENDING


def test_undoing_the_block_of_a_comment_already_in_spam_unblocks_its_author(article, moderator):
    comment = make_comment(
        article, status=Status.SPAM, author_email="x@example.org", ip_address="192.0.2.1"
    )
    done = verbs.block(comments=[comment], by=moderator)
    assert done.count == 0 and len(done.log_ids) == 1

    verbs.revert(entries=done.log_ids, by=moderator)

    settings = DiscussionSettings.load()
    assert (settings.blocked_emails, settings.blocked_ips) == ("", "")
    assert status_of(comment) == Status.SPAM


# Replying as staff.


def test_reply_as_staff_approves_a_pending_parent_and_publishes_under_the_public_name(
    article, moderator
):
    parent = make_comment(article, status=Status.PENDING)

    reply = verbs.reply_as_staff(parent=parent, by=moderator, body="Thanks, we will look.")

    assert status_of(parent) == Status.APPROVED
    assert reply.parent_approval.previous == {parent.pk: Status.PENDING}
    comment = reply.comment
    assert comment.status == Status.APPROVED and comment.is_staff_reply
    assert comment.author_name == "Mo Derator"
    assert comment.parent_id == parent.pk and comment.depth == 2
    assert log_of(comment) == [(Action.REPLY, moderator, "", Status.APPROVED)]
    assert log_of(parent) == [(Action.APPROVE, moderator, Status.PENDING, Status.APPROVED)]


def test_reply_as_staff_without_a_full_name_signs_as_the_team(article):
    moderator = make_moderator(username="mod_login", first_name="", last_name="")

    reply = verbs.reply_as_staff(parent=make_comment(article), by=moderator, body="Noted.")

    assert reply.comment.author_name == "The Healthsite team"


@pytest.mark.parametrize("status", [Status.SPAM, Status.REMOVED])
def test_reply_as_staff_refuses_hidden_comments(article, moderator, status):
    parent = make_comment(article, status=status)

    with pytest.raises(verbs.ReplyRefused, match="Restore it first"):
        verbs.reply_as_staff(parent=parent, by=moderator, body="Hello there")

    assert not Comment.objects.filter(parent=parent).exists()


def test_reply_as_staff_too_deep_changes_nothing(article, moderator):
    discussion_settings(max_depth=2)
    held = make_comment(article, parent=make_comment(article), status=Status.PENDING)

    with pytest.raises(verbs.ReplyRefused, match="as deep as replies go"):
        verbs.reply_as_staff(parent=held, by=moderator, body="Too deep")

    assert status_of(held) == Status.PENDING
    assert not ModerationLog.objects.exists()


def test_only_staff_reply_as_staff(article):
    with pytest.raises(verbs.ReplyRefused):
        verbs.reply_as_staff(parent=make_comment(article), by=UserFactory(), body="Hi there")


def test_undoing_a_staff_reply_removes_it_and_puts_the_parent_back_to_pending(article, moderator):
    parent = make_comment(article, status=Status.PENDING)
    reply = verbs.reply_as_staff(parent=parent, by=moderator, body="Oops, wrong comment.")

    verbs.revert(entries=reply.log_ids, by=moderator)

    assert status_of(reply.comment) == Status.REMOVED
    assert status_of(parent) == Status.PENDING


# Editing.


def test_edit_rebuilds_the_html_with_the_one_sanitiser_and_logs_what_changed(article, moderator):
    comment = make_comment(article, status=Status.PENDING)

    result = verbs.edit(
        comment=comment,
        by=moderator,
        body='Read <script>alert(1)</script> <a href="https://example.org">this</a>',
        author_name="Robin R.",
        author_url="https://robin.example.org",
    )

    stored = Comment.objects.get(pk=comment.pk)
    assert "<script" not in stored.body_html
    assert 'rel="nofollow ugc noopener"' in stored.body_html
    assert (stored.author_name, stored.author_url) == ("Robin R.", "https://robin.example.org")
    assert stored.status == Status.PENDING
    [entry] = ModerationLog.objects.filter(pk__in=result.log_ids)
    assert (entry.action, entry.actor) == (Action.EDIT, moderator)
    assert entry.note == "changed: comment, name, website"


def test_edit_with_a_bad_value_saves_nothing(article, moderator):
    comment = make_comment(article)

    with pytest.raises(ValidationError):
        verbs.edit(comment=comment, by=moderator, author_url="not a web address", body="New")

    stored = Comment.objects.get(pk=comment.pk)
    assert stored.body == comment.body and stored.author_url == ""
    assert not ModerationLog.objects.exists()


def test_edit_that_changes_nothing_logs_nothing(article, moderator):
    comment = make_comment(article)

    result = verbs.edit(comment=comment.pk, by=moderator, body=comment.body)

    assert result.count == 0
    assert not ModerationLog.objects.exists()


def test_edit_refuses_fields_it_does_not_edit(article, moderator):
    with pytest.raises(TypeError, match="status"):
        verbs.edit(comment=make_comment(article), by=moderator, status=Status.APPROVED)


# Erasing.


def test_erase_anonymises_and_logs_each_comment(article, moderator):
    comment = make_comment(article, ip_address="192.0.2.1", author_url="https://r.example")

    result = verbs.erase(comments=[comment], by=moderator, remove_text=True)

    stored = Comment.objects.get(pk=comment.pk)
    assert (stored.author_name, stored.author_email, stored.ip_address) == ("Anonymous", "", None)
    assert (stored.body, stored.status, stored.previous_status) == (
        "",
        Status.REMOVED,
        Status.APPROVED,
    )
    assert result.previous == {comment.pk: Status.APPROVED}
    assert log_of(comment) == [(Action.ERASE, moderator, Status.APPROVED, Status.REMOVED)]


def test_a_comment_whose_text_was_erased_is_never_made_public_again(article, moderator):
    comment = make_comment(article)
    removal = verbs.remove(comments=[comment], by=moderator)
    verbs.erase(comments=[comment], by=moderator, remove_text=True)

    asked = [
        verbs.restore(comments=[comment], by=moderator),
        verbs.approve(comments=[comment], by=moderator),
        verbs.revert(entries=removal.log_ids, by=moderator),
    ]

    assert [result.count for result in asked] == [0, 0, 0]
    assert status_of(comment) == Status.REMOVED
    assert not Comment.objects.public().filter(pk=comment.pk).exists()
