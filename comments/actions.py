"""What moderators do to comments: approve, mark spam, remove, restore, block, reply as staff.

Every admin action and view calls these; a comment that becomes public here sends its emails
(once, after commit) through notifications.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import notifications, posting
from .forms import CommentForm
from .models import Comment, DiscussionSettings
from .moderation import word_list
from .ratelimit import network_of

Status = Comment.Status
HIDDEN = {Status.SPAM, Status.REMOVED}


def set_status(comments, status, *, moderator, request):
    """Move comments to `status`; return how many changed. Idempotent: same status, no change."""
    changed = [
        comment
        for comment in comments.select_related("article", "parent")
        if comment.status != status
    ]
    by_pk = {comment.pk: comment for comment in changed}
    now = timezone.now()
    for comment in changed:
        if comment.parent_id in by_pk:
            # A parent moving in the same selection: later checks must see its new status.
            comment.parent = by_pk[comment.parent_id]
        if status in HIDDEN and comment.status not in HIDDEN:
            comment.previous_status = comment.status
        comment.status = status
        comment.moderated_at = now
        comment.moderated_by = moderator
    with transaction.atomic():
        Comment.objects.bulk_update(
            changed, ["status", "previous_status", "moderated_at", "moderated_by"]
        )
        if status == Status.APPROVED:
            notifications.comments_became_public(changed, request=request)
    return len(changed)


def approve(comments, *, moderator, request):
    return set_status(comments, Status.APPROVED, moderator=moderator, request=request)


def mark_spam(comments, *, moderator, request):
    return set_status(comments, Status.SPAM, moderator=moderator, request=request)


def remove(comments, *, moderator, request):
    return set_status(comments, Status.REMOVED, moderator=moderator, request=request)


def restore(comments, *, moderator, request):
    """Removed or spam comments go back to the status they had before (pending if unknown)."""
    count = 0
    hidden = comments.filter(status__in=HIDDEN)
    for previous in {*hidden.values_list("previous_status", flat=True)}:
        target = previous if previous and previous not in HIDDEN else Status.PENDING
        count += set_status(
            hidden.filter(previous_status=previous),
            target,
            moderator=moderator,
            request=request,
        )
    return count


def block_commenters(comments, *, moderator, request):
    """Add the comments' emails and IP addresses to the blocked lists; mark them as spam."""
    emails = {email.lower() for email in comments.values_list("author_email", flat=True) if email}
    ips = {
        str(network_of(ip)) if ":" in ip else ip
        for ip in comments.values_list("ip_address", flat=True)
        if ip
    }
    with transaction.atomic():
        settings = DiscussionSettings.load_for_update()
        settings.blocked_emails = _merged(settings.blocked_emails, emails)
        settings.blocked_ips = _merged(settings.blocked_ips, ips)
        settings.save(update_fields=["blocked_emails", "blocked_ips"])
        marked = mark_spam(comments, moderator=moderator, request=request)
    return len(emails), len(ips), marked


def _merged(text, additions):
    existing = word_list(text)
    new = sorted(item for item in additions if item.lower() not in existing)
    return "\n".join([line for line in (text or "").splitlines() if line.strip()] + new)


class ReplyRefused(Exception):
    """The comment may not be answered as staff; the message says why."""


def can_reply_as_staff(comment):
    """Staff answer public comments and, approving them, pending ones; never spam or removed."""
    return comment.status in (Status.APPROVED, Status.PENDING)


def check_reply_as_staff(comment):
    if not can_reply_as_staff(comment):
        raise ReplyRefused(_("Spam and removed comments cannot be answered. Restore it first."))


def reply_as_staff(parent, *, user, body, notify, request):
    """A staff reply from the admin; a parent still awaiting moderation is approved first.

    Returns the form, which carries any error for the moderator, and the reply when posted.
    The parent is read again, locked, inside the transaction: another moderator may have
    marked it as spam since the page was drawn.
    """
    discussion_settings = DiscussionSettings.load()
    with transaction.atomic():
        parent = Comment.objects.select_for_update().select_related("article").get(pk=parent.pk)
        check_reply_as_staff(parent)
        if parent.status == Status.PENDING:
            approve(
                Comment.objects.filter(pk=parent.pk, status=Status.PENDING),
                moderator=user,
                request=request,
            )
        form = CommentForm(
            {"body": body, "parent": str(parent.pk), "notify": "on" if notify else ""},
            article=parent.article,
            user=user,
            discussion_settings=discussion_settings,
        )
        if not form.is_valid():
            transaction.set_rollback(True)
            return form, None
        posted = posting.comment_post(
            form=form, request=request, discussion_settings=discussion_settings
        )
    return form, posted.comment
