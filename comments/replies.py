"""The reply rule, in one place: a reply needs a public parent on the same article, above the
deepest level replies may reach. The comment form and the posting service both ask it."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from healthsite.ids import parse_id

from .models import Comment

# What replying needs of the parent (and the emails that follow a reply).
PARENT_FIELDS = ["pk", "path", "depth", "article", "author_name", "author_email", "notify"]

NOT_FOUND = _("The comment you are replying to could not be found.")
UNAVAILABLE = _(
    "The comment you are replying to is not available: it may be awaiting moderation or have "
    "been removed."
)
TOO_DEEP = _(
    "This conversation is as deep as replies go. Reply to an earlier comment in the thread "
    "instead."
)


def reply_parent(article, parent, *, max_depth):
    """The comment a new reply on `article` answers, or None for a top-level comment.

    `parent`: an id (as typed: a string, or an int) that is looked up, or a comment already
    read (checked as it is, without a query). Raises ValidationError (codes "invalid",
    "unavailable", "too_deep") when the reply is not allowed.
    """
    if isinstance(parent, str):
        parent = parent.strip()
    if parent is None or parent == "":
        return None
    if not isinstance(parent, Comment):
        parent = _look_up(article, str(parent))
    elif parent.article_id != article.pk or not parent.is_public:
        raise ValidationError(UNAVAILABLE, code="unavailable")
    if not parent.accepts_replies(max_depth):
        raise ValidationError(TOO_DEEP, code="too_deep")
    return parent


def _look_up(article, raw):
    pk = parse_id(raw)
    if pk is None:
        raise ValidationError(NOT_FOUND, code="invalid")
    parent = (
        Comment.objects.public()
        .filter(pk=pk, article=article)
        .only(*PARENT_FIELDS, "status")
        .first()
    )
    if parent is None:
        raise ValidationError(UNAVAILABLE, code="unavailable")
    return parent
