"""Reading one page of the desk in a fixed number of queries, whatever the size of the queue.

A page costs: the counts per status and the oldest pending comment (one aggregate, which also
gives the paginator its count), the page of comments with their article, parent and latest
decision (one), their authors' approved comments (one), those latest decisions with their
moderators (one), the articles of the article filter (one) and the recent decisions (one).
"""

from dataclasses import dataclass, field
from functools import cached_property

from django.core.paginator import Paginator
from django.db.models import Count, Min, OuterRef, Q, Subquery
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from .. import reasons, verbs
from ..highlight import highlight_html, highlight_text
from ..identity import staff_public_name
from ..models import Comment, ModerationLog
from .actions import CARD_ACTIONS
from .filters import ALL
from .forms import edit_form, reply_form

Status = Comment.Status
PER_PAGE = 20
RECENT_SHOWN = 10
ARTICLES_SHOWN = 200
EXCERPT_WORDS = 25
STATUSES = (Status.PENDING, Status.APPROVED, Status.SPAM, Status.REMOVED)


class _CountedPaginator(Paginator):
    """A paginator told its count (the desk's aggregate has it), so it does not ask again."""

    def __init__(self, object_list, per_page, *, count):
        super().__init__(object_list, per_page, allow_empty_first_page=True)
        self.known_count = count

    @cached_property
    def count(self):
        return self.known_count


@dataclass
class LoggedDecision:
    """A moderation log row as the desk says it: who (public name, or "you"), what, when."""

    entry: ModerationLog
    by_you: bool
    who: str

    @property
    def what(self):
        return self.entry.get_action_display()


def decision_of(entry, viewer):
    by_you = entry.actor_id is not None and entry.actor_id == getattr(viewer, "pk", None)
    if entry.actor_id is None:
        who = _("a command")
    elif by_you:
        who = _("you")
    else:
        who = staff_public_name(entry.actor)
    return LoggedDecision(entry=entry, by_you=by_you, who=who)


@dataclass
class Card:
    """One comment on the desk, with what its card shows besides the comment itself."""

    comment: Comment
    approved_count: int
    last_decision: LoggedDecision | None = None
    next_id: int | None = None
    previous_id: int | None = None
    words: list = field(default_factory=list)

    @property
    def pk(self):
        return self.comment.pk

    @property
    def reasons(self):
        return self.comment.moderation_reasons or []

    @property
    def body_html(self):
        return highlight_html(self.comment.body_html, self.words)

    @property
    def name_html(self):
        return highlight_text(self.comment.author_name, self.words)

    @property
    def email_html(self):
        return highlight_text(self.comment.author_email, self.words)

    @property
    def website_html(self):
        return highlight_text(self.comment.author_url, self.words)

    @property
    def ip_html(self):
        return highlight_text(self.comment.ip_address or "", self.words)

    @property
    def parent_excerpt(self):
        parent = self.comment.parent
        if parent is None:
            return ""
        return Truncator(" ".join(parent.body.split())).words(EXCERPT_WORDS)

    @property
    def actions(self):
        """The one-click actions that apply to the comment as it is now."""
        return [action for action in CARD_ACTIONS if action.shown(self.comment)]

    @property
    def can_reply(self):
        return verbs.can_reply_as_staff(self.comment)

    @cached_property
    def reply_form(self):
        return reply_form(self.comment)

    @cached_property
    def edit_form(self):
        return edit_form(self.comment)

    @property
    def next_or_previous(self):
        """The card to go to when this one leaves the list."""
        return self.next_id or self.previous_id

    @property
    def in_context(self):
        """The article shows it in its thread: to everyone (approved), or to moderators."""
        return self.comment.status in (Status.APPROVED, Status.PENDING)


def with_latest_decision(comments):
    return comments.annotate(
        latest_decision_id=Subquery(
            ModerationLog.objects.filter(comment=OuterRef("pk"))
            .order_by("-at", "-pk")
            .values("pk")[:1]
        )
    )


