"""The old text fields, now rows (0008), are removed; the stored status is draft or published."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0008_people_and_sources_from_text'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='article',
            name='byline',
        ),
        migrations.RemoveField(
            model_name='article',
            name='reviewed_by',
        ),
        migrations.RemoveField(
            model_name='article',
            name='sources_text',
        ),
        migrations.AddConstraint(
            model_name='article',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['draft', 'published'])), name='article_status_stored', violation_error_message='An article is stored as a draft or as published.'),
        ),
    ]
