"""The moderation verbs: everything a moderator does to comments, in one place.

approve, spam, remove, restore, block, reply_as_staff, edit, erase, and revert (the undo).
Plain functions taking the comments (a queryset, comments or ids) and the acting user (`by`,
None for a command), keyword-only: no request, no form. The admin, the desk, the commands
and the demo call these and nothing else to moderate.

Each verb works in one transaction: the comments are read again locked, in id order (two
moderators on the same comments wait for each other instead of deadlocking), changed by
conditional UPDATEs, and each comment changed gets one ModerationLog row (who, what, when,
from which status to which). Counts are the rows actually changed, so a comment approved by
two moderators at once is counted, logged and emailed once. Emails follow after commit.

Each verb returns a `Result`: what it changed, comment by comment, and the log rows that
record it, which `revert` takes to put things back (the desk's Undo).
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.sanitize import sanitize_comment

from . import blocklists, posting
from .freshness import discussion_changed
from .models import Comment, DiscussionSettings, ModerationLog
from .moderation import Outcome
from .transitions import (
    BATCH_SIZE,
    HIDDEN,
    Change,
    Result,
    ids_of,
    locked,
    log_changes,
    pk_of,
    transition,
)

Status = Comment.Status
Action = ModerationLog.Action
# The action a plain change of status is logged as.
ACTION_FOR_STATUS = {
    Status.APPROVED: Action.APPROVE,
    Status.PENDING: Action.UNAPPROVE,
    Status.SPAM: Action.SPAM,
    Status.REMOVED: Action.REMOVE,
}


@dataclass(frozen=True)
class BlockResult(Result):
    """A block also says how many addresses it added to the blocked lists."""

    emails: int = 0
    addresses: int = 0


@dataclass(frozen=True)
class Reply:
    """A staff reply: the comment posted, the approval of its parent when it was pending, and
    the log rows of both (for `revert`: the reply is removed, the parent pending again)."""

    comment: Comment
    parent_approval: Result
    log_ids: tuple = ()


class ReplyRefused(Exception):
    """The comment may not be answered as staff; the message says why."""


# Changes of status.


def approve(*, comments, by, note=""):
    """Publish the comments; their authors and the people they answer are emailed (once)."""
    return set_status(comments=comments, status=Status.APPROVED, by=by, note=note)


def spam(*, comments, by, note=""):
    return set_status(comments=comments, status=Status.SPAM, by=by, note=note)


def remove(*, comments, by, note=""):
    """Hide the comments; approved replies stay, under a "comment removed" placeholder."""
    return set_status(comments=comments, status=Status.REMOVED, by=by, note=note)


def set_status(*, comments, status, by, note="", action=None):
    """Move the comments to `status` (those already there are left alone)."""
    return transition(
        comments,
        lambda comment: status,
        by=by,
        action=action or ACTION_FOR_STATUS[status],
        note=note,
    )


def restore(*, comments, by, note=""):
    """Removed or spam comments go back to the status they had before (pending if unknown)."""

    def target(comment):
        if comment.status not in HIDDEN:
            return None
        previous = comment.previous_status
        return previous if previous and previous not in HIDDEN else Status.PENDING

    return transition(comments, target, by=by, action=Action.RESTORE, note=note)


def revert(*, entries, by):
    """Undo logged decisions: each comment goes back to the status it had before them.

    `entries`: ModerationLog rows (a queryset, rows or ids), as a verb's `log_ids` gives them.
    A comment someone has moved since is left where it is; a staff reply undone is removed;
    an undone block also takes out of the blocked lists what that block added. Edits and
    erasures cannot be undone and are skipped.
    """
    with transaction.atomic():
        rows = list(
            ModerationLog.objects.filter(pk__in=_log_ids(entries))
            .exclude(action__in=[Action.EDIT, Action.ERASE, Action.REVERT])
            .select_related("comment")
            .order_by("-pk")
        )
        chains = defaultdict(list)
        for row in rows:  # newest first: undone in the reverse of the order they were done
            chains[row.comment_id].append(row)
        undone = set()

        def target(comment):
            status = comment.status
            for row in chains[comment.pk]:
                if row.to_status != status:
                    return None  # moved since by someone else: left where it is
                status = row.from_status or Status.REMOVED
            undone.add(comment.pk)
            return status

        blocks = [row for row in rows if row.action == Action.BLOCK]
        blocked = {row.comment_id for row in blocks}
        if blocks:
            DiscussionSettings.load_for_update()  # locked first, as block() does
        result = transition(
            list(chains),
            target,
            by=by,
            action=Action.REVERT,
            log_unchanged=lambda comment: comment.pk in blocked,
        )
        blocklists.take_out([row for row in blocks if row.comment_id in undone])
    return result


# Blocking.


def block(*, comments, by, note=""):
    """Block the commenters: their email and IP address (an IPv6 /64) go into the blocked
    lists of the discussion settings, and the comments are marked as spam."""
    with transaction.atomic():
        added = blocklists.add_for(Comment.objects.filter(pk__in=ids_of(comments)))
        result = transition(
            comments,
            lambda comment: Status.SPAM,
            by=by,
            action=Action.BLOCK,
            note=note,
            logged_extra=lambda change: {
                "added_to_blocklists": added.by_comment[change.comment_id]
            },
            log_unchanged=lambda comment: bool(added.by_comment[comment.pk]),
        )
    return BlockResult(
        action=result.action,
        changes=result.changes,
        log_ids=result.log_ids,
        emails=len(added.emails),
        addresses=len(added.addresses),
    )


# Replying and editing.


def can_reply_as_staff(comment):
    """Staff answer public comments and, approving them, pending ones; never spam or removed."""
    return comment.status in (Status.APPROVED, Status.PENDING)


def check_reply_as_staff(comment):
    if not can_reply_as_staff(comment):
        raise ReplyRefused(_("Spam and removed comments cannot be answered. Restore it first."))


def reply_as_staff(*, parent, by, body, notify=False):
    """Publish a staff reply under `by`'s public name; a parent still awaiting moderation is
    approved first. Raises ReplyRefused (the message says why) and posts nothing when the
    parent may not be answered: it is read again, locked, since another moderator may have
    marked it as spam after the page was drawn."""
    if by is None or not by.is_staff:
        raise ReplyRefused(_("Only staff accounts reply as staff."))
    with transaction.atomic():
        parent = (
            Comment.objects.select_for_update().select_related("article").get(pk=pk_of(parent))
        )
        check_reply_as_staff(parent)
        approval = Result(Action.APPROVE)
        if parent.status == Status.PENDING:
            approval = approve(comments=[parent.pk], by=by)
            parent.status = Status.APPROVED
        posted = posting.comment_post(
            article=parent.article,
            fields=posting.CommentFields(body=body, notify=notify, parent=parent),
            client_ip=None,
            user=by,
        )
        if posted.comment is None or posted.decision.outcome != Outcome.STORE:
            raise ReplyRefused(posted.decision.message or _("The reply could not be posted."))
        logged = ModerationLog.objects.filter(comment=posted.comment).values_list("pk", flat=True)
    return Reply(
        comment=posted.comment,
        parent_approval=approval,
        log_ids=(*approval.log_ids, *logged),
    )


EDITABLE = {"body", "author_name", "author_email", "author_url", "notify"}


def edit(*, comment, by, **changes):
    """Change what a comment says or who it is from: `body` (its HTML rebuilt by the one
    sanitiser), `author_name`, `author_email`, `author_url`, `notify`.

    Raises ValidationError (nothing saved) when a value does not fit. Returns an empty Result
    when nothing actually changed.
    """
    unknown = set(changes) - EDITABLE
    if unknown:
        raise TypeError(f"edit() cannot change {', '.join(sorted(unknown))}.")
    with transaction.atomic():
        comment = Comment.objects.select_for_update().get(pk=pk_of(comment))
        changed = [name for name, value in changes.items() if getattr(comment, name) != value]
        if not changed:
            return Result(Action.EDIT)
        for name in changed:
            setattr(comment, name, changes[name])
        labels = [str(Comment._meta.get_field(name).verbose_name) for name in changed]
        note = _("changed: %(fields)s") % {"fields": ", ".join(labels)}
        if "body" in changed:
            comment.body_html = sanitize_comment(comment.body)
            changed.append("body_html")
        comment.full_clean(exclude=["article", "parent", "user"], validate_unique=False)
        comment.save(update_fields=changed)
        discussion_changed([comment.article_id])
        entry = ModerationLog.objects.create(
            comment=comment,
            action=Action.EDIT,
            actor=by,
            from_status=comment.status,
            to_status=comment.status,
            note=note,
        )
    return Result(
        Action.EDIT,
        changes=(Change(comment.pk, comment.status, comment.status),),
        log_ids=(entry.pk,),
    )


# Privacy.

ANONYMOUS_NAME = "Anonymous"


def erase(*, comments, by, remove_text=False):
    """Anonymise the comments' authors (name, email, website, IP address, browser and reply
    emails go) and, with `remove_text`, remove their text too: such a comment shows as
    "comment removed", so its replies keep their place. Returns one change per comment."""
    personal = {
        "author_name": ANONYMOUS_NAME,
        "author_email": "",
        "author_url": "",
        "ip_address": None,
        "user_agent": "",
        "notify": False,
    }
    with transaction.atomic():
        now = timezone.now()
        groups = defaultdict(list)
        rows = locked(comments)
        for comment in rows:
            groups[comment.status].append(comment.pk)
        discussion_changed({comment.article_id for comment in rows})
        changes = []
        for current, pks in groups.items():
            values = dict(personal)
            to_status = current
            if remove_text:
                to_status = Status.REMOVED
                values |= {"body": "", "body_html": "", "status": to_status}
                if current not in HIDDEN:
                    values["previous_status"] = current
            for start in range(0, len(pks), BATCH_SIZE):
                Comment.objects.filter(pk__in=pks[start : start + BATCH_SIZE]).update(**values)
            changes += [Change(pk, current, to_status) for pk in pks]
        changes.sort(key=lambda change: change.comment_id)
        entries = log_changes(changes, action=Action.ERASE, by=by, at=now)
    return Result(Action.ERASE, tuple(changes), tuple(entry.pk for entry in entries))


def _log_ids(entries):
    if isinstance(entries, QuerySet):
        return entries.values("pk")
    return [entry.pk if isinstance(entry, ModerationLog) else int(entry) for entry in entries]
