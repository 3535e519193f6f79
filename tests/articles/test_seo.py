"""Head metadata on every public page, and the schema.org JSON-LD block of an article."""

import datetime
import json
import re

import pytest
from django.utils import timezone

from articles.models import Article, SiteSettings
from tests.factories import (
    ArticleFactory,
    FlatPageFactory,
    PersonFactory,
    SourceFactory,
    TagFactory,
    image_file,
)
from tests.markup import parse

pytestmark = pytest.mark.django_db

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


@pytest.fixture
def pages():
    """Every kind of public page, by name: (address, expected canonical address)."""
    tag = TagFactory(name="Sleep", slug="sleep")
    article = ArticleFactory(
        slug="a-good-night",
        tags=[tag],
        featured_image=image_file(size=(1000, 560)),
        featured_image_alt="A dark bedroom",
        author=PersonFactory(slug="dana-writer", bio="Dana writes about sleep."),
    )
    FlatPageFactory(url="/terms/", title="Terms and conditions")
    category = article.category.get_absolute_url()
    return {
        "home": ("/", "http://testserver/"),
        "category": (category, f"http://testserver{category}"),
        "tag": ("/tag/sleep/", "http://testserver/tag/sleep/"),
        "search": ("/search/?q=night", "http://testserver/search/"),
        "article": ("/articles/a-good-night/", "http://testserver/articles/a-good-night/"),
        "flat page": ("/pages/terms/", "http://testserver/pages/terms/"),
        "author": ("/authors/dana-writer/", "http://testserver/authors/dana-writer/"),
        "not found": ("/no-such-page/", "http://testserver/no-such-page/"),
    }


def head_of(client, url):
    response = client.get(url)
    assert response.status_code in (200, 404), url
    return response, parse(response).one("head")


def meta(head, key):
    """The content of the one <meta> with this property (Open Graph) or name."""
    found = head.find_all("meta", property=key) + head.find_all("meta", name=key)
    assert len(found) == 1, f"{key}: {found}"
    return found[0]["content"]


PAGE_NAMES = ["home", "category", "tag", "search", "article", "flat page", "author", "not found"]
OG_TYPES = {"article": "article", "author": "profile"}


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_every_public_page_has_the_head_metadata(client, pages, name):
    url, canonical = pages[name]

    _response, head = head_of(client, url)

    assert head.one("title").text
    assert head.one("link", rel="canonical")["href"] == canonical
    assert meta(head, "description")
    assert meta(head, "og:title")
    assert meta(head, "og:description")
    assert meta(head, "og:url") == canonical
    assert meta(head, "og:type") == OG_TYPES.get(name, "website")
    assert meta(head, "og:site_name") == "Healthsite"
    assert meta(head, "twitter:card") in ("summary", "summary_large_image")


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_no_email_address_in_the_head(client, pages, name):
    site_settings = SiteSettings.load()
    site_settings.twitter_handle = "healthsite"
    site_settings.save()

    _response, head = head_of(client, pages[name][0])

    source = str(head.raw_text) + " ".join(
        value for element in head.iter() for value in element.attrs.values()
    )
    assert EMAIL.findall(source) == []
    assert "mailto:" not in source


def test_titles_name_the_page_and_the_site(client, pages):
    _response, head = head_of(client, pages["flat page"][0])

    assert head.one("title").text == "Terms and conditions | Healthsite"
    assert meta(head, "og:title") == "Terms and conditions"
    assert parse(client.get("/")).one("title").text == "Healthsite"


def test_article_head_shares_the_largest_jpeg_rendition(client, pages):
    _response, head = head_of(client, pages["article"][0])
    article = Article.objects.get(slug="a-good-night")
    jpegs = [r for r in article.image_renditions if r["type"] == "image/jpeg"]
    largest = max(jpegs, key=lambda r: r["width"])

    image = meta(head, "og:image")

    assert image == f"http://testserver{article.picture.src}"
    assert image.endswith(".jpg") and largest["name"] in image
    assert meta(head, "og:image:width") == str(largest["width"]) == "1000"
    assert meta(head, "og:image:height") == str(largest["height"]) == "560"
    assert meta(head, "twitter:image") == image
    assert meta(head, "twitter:card") == "summary_large_image"
    assert meta(head, "og:title") == article.title
    assert meta(head, "description") == article.summary


def test_pages_without_an_image_use_the_small_card(client, pages):
    _response, head = head_of(client, pages["category"][0])

    assert meta(head, "twitter:card") == "summary"
    assert head.find("meta", property="og:image") is None
    assert head.find("meta", name="twitter:image") is None


# JSON-LD -----------------------------------------------------------------------------------


def jsonld_of(response):
    blocks = parse(response).find_all("script", type="application/ld+json")
    assert len(blocks) == 1
    return json.loads(blocks[0].raw_text)


