"""The home page: the newest article as the lead story, then the rest; the site's structured
data (WebSite with its search, Organization) and a picture to share."""

import datetime
import json

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, PersonFactory, image_file
from tests.markup import parse

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


@pytest.fixture
def lead():
    """The newest of three published articles, with an image and an author."""
    ArticleFactory(title="Older", published_at=days_ago(3))
    ArticleFactory(
        title="Old", published_at=days_ago(2), featured_image=image_file(), featured_image_alt="x"
    )
    ArticleFactory(title="Tomorrow's", published_at=timezone.now() + datetime.timedelta(days=1))
    return ArticleFactory(
        title="The newest",
        excerpt="What the newest says.",
        published_at=days_ago(1),
        author=PersonFactory(name="Dana Writer", slug="dana-writer", credentials="RD"),
        featured_image=image_file("lead.jpg", size=(1600, 900)),
        featured_image_alt="A bowl of oats",
    )


def test_the_newest_article_leads_with_a_large_image_its_summary_and_byline(client, lead):
    page = parse(client.get("/"))

    story = page.one("article", "lead-story")
    assert story.one("h2").text == "The newest"
    assert story.one("h2").one("a")["href"] == lead.get_absolute_url()
    assert story.one("p", "lead-story-summary").text == "What the newest says."
    assert story.one("span", "byline").text == "By Dana Writer, RD"
    assert story.one("span", "byline").one("a")["href"] == "/authors/dana-writer/"
    image = story.one("img")
    assert image["src"] == lead.picture.src
    assert (image["loading"], image["fetchpriority"]) == ("eager", "high")
    assert "1600w" in image["srcset"]
    # The rest follow as cards, lazily loaded; the lead is not repeated.
    cards = [card.one("h2").text for card in page.find_all("article", "article-card")]
    assert cards == ["Old", "Older"]
    assert all(img["loading"] == "lazy" for img in page.one("div", "article-list").find_all("img"))


def test_only_the_first_page_has_a_lead_story(client):
    for n in range(12):
        ArticleFactory(title=f"Story {n}", published_at=days_ago(n + 1))

    first, second = parse(client.get("/")), parse(client.get("/?page=2"))

    assert first.one("article", "lead-story").one("h2").text == "Story 0"
    assert len(first.find_all("article", "article-card")) == 9
    assert second.find("article", "lead-story") is None
    assert [c.one("h2").text for c in second.find_all("article", "article-card")] == [
        "Story 10",
        "Story 11",
    ]


def test_a_lead_story_without_an_image_or_author(client):
    ArticleFactory(title="Plain", author=None)

    story = parse(client.get("/")).one("article", "lead-story")

    assert story.find("img") is None
    assert story.one("span", "byline").text == "By The Healthsite team"


def test_an_empty_site_has_no_lead_story(client):
    page = parse(client.get("/"))

    assert page.find("article", "lead-story") is None
    assert page.one("p", "empty-list").text == "Nothing has been published yet."


def test_the_home_page_shares_the_lead_stories_image(client, lead):
    head = parse(client.get("/")).one("head")

    image = head.one("meta", property="og:image")["content"]
    assert image == f"http://testserver{lead.picture.src}"
    assert head.one("meta", property="og:image:alt")["content"] == "A bowl of oats"
    assert head.one("meta", name="twitter:card")["content"] == "summary_large_image"


def test_without_a_lead_image_the_home_page_shares_the_sites_own(client):
    ArticleFactory(title="No picture")

    head = parse(client.get("/")).one("head")

    assert head.one("meta", property="og:image")["content"] == (
        "http://testserver/static/img/share-default.png"
    )
    assert head.one("meta", property="og:image:width")["content"] == "1200"
    assert head.one("meta", property="og:image:height")["content"] == "630"


def test_the_home_page_describes_the_site_and_its_search(client, lead):
    head = parse(client.get("/")).one("head")

    data = json.loads(head.one("script", type="application/ld+json").raw_text)
    website, organization = data["@graph"]
    assert website["@type"] == "WebSite"
    assert website["url"] == "http://testserver/"
    assert website["name"] == "Healthsite"
    assert website["potentialAction"] == {
        "@type": "SearchAction",
        "target": {
            "@type": "EntryPoint",
            "urlTemplate": "http://testserver/search/?q={search_term_string}",
        },
        "query-input": "required name=search_term_string",
    }
    assert website["publisher"] == {"@id": organization["@id"]}
    assert organization["@type"] == "Organization"
    assert (organization["name"], organization["url"]) == ("Healthsite", "http://testserver/")
    assert organization["logo"]["url"] == "http://testserver/static/img/icon-512.png"


def test_the_search_the_jsonld_names_works(client, lead):
    response = client.get("/search/", {"q": "newest"})

    assert response.status_code == 200
    assert "The newest" in response.content.decode()


def test_unpublished_articles_never_lead(client):
    ArticleFactory(title="Public", published_at=days_ago(2))
    ArticleFactory(title="Draft", status=Article.Status.DRAFT, published_at=None)
    ArticleFactory(title="Scheduled", published_at=timezone.now() + datetime.timedelta(hours=1))

    assert parse(client.get("/")).one("article", "lead-story").one("h2").text == "Public"
