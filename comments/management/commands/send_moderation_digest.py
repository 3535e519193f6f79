from smtplib import SMTPException

from django.core.management.base import BaseCommand, CommandError

from comments.digest import overdue_digest, send_digest
from comments.models import DiscussionSettings
from comments.tasks import moderator_emails


class Command(BaseCommand):
    help = (
        "Email the moderators the comments that have waited more than a day for moderation, "
        "by article. Run it once a day from cron. It sends nothing (and says so) when the "
        "digest is off in the discussion settings or no comment is overdue."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say what would be sent, and to how many moderators, without sending it.",
        )

    def handle(self, *args, dry_run, **options):
        if not DiscussionSettings.load().moderation_digest:
            self.stdout.write(
                "Nothing sent: the daily moderation digest is off (Discussion settings, "
                "“daily digest to moderators”)."
            )
            return
        digest = overdue_digest()
        if not digest.total:
            self.stdout.write("Nothing sent: no comment has waited more than a day.")
            return
        recipients = moderator_emails()
        if not recipients:
            raise CommandError(
                f"{digest.total} comment(s) are overdue, but no active moderator has an email "
                "address: nothing was sent."
            )
        summary = (
            f"{digest.total} overdue comment(s) on {len(digest.groups)} article(s), "
            f"to {len(recipients)} moderator(s)"
        )
        if dry_run:
            self.stdout.write(f"Would send the digest: {summary}. Nothing was sent (--dry-run).")
            return
        try:
            send_digest(digest, recipients)
        except (OSError, SMTPException) as error:
            raise CommandError(f"The digest could not be sent: {error}") from error
        self.stdout.write(f"Sent the moderation digest: {summary}.")
