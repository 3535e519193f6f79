"""Excerpts the old code wrote itself are blanked, so they follow the body from now on.

Until 0005 a blank excerpt was filled on the first save with the opening 40 words of the
body's text (headings run into the sentences) and then kept however the body changed. An
excerpt equal to what that code makes of the stored body is blanked; one an editor wrote is
kept. The old code is copied here, in both its versions (entities decoded or not), because
migrations must not follow later changes to the app's code.
"""

from html import unescape

from django.db import migrations
from django.utils.html import strip_tags
from django.utils.text import Truncator

OLD_EXCERPT_WORDS = 40


def _old_excerpts(body_html):
    """What the old code stored for this body: before and after it decoded entities."""
    text = strip_tags(body_html or "")
    return {
        Truncator(text.replace("\n", " ")).words(OLD_EXCERPT_WORDS, truncate="…").strip(),
        Truncator(" ".join(unescape(text).split()))
        .words(OLD_EXCERPT_WORDS, truncate="…")
        .strip(),
    }


def blank_automatic_excerpts(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    automatic = [
        pk
        for pk, excerpt, body_html in Article.objects.exclude(excerpt="")
        .values_list("pk", "excerpt", "body_html")
        .iterator()
        if excerpt in _old_excerpts(body_html)
    ]
    # update(), not save(): an excerpt is not an edit of the article (no version, no date).
    for start in range(0, len(automatic), 500):
        Article.objects.filter(pk__in=automatic[start : start + 500]).update(excerpt="")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_article_version_and_new_upload_checks"),
    ]

    operations = [
        migrations.RunPython(blank_automatic_excerpts, migrations.RunPython.noop),
    ]
