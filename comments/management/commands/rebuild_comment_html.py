from django.core.management.base import BaseCommand

from articles.sanitize import sanitize_comment
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
        for comment in Comment.objects.only("pk", "body", "body_html").iterator(chunk_size=BATCH):
            total += 1
            html = sanitize_comment(comment.body)
            if html != comment.body_html:
                comment.body_html = html
                batch.append(comment)
            if len(batch) >= BATCH:
                changed += Comment.objects.bulk_update(batch, ["body_html"])
                batch = []
        if batch:
            changed += Comment.objects.bulk_update(batch, ["body_html"])
        self.stdout.write(f"Rebuilt the HTML of {changed} of {total} comment(s).")
