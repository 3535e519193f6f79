from django import template

from ..models import Comment

register = template.Library()


@register.simple_tag(takes_context=True)
def awaiting_moderation_count(context):
    """The number of comments awaiting moderation, for moderators only (None for others)."""
    request = context.get("request")
    if request is None or not request.user.has_perm("comments.moderate_comment"):
        return None
    return Comment.objects.filter(status=Comment.Status.PENDING).count()
