"""Background tasks (Django's Tasks API) of the publication: the reminder to medical reviewers.

A task takes plain values (an address, the site's root address), reads the reviews due when it
runs and sends one email, so a queued reminder never lists a review done meanwhile.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from . import review_due
from .groups import REVIEWERS
from .mail import send_email


def reviewer_emails():
    """The addresses of the active members of the Medical reviewers group."""
    return list(
        get_user_model()
        .objects.filter(is_active=True, groups__name=REVIEWERS)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
        .order_by("email")
    )


@task()
def send_review_reminder(email, root):
    """One reviewer's email listing the reviews due and overdue; 0 (nothing sent) if none."""
    articles = review_due.due_articles()
    if not articles:
        return 0
    overdue = sum(article.review_due == review_due.OVERDUE for article in articles)
    for article in articles:
        article.admin_url = root + reverse("admin:articles_article_change", args=[article.pk])
    context = {
        "articles": articles,
        "overdue": overdue,
        "queue_url": root + reverse("admin:articles_article_review_queue"),
        "list_url": root + reverse("admin:articles_article_changelist") + "?review=overdue",
        "months": settings.REVIEW_VALID_MONTHS,
    }
    subject = ngettext(
        "%(count)d medical review is due", "%(count)d medical reviews are due", len(articles)
    ) % {"count": len(articles)}
    if overdue:
        subject += _(" (%(count)d overdue)") % {"count": overdue}
    send_email("articles/email/review_reminder", subject=subject, to=[email], context=context)
    return 1
