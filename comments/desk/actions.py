"""The desk's one-click actions: which verb each calls, its button, its key, and what the desk
says once it is done. The verbs themselves live in comments/verbs.py."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .. import verbs
from ..models import Comment

Status = Comment.Status


def unapprove(*, comments, by):
    return verbs.set_status(comments=comments, status=Status.PENDING, by=by)


@dataclass(frozen=True)
class DeskAction:
    name: str
    verb: object
    button: str
    done: str
    message: str
    bulk_singular: str
    bulk_plural: str
    shown_for: frozenset
    key: str = ""

    def shown(self, comment):
        return comment.status in self.shown_for

    def bulk_message(self, count):
        return ngettext(self.bulk_singular, self.bulk_plural, count) % {"count": count}


ACTIONS = {
    action.name: action
    for action in (
        DeskAction(
            "approve",
            verbs.approve,
            _("Approve"),
            _("Approved by you"),
            _("Approved the comment by %(name)s."),
            "%(count)d comment approved.",
            "%(count)d comments approved.",
            frozenset({Status.PENDING, Status.SPAM, Status.REMOVED}),
            key="a",
        ),
        DeskAction(
            "unapprove",
            unapprove,
            _("Unapprove"),
            _("Returned to moderation by you"),
            _("Returned the comment by %(name)s to moderation."),
            "%(count)d comment returned to moderation.",
            "%(count)d comments returned to moderation.",
            frozenset({Status.APPROVED}),
        ),
        DeskAction(
            "spam",
            verbs.spam,
            _("Spam"),
            _("Marked as spam by you"),
            _("Marked the comment by %(name)s as spam."),
            "%(count)d comment marked as spam.",
            "%(count)d comments marked as spam.",
            frozenset({Status.PENDING, Status.APPROVED, Status.REMOVED}),
            key="s",
        ),
        DeskAction(
            "remove",
            verbs.remove,
            _("Remove"),
            _("Removed by you"),
            _("Removed the comment by %(name)s."),
            "%(count)d comment removed.",
            "%(count)d comments removed.",
            frozenset({Status.PENDING, Status.APPROVED, Status.SPAM}),
            key="d",
        ),
        DeskAction(
            "restore",
            verbs.restore,
            _("Restore"),
            _("Restored by you"),
            _("Restored the comment by %(name)s."),
            "%(count)d comment restored.",
            "%(count)d comments restored.",
            frozenset({Status.SPAM, Status.REMOVED}),
        ),
        DeskAction(
            "block",
            verbs.block,
            _("Block commenter"),
            _("Commenter blocked by you"),
            _(
                "Blocked %(name)s: their email and IP address are in the blocked lists and "
                "the comment is marked as spam."
            ),
            "%(count)d comment marked as spam, its commenter blocked.",
            "%(count)d comments marked as spam, their commenters blocked.",
            frozenset(Status.values),
        ),
    )
}
# The actions with a button of their own on every card (block asks first, in its own form).
CARD_ACTIONS = [ACTIONS[name] for name in ("approve", "unapprove", "spam", "remove", "restore")]
BULK_ACTIONS = [*CARD_ACTIONS, ACTIONS["block"]]
