import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    """When a category, tag or person last changed: read by the cache keys of the pages that
    name them (articles.cachekeys)."""

    dependencies = [
        ("articles", "0013_discussion_version"),
    ]

    operations = [
        migrations.AddField(
            model_name=model,
            name="modified_at",
            field=models.DateTimeField(
                auto_now=True, db_index=True, default=django.utils.timezone.now
            ),
            preserve_default=False,
        )
        for model in ("category", "tag", "person")
    ]
