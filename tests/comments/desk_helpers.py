"""Helpers for the moderation desk's tests: its URLs, what its page lists, and a queue of
thousands of comments stored in a few statements."""

from datetime import timedelta

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from articles.sanitize import sanitize_comment
from comments import threads
from comments.models import Comment
from tests.markup import parse

DESK_URL = "/admin/comments/comment/desk/"
BULK_URL = DESK_URL + "bulk/"
UNDO_URL = DESK_URL + "undo/"
JSON = {"HTTP_ACCEPT": "application/json"}


def act_url(comment, action):
    return reverse("admin:comments_comment_desk_act", args=[comment.pk, action])


def reply_url(comment):
    return reverse("admin:comments_comment_desk_reply", args=[comment.pk])


def edit_url(comment):
    return reverse("admin:comments_comment_desk_edit", args=[comment.pk])


def cards(response):
    """The ids of the comments the desk lists, in its order."""
    return [
        int(card["data-comment-id"])
        for card in parse(response).find_all("article", class_="desk-card")
    ]


def card_of(response, comment):
    return parse(response).one("article", id=f"comment-{comment.pk}")


def card_fragment(data):
    """The card a JSON answer carries, as a tree."""
    return parse(data["card"]).one("article", class_="desk-card")


def form_fields(form):
    """The hidden fields of a form on the desk: {name: value}."""
    return {
        element["name"]: element.get("value", "")
        for element in form.find_all("input")
        if element.get("type") == "hidden"
    }


def undo_token_of(response):
    """The token of the Undo button in the messages of a page."""
    form = parse(response).one("form", class_="desk-undo-form")
    return form_fields(form)["token"]


def bulk_pending(article, count, *, start=None, parent=None, **fields):
    """`count` comments awaiting moderation, stored with bulk_create and their real paths
    (ids chosen here, so each path holds its own id), oldest first."""
    first = start or (Comment.objects.aggregate(last=Max("pk"))["last"] or 0) + 1
    now = timezone.now()
    html = sanitize_comment("A held comment about sleep, with https://example.org/a link.")
    base = parent.path if parent is not None else ""
    rows = [
        Comment(
            pk=pk,
            article=article,
            parent=parent,
            path=base + threads.segment(pk),
            depth=(parent.depth + 1) if parent is not None else 1,
            author_name=f"Reader {pk}",
            author_email=f"reader{pk}@example.org",
            body="A held comment about sleep, with https://example.org/a link.",
            body_html=html,
            status=Comment.Status.PENDING,
            moderation_reasons=["held word: sleep", "first comment from this email"],
            ip_address="198.51.100.7",
            created_at=now - timedelta(days=30) + timedelta(seconds=pk - first),
            **fields,
        )
        for pk in range(first, first + count)
    ]
    return Comment.objects.bulk_create(rows, batch_size=500)
