from django.core.management.base import BaseCommand

from articles.models import Article
from articles.rendering import render_markdown


class Command(BaseCommand):
    help = (
        "Render every article's Markdown again with the current sanitiser, after the staff "
        "allow-list changed. Only the HTML changes; nothing else is saved."
    )

    def handle(self, *args, **options):
        changed = total = 0
        for article in Article.objects.only("pk", "body", "body_html").iterator(chunk_size=200):
            total += 1
            html = render_markdown(article.body)
            if html != article.body_html:
                Article.objects.filter(pk=article.pk).update(body_html=html)
                changed += 1
        self.stdout.write(f"Rebuilt the HTML of {changed} of {total} article(s).")
