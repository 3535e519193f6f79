from django.core.management.base import BaseCommand
from django.db import transaction

from articles.sanitize import sanitize_comment
from comments.freshness import discussion_changed
from comments.models import Comment

BATCH = 1000


class Command(BaseCommand):
    help = (
        "Rebuild every comment's HTML from its source text with the current sanitiser, after "
        "the allow-list changed."
    )

    def handle(self, *args, **options):
        changed = total = 0
        batch = []
        rows = Comment.objects.only("pk", "article_id", "body", "body_html")
        for comment in rows.iterator(chunk_size=BATCH):
            total += 1
            html = sanitize_comment(comment.body)
            if html != comment.body_html:
                comment.body_html = html
                batch.append(comment)
            if len(batch) >= BATCH:
                changed += _store(batch)
                batch = []
        if batch:
            changed += _store(batch)
        self.stdout.write(f"Rebuilt the HTML of {changed} of {total} comment(s).")


def _store(batch):
    """The new HTML of a batch, and the discussions it shows in, changed together."""
    with transaction.atomic():
        discussion_changed({comment.article_id for comment in batch})
        return Comment.objects.bulk_update(batch, ["body_html"])
