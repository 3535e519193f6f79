from django.db import models
from django.db.models import Count, Min
from django.db.models.functions import Substr

from . import threads


class CommentQuerySet(models.QuerySet):
    def public(self):
        """The comments anyone may read."""
        return self.filter(status=self.model.Status.APPROVED)

    def pending(self):
        """The comments awaiting moderation."""
        return self.filter(status=self.model.Status.PENDING)

    def pending_summary(self):
        """{"count": comments awaiting moderation, "oldest": when the oldest came}, one query."""
        return self.pending().aggregate(count=Count("pk"), oldest=Min("created_at"))

    def for_thread(self):
        """What drawing a thread needs, in thread order: not the source text or moderation data."""
        return self.defer("body", "user_agent", "ip_address", "moderation_reasons").order_by(
            "path"
        )

    def with_thread_root(self):
        """Each comment with `root`, the path of its thread's first comment (in SQL what
        threads.thread_root_path is in Python)."""
        return self.annotate(root=Substr("path", 1, threads.SEGMENT_WIDTH))

    def public_thread_roots(self, article):
        """The root path of every thread with at least one public comment, in thread order."""
        return (
            self.public()
            .filter(article=article)
            .with_thread_root()
            .values_list("root", flat=True)
            .distinct()
            .order_by("root")
        )

    def approved_counts_by_email(self, emails):
        """{email: number of approved comments} for a page of commenters, in one query."""
        emails = {email for email in emails if email}
        if not emails:
            return {}
        return dict(
            self.public()
            .filter(author_email__in=emails)
            .values_list("author_email")
            .annotate(count=Count("pk"))
            .order_by()
        )

    def counts_for(self, articles):
        """{article id: number of public comments} for a page of articles, in one query."""
        ids = [article.pk for article in articles]
        if not ids:
            return {}
        rows = (
            self.public()
            .filter(article_id__in=ids)
            .values("article_id")
            .annotate(count=Count("pk"))
            .order_by()
        )
        return {row["article_id"]: row["count"] for row in rows}
