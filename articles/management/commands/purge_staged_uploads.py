from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError

from articles.staging import MAX_AGE, purge

DEFAULT_HOURS = int(MAX_AGE.total_seconds() // 3600)


class Command(BaseCommand):
    help = (
        "Remove images kept for a form that was never saved (the staging folder of the media "
        f"storage), older than N hours (default {DEFAULT_HOURS}). Run it daily, e.g. from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=DEFAULT_HOURS)

    def handle(self, *args, hours, **options):
        if hours < 0:
            raise CommandError("--hours cannot be negative.")
        count = purge(older_than=timedelta(hours=hours))
        self.stdout.write(f"Removed {count} staged upload(s) older than {hours} hours.")