def test_article_jsonld_without_review_is_an_article(client):
    article = ArticleFactory(
        title="Walking for health",
        author=PersonFactory(
            name="Dana Writer",
            slug="dana-writer",
            credentials="RD",
            role="Dietitian",
            profile_links="https://www.example.org/dana\nhttps://www.example.com/d.writer",
        ),
        published_at=datetime.datetime(2024, 3, 5, 9, 30, tzinfo=datetime.UTC),
        updated_at=datetime.datetime(2024, 4, 1, 8, 0, tzinfo=datetime.UTC),
    )

    data = jsonld_of(client.get(article.get_absolute_url()))

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Article"
    assert data["headline"] == "Walking for health"
    assert data["author"] == {
        "@type": "Person",
        "name": "Dana Writer",
        "url": "http://testserver/authors/dana-writer/",
        "jobTitle": "Dietitian",
        "honorificSuffix": "RD",
        "sameAs": ["https://www.example.org/dana", "https://www.example.com/d.writer"],
    }
    assert data["datePublished"] == "2024-03-05T09:30:00+00:00"
    assert data["dateModified"] == "2024-04-01T08:00:00+00:00"
    assert data["url"] == article_url(article)
    for absent in ("reviewedBy", "lastReviewed", "citation", "image"):
        assert absent not in data


def article_url(article):
    return f"http://testserver{article.get_absolute_url()}"


def test_reviewed_article_jsonld_is_a_medical_web_page(client):
    article = ArticleFactory(
        author=None,
        published_at=datetime.datetime(2024, 3, 5, 9, 30, tzinfo=datetime.UTC),
        updated_at=None,
        reviewer=PersonFactory(
            name="Ray Reviewer", slug="ray-reviewer", credentials="MD", role="Cardiologist"
        ),
        reviewed_on=datetime.date(2024, 6, 1),
        featured_image=image_file(size=(960, 640)),
        featured_image_alt="A stethoscope",
    )
    SourceFactory(
        article=article,
        title="Sleep and the heart",
        url="https://www.example.org/study",
        publisher="Example Heart Journal",
        date="2023-05-14",
    )
    SourceFactory(article=article, title="A printed textbook")

    data = jsonld_of(client.get(article.get_absolute_url()))

    assert data["@type"] == "MedicalWebPage"
    assert data["author"] == {
        "@type": "Organization",
        "name": "The Healthsite team",
        "url": "http://testserver/",
    }
    assert data["dateModified"] == data["datePublished"] == "2024-03-05T09:30:00+00:00"
    assert data["reviewedBy"] == {
        "@type": "Person",
        "name": "Ray Reviewer",
        "url": "http://testserver/authors/ray-reviewer/",
        "jobTitle": "Cardiologist",
        "honorificSuffix": "MD",
    }
    assert data["lastReviewed"] == "2024-06-01"
    assert data["citation"] == [
        {
            "@type": "CreativeWork",
            "name": "Sleep and the heart",
            "url": "https://www.example.org/study",
            "publisher": {"@type": "Organization", "name": "Example Heart Journal"},
            "datePublished": "2023-05-14",
        },
        {"@type": "CreativeWork", "name": "A printed textbook"},
    ]
    assert data["image"] == {
        "@type": "ImageObject",
        "url": f"http://testserver{article.picture.src}",
        "width": 960,
        "height": 640,
    }


def test_a_team_author_is_an_organization(client):
    team = PersonFactory(name="Nutrition desk", slug="nutrition-desk", kind="team", role="Desk")
    article = ArticleFactory(author=team)

    data = jsonld_of(client.get(article.get_absolute_url()))

    assert data["author"] == {
        "@type": "Organization",
        "name": "Nutrition desk",
        "url": "http://testserver/authors/nutrition-desk/",
    }


def test_only_articles_home_and_author_pages_carry_jsonld(client, pages):
    for name in ("category", "tag", "search", "flat page", "not found"):
        url = pages[name][0]
        assert parse(client.get(url)).find("script", type="application/ld+json") is None, name


def test_a_title_cannot_break_out_of_the_jsonld_script(client):
    title = 'Sleep </script><script>alert(1)</script> & "more" <!-- tips'
    article = ArticleFactory(title=title, excerpt="</script><img src=x onerror=alert(2)>")

    response = client.get(article.get_absolute_url())

    source = response.content.decode()
    assert "</script><script>alert(1)" not in source
    assert "<img src=x" not in source
    assert "<!-- tips" not in source
    data = jsonld_of(response)
    assert data["headline"] == title
    assert data["description"] == "</script><img src=x onerror=alert(2)>"
    page = parse(response)
    assert page.one("h1").text == " ".join(title.split())
    assert page.one("title").text.startswith("Sleep </script>")


def test_head_dates_of_an_article(client):
    article = ArticleFactory(updated_at=timezone.now())

    _response, head = head_of(client, article.get_absolute_url())

    assert meta(head, "article:published_time") == article.published_at.isoformat()
    assert meta(head, "article:modified_time") == article.updated_at.isoformat()


def test_a_flat_page_title_cannot_inject_markup_into_the_head(client):
    """Flatpages marks its titles safe; the head still escapes them (stored XSS otherwise)."""
    FlatPageFactory(url="/evil/", title='T"><script>alert(1)</script>')

    html = client.get("/pages/evil/").content.decode()

    assert "<script>alert(1)</script>" not in html
    assert 'content="T&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in html


def test_a_flat_page_description_is_escaped_once(client):
    FlatPageFactory(url="/fish/", title="Fish", content="<p>Fish &amp; chips &lt;3</p>")

    html = client.get("/pages/fish/").content.decode()

    assert '<meta name="description" content="Fish &amp; chips &lt;3">' in html
    assert "&amp;amp;" not in html
