"""Signed one-click unsubscribe links: they work without an account and cannot be forged.

A link stays good for as long as its comment exists (no expiry): a reader may unsubscribe
from an email years old. Only the comment's id is in the token, never an email address.
"""

from django.core import signing
from django.urls import reverse

from .models import Comment

UNSUBSCRIBE_SALT = "comments.unsubscribe"


class LinkNotGenuine(Exception):
    """The token was not signed by us (cut short, changed, or made up)."""


def unsubscribe_token(comment):
    return signing.dumps({"comment": comment.pk}, salt=UNSUBSCRIBE_SALT)


def comment_from_token(token):
    """The comment an unsubscribe link was made for; None when that comment was deleted.

    Raises LinkNotGenuine when the link is not one of ours.
    """
    try:
        pk = int(signing.loads(token, salt=UNSUBSCRIBE_SALT)["comment"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise LinkNotGenuine from None
    return Comment.objects.select_related("article").filter(pk=pk).first()


def unsubscribe_url(root, comment):
    """The absolute link, given the site's root address (scheme://domain)."""
    return root + reverse("comments:unsubscribe", kwargs={"token": unsubscribe_token(comment)})


UNDO_SALT = "comments.unsubscribe-undo"
UNDO_MAX_AGE = 30 * 24 * 60 * 60


def _same_person(comment):
    if not comment.author_email:
        return Comment.objects.filter(pk=comment.pk)
    return Comment.objects.filter(author_email=comment.author_email)


def unsubscribe_email(comment):
    """Stop reply emails for every comment from this comment's email address.

    Returns a signed note of exactly what was switched off, for the page's undo button.
    """
    switched_off = list(_same_person(comment).filter(notify=True).values_list("pk", flat=True))
    Comment.objects.filter(pk__in=switched_off).update(notify=False)
    return signing.dumps(switched_off, salt=UNDO_SALT)


def resubscribe_switched_off(comment, undo):
    """Switch back on what the unsubscribe switched off (this person's comments only); with
    no readable note, the comment the email was about."""
    try:
        ids = [int(pk) for pk in signing.loads(undo or "", salt=UNDO_SALT, max_age=UNDO_MAX_AGE)]
    except (signing.BadSignature, TypeError, ValueError):
        ids = []
    return _same_person(comment).filter(pk__in=ids or [comment.pk]).update(notify=True)
