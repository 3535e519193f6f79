"""Signed one-click unsubscribe links: they work without an account and cannot be forged."""

from django.core import signing
from django.urls import reverse

from .models import Comment

UNSUBSCRIBE_SALT = "comments.unsubscribe"


def unsubscribe_token(comment):
    return signing.dumps({"comment": comment.pk}, salt=UNSUBSCRIBE_SALT)


def comment_from_token(token):
    """The comment an unsubscribe link was made for, or None when the link is not genuine."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        return Comment.objects.filter(pk=int(data["comment"])).first()
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def unsubscribe_url(root, comment):
    """The absolute link, given the site's root address (scheme://domain)."""
    return root + reverse("comments:unsubscribe", kwargs={"token": unsubscribe_token(comment)})


def unsubscribe_email(comment):
    """Stop reply emails for every comment from this comment's email address."""
    if not comment.author_email:
        return Comment.objects.filter(pk=comment.pk).update(notify=False)
    return Comment.objects.filter(author_email=comment.author_email, notify=True).update(
        notify=False
    )


def resubscribe_comment(comment):
    """Undo, for the conversation the email was about: replies to this comment are sent again."""
    return Comment.objects.filter(pk=comment.pk).update(notify=True)