def build_cards(comments, *, viewer):
    """Cards for a page of comments (a list read with `with_latest_decision`): two queries."""
    counts = Comment.objects.approved_counts_by_email(c.author_email for c in comments)
    decision_ids = [c.latest_decision_id for c in comments if c.latest_decision_id]
    decisions = {}
    if decision_ids:
        decisions = {
            entry.pk: decision_of(entry, viewer)
            for entry in ModerationLog.objects.select_related("actor__person").filter(
                pk__in=decision_ids
            )
        }
    cards = []
    for comment in comments:
        cards.append(
            Card(
                comment=comment,
                approved_count=counts.get(comment.author_email, 0) if comment.author_email else 0,
                last_decision=decisions.get(comment.latest_decision_id),
                words=reasons.matched_words(comment.moderation_reasons),
            )
        )
    for before, after in zip(cards, cards[1:], strict=False):
        before.next_id, after.previous_id = after.pk, before.pk
    return cards


def card_rows(comments=None):
    """How cards read their comments: article, parent and latest decision in the same query."""
    comments = Comment.objects.all() if comments is None else comments
    return with_latest_decision(
        comments.select_related("article", "parent").defer(
            "article__body", "article__body_html", "parent__body_html"
        )
    )


def load_card(comment_id, *, viewer):
    """The card of one comment (after an action), or None when it is gone."""
    comments = list(card_rows().filter(pk=comment_id))
    return build_cards(comments, viewer=viewer)[0] if comments else None


@dataclass
class Desk:
    filters: object
    page: object
    cards: list
    counts: dict
    oldest_pending: object
    articles: list
    recent: list

    @property
    def status_links(self):
        """(label, count, query string, selected) per status, then "All", for the header."""
        labels = [*((status, Status(status).label) for status in STATUSES), (ALL, _("All"))]
        return [
            (
                label,
                self.counts[status],
                self.filters.query_string(status=status, page=1),
                self.filters.status == status,
            )
            for status, label in labels
        ]

    @property
    def page_links(self):
        """(label, query string or None for the current page and the gaps) for the pager."""
        paginator = self.page.paginator
        links = []
        for number in paginator.get_elided_page_range(self.page.number, on_each_side=2):
            if number == paginator.ELLIPSIS or number == self.page.number:
                links.append((number, None))
            else:
                links.append((number, self.filters.query_string(page=number)))
        return links

    @property
    def clear_query(self):
        """The same status, every other filter off."""
        return self.filters.query_string(article=None, reason="", date="", q="", page=1)

    def page_query(self, number):
        return self.filters.query_string(page=number)

    @property
    def previous_page_query(self):
        if not self.page.has_previous():
            return ""
        return self.page_query(self.page.previous_page_number())

    @property
    def next_page_query(self):
        return self.page_query(self.page.next_page_number()) if self.page.has_next() else ""


def load_desk(filters, *, viewer):
    """One page of the desk (see the module docstring for its queries)."""
    where = filters.where()
    totals = {status: Count("pk", filter=where & Q(status=status)) for status in STATUSES}
    totals[ALL] = Count("pk", filter=where)
    totals["oldest_pending"] = Min("created_at", filter=Q(status=Status.PENDING))
    counts = filters.queryset().aggregate(**totals)
    oldest = counts.pop("oldest_pending")

    listed = card_rows(filters.listed())
    paginator = _CountedPaginator(listed, PER_PAGE, count=counts[filters.status])
    page = paginator.get_page(filters.page)
    cards = build_cards(list(page.object_list), viewer=viewer)
    return Desk(
        filters=filters.with_page(page.number),
        page=page,
        cards=cards,
        counts=counts,
        oldest_pending=oldest,
        articles=_articles(filters),
        recent=_recent(viewer),
    )


def _articles(filters):
    """(id, title, count) of the articles with comments in the chosen status, for the filter
    (and the chosen article, whatever its count)."""
    rows = (
        Comment.objects.values("article_id", "article__title")
        .annotate(count=Count("pk", filter=filters.status_condition()))
        .filter(Q(count__gt=0) | Q(article_id=filters.article or 0))
        .order_by("article__title", "article_id")[:ARTICLES_SHOWN]
    )
    return [(row["article_id"], row["article__title"], row["count"]) for row in rows]


def _recent(viewer):
    entries = (
        ModerationLog.objects.select_related("actor__person", "comment")
        .only(
            "pk",
            "action",
            "at",
            "actor",
            "comment",
            "from_status",
            "to_status",
            "comment__id",
            "comment__author_name",
            "comment__status",
            "actor__first_name",
            "actor__last_name",
            # Staff appear under their Person's name and role when they have one.
            "actor__person__name",
            "actor__person__role",
        )
        .order_by("-at", "-pk")[:RECENT_SHOWN]
    )
    return [decision_of(entry, viewer) for entry in entries]
