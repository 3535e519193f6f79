"""How the desk answers an action: where it goes back to, the Undo it offers, and the two
forms of the answer (a 303 back to the same place with a message, or JSON for its script).

Every form on the desk (and the moderation buttons on an article) sends where it came from:
`origin` ("desk" or "article"), `back` (the desk's query string: filters and page) and `next`
(the card after this one). Only these are read, and the address is built here from them, so
no form can send the moderator anywhere else.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.core import signing
from django.http import HttpResponseRedirect, JsonResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from healthsite.ids import parse_id

from ..identity import staff_public_name
from ..models import Comment
from .filters import DeskFilters
from .queue import load_card

UNDO_SALT = "comments.desk.undo"
UNDO_MAX_AGE = 24 * 60 * 60
CARD_TEMPLATE = "admin/comments/comment/desk_card.html"
UNDO_TEMPLATE = "admin/comments/comment/desk_undo.html"


def desk_url():
    return reverse("admin:comments_comment_desk")


@dataclass(frozen=True)
class Back:
    """Where an action returns to."""

    origin: str = "desk"
    filters: DeskFilters = DeskFilters()
    next_id: int | None = None

    @classmethod
    def from_post(cls, data):
        return cls(
            origin="article" if data.get("origin") == "article" else "desk",
            filters=DeskFilters.from_query(data.get("back", "")),
            next_id=parse_id(data.get("next")),
        )

    @property
    def query_string(self):
        return self.filters.query_string()

    def desk_url(self, anchor=None):
        query = self.query_string
        return desk_url() + (f"?{query}" if query else "") + (f"#{anchor}" if anchor else "")

    def url(self, comment):
        """The same place: the card (or the next one, when the comment left the list), or
        the comment on its article."""
        if self.origin == "article":
            if comment.status in (Comment.Status.APPROVED, Comment.Status.PENDING):
                return comment.url_in_discussion()
            return comment.url_in_discussion().split("#")[0] + "#comments"
        if self.filters.shows(comment.pk):
            return self.desk_url(f"comment-{comment.pk}")
        return self.desk_url(f"comment-{self.next_id}" if self.next_id else "desk-cards")

    def fields(self):
        """The hidden fields that bring the next form back here too."""
        return {"origin": self.origin, "back": self.query_string, "next": self.next_id or ""}


# Undo: the log rows an action wrote, signed for the moderator who did it.


def undo_token(log_ids, *, user, comment_id=None):
    if not log_ids:
        return ""
    payload = {"logs": list(log_ids), "by": user.pk, "comment": comment_id}
    return signing.dumps(payload, salt=UNDO_SALT, compress=True)


def read_undo_token(token, *, user):
    """(log ids, comment id) from a token this user was given; None if it is not genuine, is
    someone else's, or is older than a day."""
    try:
        payload = signing.loads(token or "", salt=UNDO_SALT, max_age=UNDO_MAX_AGE)
    except signing.BadSignature:
        return None
    if payload.get("by") != user.pk:
        return None
    return [int(pk) for pk in payload.get("logs", [])], payload.get("comment")


def undo_form(request, token, back):
    return render_to_string(UNDO_TEMPLATE, {"token": token, "back": back}, request=request)


# Answering.


@dataclass(frozen=True)
class Done:
    """What an action did, as the card says it ("Approved by you") and as a message."""

    message: str
    short: str
    undo: str = ""
    level: int = messages.SUCCESS


def card_html(request, comment_id, back, *, done=None):
    """The card of a comment as the desk draws it now: whole while it is still among those
    listed, else a one-line note of what was done."""
    card = load_card(comment_id, viewer=request.user)
    if card is None:
        return ""
    card.next_id = back.next_id
    context = {
        "card": card,
        "back": back,
        "public_name": staff_public_name(request.user),
        "done": done,
        "compact": done is not None and not back.filters.shows(comment_id),
    }
    return render_to_string(CARD_TEMPLATE, context, request=request)


def wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def see_other(url):
    return HttpResponseRedirect(url, status=303)


def tell(request, back, level, message, undo=""):
    """An admin message, with its Undo button (a small POST form) when there is one."""
    if undo:
        form = mark_safe(undo_form(request, undo, back))  # noqa: S308 (a rendered template)
        message = format_html("{} {}", message, form)
    messages.add_message(request, level, message)


def answer(request, comment, back, done):
    """JSON for the desk's script; otherwise a message (with its Undo) and a 303 back."""
    if wants_json(request):
        data = {
            "message": str(done.message),
            "done": str(done.short),
            "undo": done.undo,
            "status": comment.status,
            "level": messages.DEFAULT_TAGS.get(done.level, "info"),
        }
        if back.origin == "desk":
            data["card"] = card_html(request, comment.pk, back, done=done)
        return JsonResponse(data)
    tell(request, back, done.level, done.message, done.undo)
    return see_other(back.url(comment))


def refusal(request, back, message, *, status=400, errors=None):
    """An action that could not be done: JSON with the reason, or a message and back."""
    if wants_json(request):
        return JsonResponse({"message": str(message), "errors": errors or {}}, status=status)
    messages.error(request, message)
    return see_other(back.desk_url("desk-cards"))
