"""
Who is emailed about a comment, and when. The emails go through the Tasks API after the
transaction commits, so nobody hears of a comment that was rolled back.

- Moderators: each comment held for moderation (switchable in the discussion settings).
- A commenter who ticked "notify": when their held comment is approved, and when a reply to
  their comment becomes public (at once, or later by a moderator's approval).

Each comment's "became public" emails go once: approving twice, or removing and restoring,
sends nothing more. Every email to a commenter carries a signed one-click unsubscribe link.
"""

from django.db import transaction
from django.utils import timezone

from articles.seo import site_root

from . import tasks
from .models import Comment


def comment_stored(comment, *, discussion_settings):
    """A new comment was saved: tell moderators if it is held, and others if it is public."""
    if comment.status == Comment.Status.PENDING and discussion_settings.notify_moderators:
        root = site_root()
        transaction.on_commit(lambda: tasks.send_moderator_alert.enqueue(comment.pk, root))
    elif comment.status == Comment.Status.APPROVED:
        comments_became_public([comment], held=False)


def _claim(comments):
    """The comments whose emails have not gone yet, marked as gone: two queries, row-locked."""
    unclaimed = set(
        Comment.objects.select_for_update()
        .filter(pk__in=[comment.pk for comment in comments], published_notice_sent_at__isnull=True)
        .values_list("pk", flat=True)
    )
    if unclaimed:
        Comment.objects.filter(pk__in=unclaimed).update(published_notice_sent_at=timezone.now())
    return [comment for comment in comments if comment.pk in unclaimed]


def comments_became_public(comments, *, held=True):
    """Send, once per comment, the emails due when it becomes public.

    `held`: the comment waited for a moderator, so its author hears that it is now published.
    Links are built from the Sites framework's domain (articles.seo.site_root), so a worker
    sending them later, or a command, needs no request.
    """
    root = site_root()
    for comment in _claim(comments):
        if held and comment.notify and comment.author_email and not comment.is_staff_reply:
            transaction.on_commit(
                lambda pk=comment.pk: tasks.send_comment_published.enqueue(pk, root)
            )
        parent = comment.parent
        if (
            parent is not None
            and parent.notify
            and parent.status == Comment.Status.APPROVED
            and parent.author_email
            and parent.author_email != comment.author_email  # stored in one spelling
        ):
            transaction.on_commit(
                lambda pk=comment.pk: tasks.send_reply_notification.enqueue(pk, root)
            )
