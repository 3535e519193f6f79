"""Articles, lists, feeds and the sitemap answer a conditional GET with 304 while nothing
they show has changed, and with the new page (200) after a change."""

import pytest
from django.test import Client

from articles.models import Article
from comments.models import DiscussionSettings
from tests.comments.staff_helpers import make_comment
from tests.factories import ArticleFactory, PersonFactory, TagFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    article = ArticleFactory(slug="walks", tags=[TagFactory(slug="sleep")])
    article.author = PersonFactory(slug="dana")
    article.save()
    make_comment(article, body="A first comment.")
    Client().get(article.get_absolute_url())  # creates the settings rows: versions settle
    return article


def urls(article):
    return [
        article.get_absolute_url(),
        "/",
        "/?page=1",
        f"/category/{article.category.slug}/",
        "/tag/sleep/",
        "/authors/dana/",
        "/feeds/articles/",
        "/feeds/articles/atom/",
        f"/articles/{article.slug}/comments/feed/",
        "/sitemap.xml",
    ]


def revalidated(url):
    """(status of a first GET, status of the same GET with the ETag it gave, that ETag)."""
    first = Client().get(url)
    etag = first.headers.get("ETag")
    assert etag, url
    again = Client().get(url, headers={"If-None-Match": etag})
    return first.status_code, again.status_code, etag


def test_an_unchanged_page_answers_304(article):
    for url in urls(article):
        assert revalidated(url)[:2] == (200, 304), url


@pytest.mark.parametrize(
    "change",
    [
        lambda article: make_comment(article, body="Another comment."),
        lambda article: Article.objects.get(pk=article.pk).save(),
        lambda article: DiscussionSettings.load().save(),
    ],
    ids=["comment", "article edit", "settings"],
)
def test_a_change_answers_200_with_a_new_etag(article, change):
    before = {url: revalidated(url)[2] for url in urls(article)}

    change(article)

    for url, etag in before.items():
        answer = Client().get(url, headers={"If-None-Match": etag})
        assert answer.status_code == 200, url
        assert answer.headers["ETag"] != etag, url


def test_a_reader_with_a_session_gets_no_etag_on_pages(article, client):
    """They may have a message or a comment of their own waiting: always the whole page."""
    client.cookies["sessionid"] = "anything"

    for url in urls(article)[:6]:
        assert "ETag" not in client.get(url).headers, url
