"""People and citations (issue 10): the Person and Source models, the author and reviewer
links, key points. The old text fields are moved into them by 0008 and removed by 0009; the
text sources field is renamed first so that the new rows can take its name."""

import articles.citations
import articles.images
import articles.people
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0006_blank_automatic_excerpts'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField(
            model_name='article',
            old_name='sources',
            new_name='sources_text',
        ),
        migrations.AddField(
            model_name='article',
            name='key_points',
            field=models.TextField(blank=True, help_text="Optional: the article's main points, one per line, shown above the body.", max_length=2000, verbose_name='key points'),
        ),
        migrations.AlterField(
            model_name='article',
            name='status',
            field=models.CharField(choices=[('draft', 'Draft'), ('published', 'Published')], default='draft', max_length=10, verbose_name='status'),
        ),
        migrations.CreateModel(
            name='Person',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=120, verbose_name='name')),
                ('slug', models.SlugField(help_text='The address: /authors/<slug>/.', max_length=120, unique=True, verbose_name='slug')),
                ('kind', models.CharField(choices=[('person', 'Person'), ('team', 'Team')], default='person', max_length=10, verbose_name='kind')),
                ('credentials', models.CharField(blank=True, help_text='Letters after the name, such as "MD" or "RD, MPH".', max_length=80, verbose_name='credentials')),
                ('role', models.CharField(blank=True, help_text='Job title, such as "Dietitian".', max_length=120, verbose_name='role')),
                ('bio', models.TextField(blank=True, help_text='A few sentences, plain text; blank lines separate paragraphs.', max_length=1500, verbose_name='bio')),
                ('photo', models.ImageField(blank=True, help_text='JPEG, PNG, WebP or GIF, at most 10 MB and 40 megapixels.', upload_to='people/%Y/%m/', validators=[articles.images.validate_new_upload], verbose_name='photo')),
                ('photo_renditions', models.JSONField(default=list, editable=False)),
                ('profile_links', models.TextField(blank=True, help_text='Pages that are this person elsewhere (a professional register, a university page), one https:// address per line.', validators=[articles.people.validate_profile_links], verbose_name='profile links')),
                ('user', models.OneToOneField(blank=True, help_text='The staff account of this person, if they have one.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='person', to=settings.AUTH_USER_MODEL, verbose_name='staff account')),
            ],
            options={
                'verbose_name': 'person',
                'verbose_name_plural': 'people',
                'ordering': ['name', 'pk'],
            },
        ),
        migrations.AddField(
            model_name='article',
            name='author',
            field=models.ForeignKey(blank=True, help_text="A person or a team. Left blank, the byline is the site's team.", null=True, on_delete=django.db.models.deletion.PROTECT, related_name='articles_written', to='articles.person', verbose_name='author'),
        ),
        migrations.AddField(
            model_name='article',
            name='reviewer',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='articles_reviewed', to='articles.person', verbose_name='medical reviewer'),
        ),
        migrations.CreateModel(
            name='Source',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveSmallIntegerField(default=0, verbose_name='position')),
                ('title', models.CharField(help_text='The title of the page, paper or book.', max_length=300, verbose_name='title')),
                ('url', models.URLField(blank=True, max_length=500, verbose_name='address')),
                ('publisher', models.CharField(blank=True, help_text='The organisation or journal, such as NHS or The Lancet.', max_length=200, verbose_name='publisher')),
                ('date', models.CharField(blank=True, help_text='YYYY, YYYY-MM or YYYY-MM-DD.', max_length=10, validators=[articles.citations.validate_partial_date], verbose_name='date')),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='sources', to='articles.article', verbose_name='article')),
            ],
            options={
                'verbose_name': 'source',
                'verbose_name_plural': 'sources',
                'ordering': ['position', 'pk'],
            },
        ),
    ]
