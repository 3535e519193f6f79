"""What the desk shows, read from its query string: status, article, reason, date, search and
page. Values that do not fit are ignored (the desk never answers 400 for a hand-typed URL).

The same object writes the query string back, for the status links, the pages and the "back"
field of every form on the desk, so an action returns to the same place.
"""

import ipaddress
import re
from dataclasses import dataclass, replace
from datetime import timedelta
from urllib.parse import urlencode

from django import forms
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import reasons
from ..models import Comment

Status = Comment.Status
ALL = "all"
REASONS_TEXT = "reasons_text"
DATE_CHOICES = [
    ("", _("any time")),
    ("today", _("today")),
    ("7d", _("last 7 days")),
    ("30d", _("last 30 days")),
]
DATE_DAYS = {"7d": 7, "30d": 30}
_ADDRESS_PART = re.compile(r"[0-9a-fA-F:.]+")


class DeskFilterForm(forms.Form):
    """The filter fields, for reading the query string and drawing the filter bar."""

    status = forms.ChoiceField(
        label=_("Status"), choices=[*Status.choices, (ALL, _("All"))], required=False
    )
    article = forms.IntegerField(label=_("Article"), min_value=1, required=False)
    reason = forms.ChoiceField(
        label=_("Reason"),
        choices=[("", _("any reason")), *((kind.key, kind.label) for kind in reasons.KINDS)],
        required=False,
    )
    date = forms.ChoiceField(label=_("Date"), choices=DATE_CHOICES, required=False)
    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    page = forms.IntegerField(min_value=1, required=False)


@dataclass(frozen=True)
class DeskFilters:
    status: str = Status.PENDING
    article: int | None = None
    reason: str = ""
    date: str = ""
    q: str = ""
    page: int = 1

    @classmethod
    def from_query(cls, query):
        """From a QueryDict (or a query string); each value that does not fit is left out."""
        if isinstance(query, str):
            query = QueryDict(query)
        form = DeskFilterForm(query)
        form.is_valid()
        values = {name: value for name, value in form.cleaned_data.items() if value}
        return cls(**values)

    # Writing back.

    def params(self, **changes):
        """The query parameters that differ from the defaults (after `changes`)."""
        current = replace(self, **changes)
        defaults = DeskFilters()
        return {
            name: getattr(current, name)
            for name in ("status", "article", "reason", "date", "q", "page")
            if getattr(current, name) != getattr(defaults, name)
        }

    def query_string(self, **changes):
        return urlencode(self.params(**changes))

    def with_page(self, number):
        return replace(self, page=number)

    @property
    def is_filtered(self):
        """Anything chosen besides the status and the page."""
        return bool(self.article or self.reason or self.date or self.q)

    # Querying.

    def queryset(self):
        """Every comment, with what the reason filter reads."""
        queryset = Comment.objects.all()
        if self.reason:
            queryset = queryset.annotate(**{REASONS_TEXT: Cast("moderation_reasons", TextField())})
        return queryset

    def where(self, now=None):
        """The conditions besides the status: article, reason, date and search."""
        condition = Q()
        if self.article:
            condition &= Q(article_id=self.article)
        if self.reason:
            condition &= reasons.KIND_BY_KEY[self.reason].condition(REASONS_TEXT)
        if self.date:
            condition &= Q(created_at__gte=self.since(now))
        if self.q:
            condition &= self.search()
        return condition

    def status_condition(self):
        return Q() if self.status == ALL else Q(status=self.status)

    def since(self, now=None):
        now = now or timezone.now()
        if self.date == "today":
            return timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
        return now - timedelta(days=DATE_DAYS[self.date])

    def search(self):
        """Name, email, text or IP address (a whole address, or the start of one)."""
        text = self.q.strip()
        condition = (
            Q(author_name__icontains=text)
            | Q(author_email__icontains=text)
            | Q(body__icontains=text)
        )
        try:
            address = ipaddress.ip_address(text)
        except ValueError:
            if _ADDRESS_PART.fullmatch(text) and any(mark in text for mark in ".:"):
                condition |= Q(ip_address__startswith=text)
        else:
            condition |= Q(ip_address=str(address))
        return condition

    @property
    def ordering(self):
        """The queue oldest first, as it is worked through; the other lists newest first."""
        if self.status == Status.PENDING:
            return ("created_at", "pk")
        return ("-created_at", "-pk")

    def listed(self):
        """The comments the desk lists, in its order."""
        return (
            self.queryset().filter(self.where(), self.status_condition()).order_by(*self.ordering)
        )

    def shows(self, comment_id):
        """Whether the comment is among those listed (after an action changed it)."""
        return self.listed().filter(pk=comment_id).exists()
