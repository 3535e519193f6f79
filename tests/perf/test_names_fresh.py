"""A cached page names people, categories and tags: renaming one shows on the very next
request of any reader, as every other change does (the keys read their latest change)."""

import pytest
from django.test import Client

from articles.models import Category, Person, Tag
from tests.factories import ArticleFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    author = PersonFactory(name="Priya Raman", slug="priya")
    article = ArticleFactory(title="Evening walks and sleep", author=author)
    article.tags.add(Tag.objects.create(name="Walking", slug="walking"))
    Client().get(article.get_absolute_url())  # settings rows made, versions settled
    return article


def page(path):
    """What an anonymous reader gets: the shared copy once one is built."""
    return Client().get(path).content.decode()


@pytest.mark.parametrize(
    ("rename", "old", "new"),
    [
        (lambda: Person.objects.get(slug="priya"), "Priya Raman", "Priya Raman-Okafor"),
        (lambda a: a.category, None, "Sleep and rest"),
        (lambda: Tag.objects.get(slug="walking"), "Walking", "Walking outdoors"),
    ],
    ids=["person", "category", "tag"],
)
def test_a_renamed_person_category_or_tag_shows_at_once_on_cached_pages(article, rename, old, new):
    renamed = rename(article) if rename.__code__.co_argcount else rename()
    old = old or renamed.name
    paths = [article.get_absolute_url(), "/", article.category.get_absolute_url()]
    before = [page(path) for path in paths]  # the shared copies, built
    assert old in before[0]
    assert old in page(paths[0])  # and served again

    renamed.name = new
    renamed.save()

    after = [page(path) for path in paths]
    assert new in after[0]
    if isinstance(renamed, Category):
        assert all(new in html for html in after)  # the menu of every page
    if isinstance(renamed, Person):
        assert new in after[1]  # the home page's bylines


def test_a_conditional_get_of_a_list_answers_200_after_a_rename(article):
    first = Client().get("/")
    etag = first["ETag"]
    assert Client().get("/", headers={"If-None-Match": etag}).status_code == 304

    Category.objects.filter(pk=article.category_id).update(name="Renamed in bulk")
    Category.objects.get(pk=article.category_id).save()

    again = Client().get("/", headers={"If-None-Match": etag})
    assert again.status_code == 200
    assert "Renamed in bulk" in again.content.decode()
