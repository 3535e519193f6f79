from django import template
from django.utils import timezone
from django.utils.timesince import timesince

from ..models import Comment
from ..permissions import can_moderate

register = template.Library()


@register.simple_tag(takes_context=True)
def moderation_summary(context):
    """For moderators (None for others): how many comments await moderation and how long the
    oldest has waited ("3 hours"), read in one query."""
    request = context.get("request")
    if request is None or not can_moderate(request.user):
        return None
    summary = Comment.objects.pending_summary()
    oldest = summary["oldest"]
    return {
        "count": summary["count"],
        "oldest_age": timesince(oldest, timezone.now(), depth=1) if oldest else "",
    }
