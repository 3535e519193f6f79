"""
When a medical review stops being current: REVIEW_VALID_MONTHS after the article's
"last medically reviewed" date. A review is *due* in the DUE_WITHIN days before that, and
*overdue* from that day on. The admin home, the article list's filter and the weekly email
to reviewers (send_review_reminders) all read these queries.
"""

import calendar
import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Article

DUE_WITHIN = datetime.timedelta(days=30)

CURRENT, DUE, OVERDUE, NEVER = "current", "due", "overdue", "never"
CHOICES = [
    (CURRENT, _("current")),
    (DUE, _("due soon")),
    (OVERDUE, _("overdue")),
    (NEVER, _("never reviewed")),
]


def months_before(day, months):
    """The same day `months` earlier (the month's last day when it has no such day)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_after(day, months):
    return months_before(day, -months)


def expires_on(reviewed_on):
    return months_after(reviewed_on, settings.REVIEW_VALID_MONTHS)


def limits(today=None):
    """(overdue_on_or_before, due_on_or_before): review dates at or before the first are
    overdue, those after it and at or before the second are due soon."""
    today = today or timezone.localdate()
    months = settings.REVIEW_VALID_MONTHS
    return months_before(today, months), months_before(today + DUE_WITHIN, months)


def filter_by(queryset, state, today=None):
    """The articles of `queryset` whose review is in `state` (one of CHOICES)."""
    overdue, due = limits(today)
    if state == OVERDUE:
        return queryset.filter(reviewed_on__lte=overdue)
    if state == DUE:
        return queryset.filter(reviewed_on__gt=overdue, reviewed_on__lte=due)
    if state == CURRENT:
        return queryset.filter(reviewed_on__gt=due)
    if state == NEVER:
        return queryset.filter(reviewed_on__isnull=True)
    return queryset


def state_of(article, today=None):
    if article.reviewed_on is None:
        return NEVER
    overdue, due = limits(today)
    if article.reviewed_on <= overdue:
        return OVERDUE
    return DUE if article.reviewed_on <= due else CURRENT


def due_articles(today=None, limit=None):
    """Published and scheduled articles in categories that require review whose review is due
    or overdue, the oldest review first (the first `limit` of them, if given), each with
    `.review_due` (DUE or OVERDUE) and `.review_expires`."""
    _overdue, due = limits(today)
    articles = (
        Article.objects.filter(
            status=Article.Status.PUBLISHED,
            category__requires_review=True,
            reviewed_on__lte=due,
        )
        .select_related("category", "reviewer")
        .order_by("reviewed_on", "pk")
    )
    articles = list(articles if limit is None else articles[:limit])
    for article in articles:
        article.review_due = state_of(article, today)
        article.review_expires = expires_on(article.reviewed_on)
    return articles
