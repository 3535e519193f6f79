"""The articles app's data migrations (0008): bylines, reviewers and sources become rows, and
a stored "scheduled" status becomes "published", run on a database at the state before."""

import datetime

import pytest
from django.utils import timezone

from tests.migrating import migrated_back_to

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("articles", "0006_blank_automatic_excerpts")]
AFTER = [("articles", "0009_remove_text_people_and_sources")]


@pytest.fixture
def executor():
    with migrated_back_to(BEFORE) as executor:
        yield executor


def old_articles(executor):
    """Articles as the old code stored them."""
    apps = executor.loader.project_state(BEFORE).apps
    Article = apps.get_model("articles", "Article")
    category = apps.get_model("articles", "Category").objects.create(name="Old", slug="old")
    now = timezone.now()

    def add(slug, **fields):
        fields.setdefault("status", "published")
        fields.setdefault("published_at", now - datetime.timedelta(days=1))
        return Article.objects.create(
            title=slug, slug=slug, body="Text.", category=category, **fields
        ).pk

    return {
        "reviewed": add(
            "reviewed",
            byline="Dana Writer",
            reviewed_by="Dr. Ray Reviewer, MD",
            sources=(
                "NHS — Insomnia. https://www.nhs.uk/conditions/insomnia/.\n"
                "\n"
                "  Walker M. Why We Sleep. Scribner, 2017.  \n"
                "https://www.example.org/bare-address\n"
                "A study (https://example.org/study?id=4), 2021\n"
            ),
        ),
        "same people": add(
            "same-people", byline="dana writer", reviewed_by="Dr. Ray Reviewer, MD"
        ),
        "writer reviews": add("writer-reviews", byline="Ray Smith", reviewed_by="Dana Writer"),
        "team": add("team", byline=""),
        "scheduled past": add("scheduled-past", status="scheduled"),
        "scheduled future": add(
            "scheduled-future", status="scheduled", published_at=now + datetime.timedelta(days=2)
        ),
        "draft": add("draft", status="draft", published_at=None),
    }


def migrated(executor):
    executor.loader.build_graph()
    executor.migrate(AFTER)
    return executor.loader.project_state(AFTER).apps


def test_bylines_and_reviewers_become_people(executor):
    pks = old_articles(executor)

    apps = migrated(executor)

    Article = apps.get_model("articles", "Article")
    Person = apps.get_model("articles", "Person")
    people = {p.slug: (p.name, p.credentials) for p in Person.objects.all()}
    assert people == {
        "dana-writer": ("Dana Writer", ""),
        "dr-ray-reviewer": ("Dr. Ray Reviewer", "MD"),
        "ray-smith": ("Ray Smith", ""),
    }

    def names(key):
        article = Article.objects.select_related("author", "reviewer").get(pk=pks[key])
        return (
            article.author.slug if article.author else None,
            article.reviewer.slug if article.reviewer else None,
        )

    assert names("reviewed") == ("dana-writer", "dr-ray-reviewer")
    assert names("same people") == ("dana-writer", "dr-ray-reviewer")
    assert names("writer reviews") == ("ray-smith", "dana-writer")
    assert names("team") == (None, None)


def test_source_lines_become_citations_titled_without_their_address(executor):
    pks = old_articles(executor)

    apps = migrated(executor)

    Source = apps.get_model("articles", "Source")
    rows = [
        (s.position, s.title, s.url)
        for s in Source.objects.filter(article_id=pks["reviewed"]).order_by("position")
    ]
    assert rows == [
        (0, "NHS — Insomnia.", "https://www.nhs.uk/conditions/insomnia/"),
        (1, "Walker M. Why We Sleep. Scribner, 2017.", ""),
        (2, "www.example.org", "https://www.example.org/bare-address"),
        (3, "A study, 2021", "https://example.org/study?id=4"),
    ]
    assert Source.objects.count() == 4


def test_a_stored_scheduled_status_becomes_published_and_the_dates_decide(executor):
    pks = old_articles(executor)

    apps = migrated(executor)

    Article = apps.get_model("articles", "Article")
    statuses = dict(Article.objects.values_list("pk", "status"))
    assert statuses[pks["scheduled past"]] == "published"
    assert statuses[pks["scheduled future"]] == "published"
    assert statuses[pks["draft"]] == "draft"
    assert set(statuses.values()) == {"draft", "published"}


def test_migrating_back_restores_the_text_fields(executor):
    pks = old_articles(executor)
    migrated(executor)

    executor.loader.build_graph()
    executor.migrate(BEFORE)

    Article = executor.loader.project_state(BEFORE).apps.get_model("articles", "Article")
    reviewed = Article.objects.get(pk=pks["reviewed"])
    assert (reviewed.byline, reviewed.reviewed_by) == ("Dana Writer", "Dr. Ray Reviewer, MD")
    assert reviewed.sources.splitlines()[0] == (
        "NHS — Insomnia. https://www.nhs.uk/conditions/insomnia/"
    )
    assert Article.objects.get(pk=pks["scheduled future"]).status == "scheduled"
    assert Article.objects.get(pk=pks["scheduled past"]).status == "published"
