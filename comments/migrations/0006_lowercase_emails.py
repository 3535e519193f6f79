"""Commenter emails in one spelling (lowercase, trimmed), as Comment.clean now stores them,
so exact lookups (unsubscribe, export, erase, known authors) find older rows too."""

from django.db import migrations
from django.db.models.functions import Lower, Trim


def lowercase_emails(apps, schema_editor):
    Comment = apps.get_model("comments", "Comment")
    Comment.objects.update(author_email=Lower(Trim("author_email")))


class Migration(migrations.Migration):
    dependencies = [("comments", "0005_settings_version")]

    operations = [migrations.RunPython(lowercase_emails, migrations.RunPython.noop)]
