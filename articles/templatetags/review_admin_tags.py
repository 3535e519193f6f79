"""The admin home's medical review panel: the queue for reviewers, the reviews due for all
who may see articles."""

from django import template
from django.urls import reverse

from articles import review_due, signoff

register = template.Library()


@register.simple_tag(takes_context=True)
def review_home(context):
    user = context["request"].user
    if not user.has_perm("articles.view_article"):
        return None
    home = {"due": review_due.due_articles(), "queue_url": None, "submitted": 0}
    if user.has_perm("articles.review_article"):
        home["queue_url"] = reverse("admin:articles_article_review_queue")
        home["submitted"] = len(signoff.awaiting_review())
    return home
