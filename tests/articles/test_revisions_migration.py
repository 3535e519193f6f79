"""Migration 0011 gives every existing article its revision 1: its text when revisions began."""

import datetime

import pytest
from django.utils import timezone

from tests.migrating import migrated_back_to

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("articles", "0010_mediaimage")]
AFTER = [("articles", "0011_revisions")]


@pytest.fixture
def executor():
    with migrated_back_to(BEFORE) as executor:
        yield executor


def test_every_article_gets_its_first_revision(executor):
    apps = executor.loader.project_state(BEFORE).apps
    Person = apps.get_model("articles", "Person")
    category = apps.get_model("articles", "Category").objects.create(name="Old", slug="old")
    author = Person.objects.create(name="Dana Writer", slug="dana", credentials="RD")
    article = apps.get_model("articles", "Article").objects.create(
        title="Sleep",
        slug="sleep",
        body="Dark rooms help.",
        category=category,
        author=author,
        status="published",
        published_at=timezone.now() - datetime.timedelta(days=3),
    )
    apps.get_model("articles", "Source").objects.create(
        article=article, position=1, title="Sleep study", publisher="BMJ", date="2023"
    )

    executor.loader.build_graph()
    executor.migrate(AFTER)

    Revision = executor.loader.project_state(AFTER).apps.get_model("articles", "Revision")
    revision = Revision.objects.get()
    assert (revision.article_id, revision.number, revision.kind) == (article.pk, 1, "initial")
    assert revision.created_by_id is None
    assert revision.snapshot["title"] == "Sleep"
    assert revision.snapshot["body"] == "Dark rooms help."
    assert revision.snapshot["author"] == "Dana Writer, RD"
    assert revision.snapshot["sources"] == ["Sleep study (BMJ, 2023)"]
    assert revision.snapshot["source_records"][0]["publisher"] == "BMJ"
