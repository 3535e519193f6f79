from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from comments.models import Comment
from comments.privacy import erase_commenter, normalise_email


class Command(BaseCommand):
    help = (
        "Erase one commenter: name and email anonymised, website, IP address and browser "
        "removed. Their comments' text is kept unless --remove-text is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--remove-text",
            action="store_true",
            help="Also remove the text of their comments (shown as 'comment removed').",
        )
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(self, *args, email, remove_text, interactive, **options):
        try:
            validate_email(email.strip())
        except ValidationError:
            raise CommandError(f"{email!r} is not an email address.") from None
        found = Comment.objects.filter(author_email=normalise_email(email)).count()
        if not found:
            raise CommandError(f"No comment is stored with the email {email}.")
        if interactive:
            what = " and their text" if remove_text else ""
            answer = input(
                f"Erase the commenter of {found} comment(s){what}? This cannot be undone. "
                "Type 'yes' to continue: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Nothing was erased.")
        count = erase_commenter(email, remove_bodies=remove_text)
        self.stdout.write(f"Erased the commenter: {count} comment(s) anonymised.")
