"""Who moderates: holders of `comments.moderate_comment` (the Moderators group, superusers)."""

MODERATE = "comments.moderate_comment"


def can_moderate(user):
    """A staff account allowed to moderate: sees the desk and pending comments on the site."""
    return bool(user is not None and getattr(user, "is_staff", False) and user.has_perm(MODERATE))
