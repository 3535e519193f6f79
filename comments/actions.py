"""What moderators do to comments: approve, mark spam, remove, restore, block, reply as staff.

Every admin action and view calls these; a comment that becomes public here sends its emails
(once, after commit) through notifications.
"""

from collections import defaultdict

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


# Rows changed per UPDATE: well below SQLite's limit on query parameters.
BATCH_SIZE = 500


def set_status(comments, status, *, moderator, request):
    """Move comments to `status`; return how many this call changed. Same status, no change.

    Moderators act at the same moment on the same comments (two desks, a double click): the
    rows are read again locked (SQLite's write lock does the same), then changed by
    conditional UPDATEs per status they were in, and the count is what those updates changed.
    So no change is counted twice, and only the comments this call changed send emails.
    """
    fields = {"status": status, "moderated_at": timezone.now(), "moderated_by": moderator}
    with transaction.atomic():
        changed = list(
            Comment.objects.select_for_update(of=("self",))
            .select_related("article", "parent")
            .filter(pk__in=comments.values("pk"))
            .exclude(status=status)
            .order_by("pk")
        )
        count = _move(changed, fields)
        by_pk = {comment.pk: comment for comment in changed}
        for comment in changed:
            if comment.parent_id in by_pk:
                # A parent moving in the same selection: later checks must see its new status.
                comment.parent = by_pk[comment.parent_id]
        if status == Status.APPROVED:
            notifications.comments_became_public(changed, request=request)
    return count


def _move(comments, fields):
    """Conditional UPDATEs, per status the comments are in; returns the rows they changed."""
    by_status = defaultdict(list)
    for comment in comments:
        by_status[comment.status].append(comment)
    count = 0
    for current, group in by_status.items():
        values = dict(fields)
        if values["status"] in HIDDEN and current not in HIDDEN:
            values["previous_status"] = current
        for start in range(0, len(group), BATCH_SIZE):
            pks = [comment.pk for comment in group[start : start + BATCH_SIZE]]
            count += Comment.objects.filter(pk__in=pks, status=current).update(**values)
        for comment in group:
            for name, value in values.items():
                setattr(comment, name, value)
    return count


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
