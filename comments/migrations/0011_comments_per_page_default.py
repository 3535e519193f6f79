"""Comments come in pages of 50 top-level threads by default (issue 13): a 10,000-comment
discussion on one page sent 7.8 MB. A site still on the old default (0, one page) moves to 50;
a site that chose a number keeps it."""

from django.db import migrations, models

OLD_DEFAULT = 0
NEW_DEFAULT = 50


def to_pages(apps, schema_editor):
    settings = apps.get_model("comments", "DiscussionSettings")
    settings.objects.filter(comments_per_page=OLD_DEFAULT).update(comments_per_page=NEW_DEFAULT)


def to_one_page(apps, schema_editor):
    settings = apps.get_model("comments", "DiscussionSettings")
    settings.objects.filter(comments_per_page=NEW_DEFAULT).update(comments_per_page=OLD_DEFAULT)


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0010_comment_author_role"),
    ]

    operations = [
        migrations.AlterField(
            model_name="discussionsettings",
            name="comments_per_page",
            field=models.PositiveSmallIntegerField(
                default=NEW_DEFAULT,
                help_text="Top-level threads per page. 0 shows every comment on one page.",
                verbose_name="break comments into pages",
            ),
        ),
        migrations.RunPython(to_pages, to_one_page),
    ]
