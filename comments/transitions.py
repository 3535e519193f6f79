"""The machinery the moderation verbs (comments/verbs.py) share: reading comments again
locked, conditional UPDATEs per status, one ModerationLog row per change, and the emails of
comments that became public. Only the verbs call it."""

from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from . import notifications
from .freshness import discussion_changed
from .models import Comment, ModerationLog

Status = Comment.Status
HIDDEN = {Status.SPAM, Status.REMOVED}
# Rows changed per UPDATE: well below SQLite's limit on query parameters.
BATCH_SIZE = 500


@dataclass(frozen=True)
class Change:
    """One comment one verb changed: its status before and after."""

    comment_id: int
    from_status: str
    to_status: str


@dataclass(frozen=True)
class Result:
    """What a verb changed. `log_ids` are the ModerationLog rows to give `revert` for an undo."""

    action: str
    changes: tuple = ()
    log_ids: tuple = ()

    @property
    def count(self):
        return len(self.changes)

    @property
    def previous(self):
        """{comment id: the status it had before}."""
        return {change.comment_id: change.from_status for change in self.changes}


def ids_of(comments):
    """A filter value for pk__in from a queryset, comments, ids, or one comment or id."""
    if isinstance(comments, QuerySet):
        return comments.values("pk")
    if isinstance(comments, (Comment, int, str)):
        comments = [comments]
    return [comment.pk if isinstance(comment, Comment) else int(comment) for comment in comments]


def pk_of(comment):
    return comment.pk if isinstance(comment, Comment) else int(comment)


def locked(comments):
    """The comments, read again and locked until the transaction ends, in id order."""
    return list(
        Comment.objects.select_for_update(of=("self",))
        .select_related("article", "parent")
        .filter(pk__in=ids_of(comments))
        .order_by("pk")
    )


def transition(comments, target, *, by, action, note="", logged_extra=None, log_unchanged=None):
    """Move each comment to `target(comment)` (None: leave it), log each change, and send
    the emails of the comments that became public.

    `logged_extra(change)`: more values for its log row. `log_unchanged(comment)`: log a
    comment that was already in its target status too (a block that added its address).
    """
    now = timezone.now()
    with transaction.atomic():
        rows = locked(comments)
        # A comment whose text was erased stays "comment removed", whatever is asked of it.
        planned = [(comment, target(comment)) for comment in rows if comment.body]
        planned = [(comment, status) for comment, status in planned if status]
        staying = [comment for comment, status in planned if status == comment.status]
        moved = _move(
            [(comment, status) for comment, status in planned if status != comment.status],
            by=by,
            now=now,
        )
        logged = list(moved)
        if log_unchanged:
            logged += [
                Change(comment.pk, comment.status, comment.status)
                for comment in staying
                if log_unchanged(comment)
            ]
        by_pk = {comment.pk: comment for comment in rows}
        if moved:
            discussion_changed({by_pk[change.comment_id].article_id for change in moved})
        entries = log_changes(
            logged,
            action=action,
            by=by,
            at=now,
            note=note,
            extra=logged_extra,
        )
        for comment in rows:
            if comment.parent_id in by_pk:
                # A parent moving in the same selection: later checks must see its new status.
                comment.parent = by_pk[comment.parent_id]
        published = [
            by_pk[change.comment_id] for change in moved if change.to_status == Status.APPROVED
        ]
        if published:
            notifications.comments_became_public(published)
    return Result(action, tuple(moved), tuple(entry.pk for entry in entries))


def log_changes(changes, *, action, by, at, note="", extra=None):
    """One ModerationLog row per change, in one INSERT."""
    return ModerationLog.objects.bulk_create(
        [
            ModerationLog(
                comment_id=change.comment_id,
                action=action,
                actor=by,
                at=at,
                from_status=change.from_status,
                to_status=change.to_status,
                note=note,
                **(extra(change) if extra else {}),
            )
            for change in changes
        ]
    )


def _move(plan, *, by, now):
    """Conditional UPDATEs, per status the comments are in and the one they go to; returns
    the changes those updates made (a comment changed meanwhile is not among them)."""
    groups = defaultdict(list)
    for comment, status in plan:
        groups[(comment.status, status)].append(comment)
    changes = []
    for (current, status), group in groups.items():
        values = {"status": status, "moderated_at": now, "moderated_by": by}
        if status in HIDDEN and current not in HIDDEN:
            values["previous_status"] = current
        for start in range(0, len(group), BATCH_SIZE):
            batch = group[start : start + BATCH_SIZE]
            pks = [comment.pk for comment in batch]
            updated = Comment.objects.filter(pk__in=pks, status=current).update(**values)
            if updated < len(batch):
                # Some changed meanwhile (the lock makes this rare): keep the ones we moved.
                ours = set(
                    Comment.objects.filter(
                        pk__in=pks, status=status, moderated_at=now
                    ).values_list("pk", flat=True)
                )
                batch = [comment for comment in batch if comment.pk in ours]
            for comment in batch:
                changes.append(Change(comment.pk, current, status))
                for name, value in values.items():
                    setattr(comment, name, value)
    return sorted(changes, key=lambda change: change.comment_id)
