import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from comments.privacy import export_commenter


class Command(BaseCommand):
    help = "Print (or write to a file) everything stored about one commenter, as JSON."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--output", metavar="FILE", help="Write the JSON to FILE.")

    def handle(self, *args, email, output, **options):
        try:
            validate_email(email.strip())
        except ValidationError:
            raise CommandError(f"{email!r} is not an email address.") from None
        data = export_commenter(email)
        text = json.dumps(data, indent=2, ensure_ascii=False)
        if output:
            try:
                with open(output, "w", encoding="utf-8") as file:
                    file.write(text + "\n")
            except OSError as error:
                raise CommandError(f"Could not write {output}: {error.strerror}.") from None
            self.stderr.write(f"Wrote {len(data['comments'])} comment(s) to {output}.")
        else:
            self.stdout.write(text)
