"""RSS and Atom feeds of the newest published articles."""

import datetime
import xml.etree.ElementTree as ET

import pytest
import time_machine
from django.utils import timezone

from articles.feeds import FEED_ITEMS
from articles.models import Article
from tests.factories import ArticleFactory, PersonFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
RSS_URL = "/feeds/articles/"
ATOM_URL = "/feeds/articles/atom/"


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def xml_of(response):
    return ET.fromstring(response.content)  # noqa: S314 (our own response, not untrusted input)


def rss_items(client):
    response = client.get(RSS_URL)
    assert response.status_code == 200
    channel = xml_of(response).find("channel")
    return channel.findall("item")


def atom_entries(client):
    response = client.get(ATOM_URL)
    assert response.status_code == 200
    return xml_of(response).findall(f"{ATOM}entry")


@pytest.mark.parametrize(
    ("url", "content_type"),
    [(RSS_URL, "application/rss+xml"), (ATOM_URL, "application/atom+xml")],
)
def test_feeds_answer_with_their_content_type(client, article, url, content_type):
    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == f"{content_type}; charset=utf-8"


def test_rss_channel_names_the_site(client, article):
    channel = xml_of(client.get(RSS_URL)).find("channel")

    assert channel.findtext("title") == "Healthsite"
    assert channel.findtext("link") == "http://testserver/"


@pytest.fixture
def mixed_articles():
    """Three published (newest first: A, B, C), a draft and a scheduled article."""
    ArticleFactory(title="B", slug="b", published_at=days_ago(2))
    ArticleFactory(title="A", slug="a", published_at=days_ago(1))
    ArticleFactory(title="C", slug="c", published_at=days_ago(3))
    ArticleFactory(title="Draft", status=Article.Status.DRAFT, published_at=None)
    ArticleFactory(title="Scheduled", published_at=timezone.now() + datetime.timedelta(days=1))


def test_rss_lists_published_articles_newest_first(client, mixed_articles):
    items = rss_items(client)

    assert [item.findtext("title") for item in items] == ["A", "B", "C"]
    assert [item.findtext("link") for item in items] == [
        "http://testserver/articles/a/",
        "http://testserver/articles/b/",
        "http://testserver/articles/c/",
    ]


def test_a_scheduled_article_is_in_the_feeds_once_its_time_has_come(client, mixed_articles):
    """Nothing is saved when its time comes: the feeds read the date."""
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
        rss = [item.findtext("title") for item in rss_items(client)]
        atom = [entry.findtext(f"{ATOM}title") for entry in atom_entries(client)]

    assert rss == atom == ["Scheduled", "A", "B", "C"]


def test_atom_lists_published_articles_newest_first(client, mixed_articles):
    entries = atom_entries(client)

    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["A", "B", "C"]
    assert [entry.find(f"{ATOM}link").get("href") for entry in entries] == [
        "http://testserver/articles/a/",
        "http://testserver/articles/b/",
        "http://testserver/articles/c/",
    ]


def test_feeds_hold_at_most_twenty_articles(client):
    for n in range(1, FEED_ITEMS + 3):
        ArticleFactory(title=f"Story {n}", published_at=days_ago(n))

    items = rss_items(client)

    assert FEED_ITEMS == 20
    assert len(items) == 20
    assert len(atom_entries(client)) == 20
    assert items[0].findtext("title") == "Story 1"
    assert items[-1].findtext("title") == "Story 20"


def test_titles_and_excerpts_survive_escaping(client):
    title = 'Salt & sugar: <the> "truth" about ümlauts'
    excerpt = "Less <b>salt</b> & more water"
    ArticleFactory(title=title, excerpt=excerpt)

    item = rss_items(client)[0]
    entry = atom_entries(client)[0]

    assert item.findtext("title") == title
    assert item.findtext("description") == excerpt
    assert entry.findtext(f"{ATOM}title") == title
    assert entry.findtext(f"{ATOM}summary") == excerpt


def test_items_carry_author_and_dates(client):
    published = datetime.datetime(2024, 3, 5, 9, 30, tzinfo=datetime.UTC)
    ArticleFactory(author=None, published_at=published)
    ArticleFactory(author=PersonFactory(name="Dana Writer"), published_at=published)

    by_person, by_team = sorted(
        atom_entries(client), key=lambda e: e.find(f"{ATOM}author").findtext(f"{ATOM}name")
    )

    assert by_person.find(f"{ATOM}author").findtext(f"{ATOM}name") == "Dana Writer"
    entry = by_team
    assert entry.find(f"{ATOM}author").findtext(f"{ATOM}name") == "The Healthsite team"
    assert entry.findtext(f"{ATOM}published") == "2024-03-05T09:30:00+00:00"
    assert entry.findtext(f"{ATOM}updated") == "2024-03-05T09:30:00+00:00"
