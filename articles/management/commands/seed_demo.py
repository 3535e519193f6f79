from django.core.management.base import BaseCommand, CommandError

from articles import demo


class Command(BaseCommand):
    """Load the demo publication; the comments app subclasses it to add a discussion.

    A subclass calls `super().add_arguments(parser)` and `super().handle(...)`, then finds what
    was seeded in `self.publication` (see `articles.demo.Publication`).
    """

    help = (
        "Load the demo publication (a staff account, site texts, Terms and Privacy pages, "
        "articles) and print the staff account as 'username: NAME password: PASSWORD'. Safe "
        "to run again: it creates nothing twice, restores the demo content and gives the "
        "account a new password."
    )

    publication = None

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            help="The demo account's password (default: a new random one on every run).",
        )
        parser.add_argument(
            "--domain",
            help=(
                f"The site's domain (default: {demo.DEFAULT_DOMAIN}, set only while the site "
                f"still has Django's placeholder {demo.UNSET_DOMAIN})."
            ),
        )

    def handle(self, *args, **options):
        try:
            self.publication = demo.seed_publication(
                password=options["password"], domain=options["domain"], stdout=self.stdout
            )
        except demo.DemoOptionError as error:
            raise CommandError(str(error)) from error
