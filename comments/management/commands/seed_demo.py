from django.core.management.base import CommandError

from articles import demo_content
from articles.management.commands.seed_demo import Command as PublicationCommand
from articles.models import Article
from comments import demo


class Command(PublicationCommand):
    """The demo publication, plus its discussions (and, with --comments N, a large one).

    It extends the articles app's command because `articles` never imports `comments`;
    `comments` is listed first in INSTALLED_APPS so this is the `seed_demo` that runs.
    """

    help = PublicationCommand.help + (
        " Adds a small written discussion to each demo article and a few comments awaiting "
        "moderation (each held for a different reason); --comments N adds N approved "
        "comments in a threaded shape to one article, for benchmarks."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--comments",
            type=int,
            default=None,
            metavar="N",
            help=f"Add N approved comments (1 to {demo.MAX_BULK_COMMENTS:,}) to one article.",
        )
        parser.add_argument(
            "--article",
            metavar="SLUG",
            help="The article for --comments (default: the newest published article).",
        )

    def handle(self, *args, **options):
        count = options["comments"]
        if count is not None and not 0 < count <= demo.MAX_BULK_COMMENTS:
            raise CommandError(
                f"--comments must be between 1 and {demo.MAX_BULK_COMMENTS:,}, not {count}."
            )
        self._check_article_option(options["article"], count)
        super().handle(*args, **options)
        publication = self.publication
        written = demo.seed_discussions(articles=publication.articles, staff_user=publication.user)
        self.stdout.write(f"  comments: {written} created in the demo discussions")
        pending = demo.seed_pending(articles=publication.articles)
        self.stdout.write(f"  comments: {pending} awaiting moderation added for the desk")
        if count:
            article = self._bulk_article(options["article"])
            added = demo.seed_bulk_comments(
                article=article, count=count, staff_user=publication.user
            )
            self.stdout.write(
                f"  comments: {added} added to “{article.title}” ({article.get_absolute_url()})"
            )

    def _check_article_option(self, slug, count):
        """Refuse a bad --article before anything is written."""
        if slug is None:
            return
        if count is None:
            raise CommandError("--article goes with --comments N.")
        demo_slugs = {
            data["slug"] for data in demo_content.ARTICLES if data["status"] == "published"
        }
        if slug not in demo_slugs and not Article.objects.published().filter(slug=slug).exists():
            raise CommandError(f"No published article with the slug {slug!r}.")

    def _bulk_article(self, slug):
        articles = Article.objects.published()
        article = (
            articles.filter(slug=slug).first()
            if slug
            else articles.order_by("-published_at").first()
        )
        if article is None:
            raise CommandError(
                f"No published article with the slug {slug!r}."
                if slug
                else "No published article to add comments to."
            )
        return article
