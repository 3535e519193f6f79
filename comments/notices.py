"""What the comment flow tells a commenter after a redirect, shown where they look.

These are Django messages tagged "discussion" (and "comment-<id>" when they are about one
comment). The page-top message area (templates/includes/messages.html) leaves them out; the
discussion shows them: beside the comment when it is public and on the page, otherwise at the
top of the discussion, with the commenter's own pending comment as it will appear.
"""

from dataclasses import dataclass

from django.contrib import messages

from healthsite.ids import parse_id

DISCUSSION_TAG = "discussion"
COMMENT_TAG_PREFIX = "comment-"


@dataclass(frozen=True)
class Notice:
    text: str
    level_tag: str
    comment_id: int | None = None

    @property
    def alert_class(self):
        """The Bootstrap alert for the message's level."""
        return "alert-danger" if self.level_tag == "error" else f"alert-{self.level_tag}"


def tell(request, level, text, *, comment=None):
    """Queue a message of the comment flow for the page the commenter is sent to."""
    tags = DISCUSSION_TAG
    if comment is not None:
        tags += f" {COMMENT_TAG_PREFIX}{int(comment.pk)}"
    messages.add_message(request, level, text, extra_tags=tags)


def _comment_id(tags):
    for tag in tags:
        number = tag.removeprefix(COMMENT_TAG_PREFIX)
        if number != tag:
            return parse_id(number)
    return None


def is_for_discussion(message):
    return DISCUSSION_TAG in (message.extra_tags or "").split()


def notices_for(request):
    """The comment flow's messages waiting for this request; reading them spends them (as
    Django's messages are spent once shown)."""
    notices = []
    for message in messages.get_messages(request):
        if is_for_discussion(message):
            tags = message.extra_tags.split()
            notices.append(Notice(str(message), message.level_tag, _comment_id(tags)))
    return notices


@dataclass(frozen=True)
class Placed:
    """Where each notice goes: `beside` {comment id: notice} for public comments shown on
    the page; `top` [(notice, node of the commenter's own pending comment or None)]."""

    beside: dict
    top: list


def place(notices, thread):
    """Put each notice beside its comment when that comment is public and on the page, else
    at the top of the discussion (with the pending comment's node, when it is shown)."""
    shown = {node.comment.pk: node for node in thread if not node.placeholder}
    beside, top = {}, []
    for notice in notices:
        node = shown.get(notice.comment_id)
        if node is not None and not node.awaiting_moderation:
            beside[node.comment.pk] = notice
        else:
            top.append((notice, node))
    return Placed(beside=beside, top=top)
