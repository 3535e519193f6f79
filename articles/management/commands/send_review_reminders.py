from smtplib import SMTPException

from django.core.management.base import BaseCommand, CommandError

from articles import review_due
from articles.seo import site_root
from articles.tasks import reviewer_emails, send_review_reminder


class Command(BaseCommand):
    help = (
        "Email each member of the Medical reviewers group (with an email address) the "
        "published articles whose medical review is due within 30 days or overdue. Run it "
        "weekly from cron. It sends nothing (and says so) when every review is current."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say what would be sent, and to whom, without sending it.",
        )

    def handle(self, *args, dry_run, **options):
        articles = review_due.due_articles()
        if not articles:
            self.stdout.write("Nothing sent: every published article's review is current.")
            return
        recipients = reviewer_emails()
        if not recipients:
            raise CommandError(
                f"{len(articles)} review(s) are due, but no active member of the Medical "
                "reviewers group has an email address: nothing was sent."
            )
        summary = f"{len(articles)} review(s) due or overdue, to {len(recipients)} reviewer(s)"
        if dry_run:
            self.stdout.write(f"Would send: {summary}. Nothing was sent (--dry-run).")
            return
        root = site_root()
        try:
            for email in recipients:
                send_review_reminder.enqueue(email, root)
        except (OSError, SMTPException) as error:
            raise CommandError(f"The reminders could not be sent: {error}") from error
        self.stdout.write(f"Sent the review reminders: {summary}.")
