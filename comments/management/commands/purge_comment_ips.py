from django.core.management.base import BaseCommand, CommandError

from comments.privacy import DEFAULT_RETENTION_DAYS, purge_network_data


class Command(BaseCommand):
    help = (
        "Forget the IP address and browser (user agent) of comments older than N days "
        f"(default {DEFAULT_RETENTION_DAYS}). Run it daily, e.g. from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=DEFAULT_RETENTION_DAYS)

    def handle(self, *args, days, **options):
        if days < 0:
            raise CommandError("--days cannot be negative.")
        count = purge_network_data(older_than_days=days)
        self.stdout.write(
            f"Forgot the IP address and browser of {count} comment(s) older than {days} days."
        )
