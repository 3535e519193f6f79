"""The free-text byline, "medically reviewed by" and sources become rows; "scheduled" goes.

- Each distinct byline and reviewer becomes one Person (the same name, in any capitals, is
  one person). A reviewer's text was "Name, credentials": what follows the first comma
  becomes the credentials. Slugs come from the names, made unique with -2, -3...
- Each line of the sources text becomes a Source: the web address in the line (if any) is
  its link, the rest of the line its title (an address alone gives the site's name).
- A stored "scheduled" status becomes "published": scheduled is now read from the date.

Articles are changed with update(), not save(): this is not an edit (no version, no date).
The old code's rules are copied here, because migrations must not follow later changes.
"""

import re
from urllib.parse import urlsplit

from django.db import migrations
from django.utils import timezone
from django.utils.text import slugify

URL_IN_TEXT = re.compile(r"https?://[^\s<>\"']+")
TITLE_EDGES = " \t-–—:,;("
EMPTY_BRACKETS = re.compile(r"\(\s*\)|\[\s*\]|<\s*>")
SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([,.;:])")
DOUBLED_PUNCTUATION = re.compile(r"([,.;:])[,.;:]+")
NAME_MAX, CREDENTIALS_MAX, SLUG_MAX, TITLE_MAX, URL_MAX = 120, 80, 120, 300, 500


def split_reviewer(text):
    """("Dr. A. Rahman", "MD") from "Dr. A. Rahman, MD"; the whole text as the name when
    there is no comma or the rest is too long to be credentials."""
    name, _comma, credentials = text.partition(",")
    name, credentials = name.strip(), credentials.strip()
    if not name or not credentials or len(credentials) > CREDENTIALS_MAX:
        return text[:NAME_MAX], ""
    return name[:NAME_MAX], credentials


def unique_slug(name, taken):
    base = slugify(name)[: SLUG_MAX - 6].strip("-") or "person"
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    taken.add(slug)
    return slug


def source_rows(text):
    """(title, url) of each non-blank line of the old sources text."""
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        match = URL_IN_TEXT.search(line)
        url = match.group(0).rstrip(".,;)") if match else ""
        if len(url) > URL_MAX:
            yield line[:TITLE_MAX], ""
            continue
        rest = (line[: match.start()] + " " + line[match.start() + len(url) :]) if match else line
        rest = EMPTY_BRACKETS.sub(" ", rest)
        title = SPACE_BEFORE_PUNCTUATION.sub(r"\1", " ".join(rest.split()))
        title = DOUBLED_PUNCTUATION.sub(r"\1", title).strip(TITLE_EDGES)
        if not title:
            title = urlsplit(url).netloc
        yield title[:TITLE_MAX], url


def people_from_text(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Person = apps.get_model("articles", "Person")
    taken = set(Person.objects.values_list("slug", flat=True))
    people = {person.name.casefold(): person for person in Person.objects.all()}

    def person_for(name, credentials=""):
        key = name.casefold()
        person = people.get(key)
        if person is None:
            person = Person.objects.create(
                name=name, slug=unique_slug(name, taken), credentials=credentials
            )
            people[key] = person
        elif credentials and not person.credentials:
            person.credentials = credentials
            person.save(update_fields=["credentials"])
        return person

    rows = Article.objects.values_list("pk", "byline", "reviewed_by")
    for pk, byline, reviewed_by in rows.iterator():
        changes = {}
        if byline.strip():
            changes["author"] = person_for(byline.strip()[:NAME_MAX])
        if reviewed_by.strip():
            changes["reviewer"] = person_for(*split_reviewer(reviewed_by.strip()))
        if changes:
            Article.objects.filter(pk=pk).update(**changes)


def sources_from_text(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Source = apps.get_model("articles", "Source")
    batch = []
    for pk, text in Article.objects.exclude(sources_text="").values_list("pk", "sources_text"):
        batch += [
            Source(article_id=pk, position=position, title=title, url=url)
            for position, (title, url) in enumerate(source_rows(text))
        ]
        if len(batch) >= 500:
            Source.objects.bulk_create(batch)
            batch = []
    Source.objects.bulk_create(batch)


def scheduled_to_published(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Article.objects.filter(status="scheduled").update(status="published")


def people_back_to_text(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    for article in Article.objects.select_related("author", "reviewer"):
        byline = article.author.name if article.author else ""
        reviewed_by = ""
        if article.reviewer:
            reviewed_by = ", ".join(
                part for part in (article.reviewer.name, article.reviewer.credentials) if part
            )
        Article.objects.filter(pk=article.pk).update(
            byline=byline[:NAME_MAX], reviewed_by=reviewed_by[:NAME_MAX]
        )


def sources_back_to_text(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Source = apps.get_model("articles", "Source")
    lines = {}
    for source in Source.objects.order_by("article_id", "position", "pk"):
        lines.setdefault(source.article_id, []).append(
            " ".join(part for part in (source.title, source.url) if part)
        )
    for pk, article_lines in lines.items():
        Article.objects.filter(pk=pk).update(sources_text="\n".join(article_lines))


def scheduled_back(apps, schema_editor):
    """Published with a date to come was stored as "scheduled" before."""
    Article = apps.get_model("articles", "Article")
    Article.objects.filter(status="published", published_at__gt=timezone.now()).update(
        status="scheduled"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_people_sources_key_points"),
    ]

    operations = [
        migrations.RunPython(people_from_text, people_back_to_text),
        migrations.RunPython(sources_from_text, sources_back_to_text),
        migrations.RunPython(scheduled_to_published, scheduled_back),
    ]
