"""The daily digest for moderators: the comments that have waited more than a day, by article.

Opt-in (DiscussionSettings.moderation_digest). The `send_moderation_digest` command sends it,
run once a day from cron; it sends nothing when the digest is off or nothing is overdue.
"""

from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.timesince import timesince
from django.utils.translation import ngettext

from articles.mail import send_email
from articles.seo import site_root

from .models import Comment

OVERDUE_AFTER = timedelta(days=1)
# The email lists at most this many comments (the oldest); it says how many more wait.
LISTED = 200
EXCERPT_WORDS = 30


@dataclass
class ArticleGroup:
    article: object
    comments: list
    queue_url: str


@dataclass
class Digest:
    groups: list
    total: int
    queue_url: str

    @property
    def listed(self):
        return sum(len(group.comments) for group in self.groups)


def overdue_digest(*, now=None, older_than=OVERDUE_AFTER):
    """The pending comments older than `older_than`, oldest first, grouped by article (the
    article whose oldest comment waited longest first). Two queries."""
    now = now or timezone.now()
    overdue = Comment.objects.pending().filter(created_at__lte=now - older_than)
    total = overdue.count()
    root = site_root()
    queue = root + reverse("admin:comments_comment_changelist")
    groups = {}
    if total:
        for comment in overdue.select_related("article").order_by("created_at", "pk")[:LISTED]:
            group = groups.get(comment.article_id)
            if group is None:
                query = urlencode({"status": "pending", "article__id__exact": comment.article_id})
                group = groups[comment.article_id] = ArticleGroup(
                    comment.article, [], f"{queue}?{query}"
                )
            comment.admin_url = root + reverse("admin:comments_comment_change", args=[comment.pk])
            comment.excerpt = Truncator(comment.body).words(EXCERPT_WORDS)
            comment.waited = timesince(comment.created_at, now, depth=2)
            group.comments.append(comment)
    return Digest(list(groups.values()), total, f"{queue}?status=pending")


def send_digest(digest, recipients):
    """One email to the moderators listing the digest."""
    subject = ngettext(
        "%(count)d comment has waited more than a day for moderation",
        "%(count)d comments have waited more than a day for moderation",
        digest.total,
    ) % {"count": digest.total}
    send_email(
        "comments/email/moderation_digest",
        subject=subject,
        to=recipients,
        context={"digest": digest, "more": digest.total - digest.listed},
    )
