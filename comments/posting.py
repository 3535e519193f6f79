"""Posting a comment: the one path from a valid form to a stored, moderated comment."""

from dataclasses import dataclass

from django.db import transaction
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
    """Sanitise, decide and store the comment of a valid form; nothing is stored on rejection."""
    comment = form.build_comment()
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
    if decision.outcome != moderation.Outcome.STORE:
        return Posted(decision)
    comment.status = decision.status
    comment.moderation_reasons = decision.reasons
    if comment.status == Comment.Status.APPROVED:
        comment.moderated_at = timezone.now()
    comment.full_clean(exclude=["article", "parent", "user"])
    with transaction.atomic():
        save_in_thread(comment)
        notifications.comment_stored(
            comment, request=request, discussion_settings=discussion_settings
        )
    return Posted(decision, comment)


def save_in_thread(comment):
    """Insert the comment, then give it its path (which holds its own id)."""
    comment.clean()
    comment.depth = comment.parent.depth + 1 if comment.parent_id else 1
    comment.save()
    comment.path = threads.path_for(comment)
    Comment.objects.filter(pk=comment.pk).update(path=comment.path)
