"""Posting a comment: the one path from a valid form to a stored, moderated comment."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.sanitize import sanitize_comment

from . import moderation, notifications, threads
from .models import Comment
from .ratelimit import client_ip

USER_AGENT_LENGTH = 300


@dataclass(frozen=True)
class Posted:
    decision: moderation.Decision
    comment: Comment | None = None


def comment_post(*, form, request, discussion_settings):
    """Sanitise, decide and store the comment of a valid form; nothing is stored on rejection.

    A form sent again (a double click, a retry, two at the same moment) stores nothing more:
    its one-time key finds the comment it stored, before deciding or, in a race, when the
    unique key refuses the second insert.
    """
    comment = form.build_comment()
    earlier = _stored_from_same_form(comment)
    if earlier:
        return Posted(moderation.Decision.already_posted(), earlier)
    comment.body_html = sanitize_comment(comment.body)
    comment.ip_address = client_ip(request)
    comment.user_agent = request.META.get("HTTP_USER_AGENT", "")[:USER_AGENT_LENGTH]
    decision = moderation.decide(
        comment,
        form_data=form.data,
        ip_address=comment.ip_address,
        user_agent=comment.user_agent,
        settings=discussion_settings,
    )
    if decision.outcome == moderation.Outcome.REJECT:
        # The same form, sent at the same moment, may have been stored since the check above
        # (then its text is a "duplicate"): the reader is sent to that comment.
        earlier = _stored_from_same_form(comment)
        if earlier:
            return Posted(moderation.Decision.already_posted(), earlier)
    if decision.outcome != moderation.Outcome.STORE:
        return Posted(decision)
    comment.status = decision.status
    comment.moderation_reasons = decision.reasons
    if comment.status == Comment.Status.APPROVED:
        comment.moderated_at = timezone.now()
    comment.full_clean(exclude=["article", "parent", "user"], validate_unique=False)
    try:
        with transaction.atomic():
            save_in_thread(comment)
            notifications.comment_stored(
                comment, request=request, discussion_settings=discussion_settings
            )
    except IntegrityError:
        earlier = _stored_from_same_form(comment)
        if earlier is None:
            raise
        return Posted(moderation.Decision.already_posted(), earlier)
    return Posted(decision, comment)


def _stored_from_same_form(comment):
    if not comment.submission_key:
        return None
    return (
        Comment.objects.select_related("article")
        .filter(submission_key=comment.submission_key)
        .first()
    )


def save_in_thread(comment):
    """Insert the comment, then give it its path (which holds its own id)."""
    comment.clean()
    comment.depth = comment.parent.depth + 1 if comment.parent_id else 1
    comment.save()
    comment.path = threads.path_for(comment)
    Comment.objects.filter(pk=comment.pk).update(path=comment.path)
