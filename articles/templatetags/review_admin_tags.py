"""The admin home's medical review panel: the queue for reviewers, the reviews due for all
who may see articles."""

from django import template
from django.urls import reverse

from articles import review_due, signoff

register = template.Library()

# The home shows the oldest reviews due; the article list's review filter shows them all.
HOME_LIMIT = 10


@register.simple_tag(takes_context=True)
def review_home(context):
    user = context["request"].user
    if not user.has_perm("articles.view_article"):
        return None
    due = review_due.due_articles(limit=HOME_LIMIT + 1)
    home = {
        "due": due[:HOME_LIMIT],
        "more_due": len(due) > HOME_LIMIT,
        "list_url": reverse("admin:articles_article_changelist"),
        "queue_url": None,
        "submitted": 0,
    }
    if user.has_perm("articles.review_article"):
        home["queue_url"] = reverse("admin:articles_article_review_queue")
        home["submitted"] = signoff.pending_sign_offs().count()
    return home
