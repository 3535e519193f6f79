"""/sitemap.xml: what crawlers may index, and nothing the public cannot see."""

import datetime
import xml.etree.ElementTree as ET

import pytest
import time_machine
from django.utils import timezone

from articles.models import Article
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    FlatPageFactory,
    PersonFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap(client):
    """{absolute address: lastmod or None} of every entry of /sitemap.xml."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own response)
    assert root.tag == f"{NS}urlset"
    entries = {}
    for url in root.findall(f"{NS}url"):
        location = url.findtext(f"{NS}loc")
        assert location not in entries, f"{location} listed twice"
        entries[location] = url.findtext(f"{NS}lastmod")
    return entries


@pytest.fixture
def site_content():
    used_tag = TagFactory(slug="used")
    empty_tag = TagFactory(slug="empty")
    draft_only_tag = TagFactory(slug="draft-only")
    used_category = CategoryFactory(slug="used")
    empty_category = CategoryFactory(slug="empty")
    draft_only_category = CategoryFactory(slug="draft-only")
    ArticleFactory(
        slug="published",
        category=used_category,
        tags=[used_tag],
        author=PersonFactory(slug="writer"),
        reviewer=PersonFactory(slug="reviewer"),
    )
    PersonFactory(slug="no-articles")
    ArticleFactory(
        slug="draft",
        author=PersonFactory(slug="draft-writer"),
        status=Article.Status.DRAFT,
        published_at=None,
        category=draft_only_category,
        tags=[draft_only_tag],
    )
    ArticleFactory(
        slug="scheduled",
        published_at=timezone.now() + datetime.timedelta(days=2),
        category=draft_only_category,
        tags=[draft_only_tag],
    )
    FlatPageFactory(url="/terms/", title="Terms")
    FlatPageFactory(url="/privacy/", title="Privacy")
    return {"empty": (empty_tag, empty_category)}


def test_sitemap_lists_published_articles_with_lastmod(client, site_content):
    entries = sitemap(client)
    article = Article.objects.get(slug="published")

    lastmod = entries["http://testserver/articles/published/"]

    assert lastmod == article.modified_at.date().isoformat()


def test_sitemap_leaves_out_drafts_and_scheduled_articles(client, site_content):
    entries = sitemap(client)

    assert "http://testserver/articles/draft/" not in entries
    assert "http://testserver/articles/scheduled/" not in entries


def test_sitemap_lists_categories_and_tags_with_published_articles_only(client, site_content):
    entries = sitemap(client)

    assert entries["http://testserver/category/used/"] is not None
    assert entries["http://testserver/tag/used/"] is not None
    for empty in ("empty", "draft-only"):
        assert f"http://testserver/category/{empty}/" not in entries
        assert f"http://testserver/tag/{empty}/" not in entries


def test_a_scheduled_article_is_in_the_sitemap_once_its_time_has_come(client, site_content):
    """Nothing is saved when its time comes: the sitemap reads the date."""
    with time_machine.travel(timezone.now() + datetime.timedelta(days=3)):
        entries = sitemap(client)

    assert "http://testserver/articles/scheduled/" in entries
    assert "http://testserver/category/draft-only/" in entries


def test_sitemap_lists_the_pages_of_people_with_published_articles(client, site_content):
    entries = sitemap(client)

    assert entries["http://testserver/authors/writer/"] is not None
    assert entries["http://testserver/authors/reviewer/"] is not None
    assert "http://testserver/authors/no-articles/" not in entries
    assert "http://testserver/authors/draft-writer/" not in entries


def test_sitemap_lists_flat_pages(client, site_content):
    entries = sitemap(client)

    assert "http://testserver/pages/terms/" in entries
    assert "http://testserver/pages/privacy/" in entries


def test_sitemap_holds_exactly_the_public_pages(client, site_content):
    assert set(sitemap(client)) == {
        "http://testserver/articles/published/",
        "http://testserver/category/used/",
        "http://testserver/tag/used/",
        "http://testserver/authors/writer/",
        "http://testserver/authors/reviewer/",
        "http://testserver/pages/terms/",
        "http://testserver/pages/privacy/",
    }


def test_flat_pages_behind_a_login_stay_out(client):
    FlatPageFactory(url="/staff-notes/", registration_required=True)

    assert "http://testserver/pages/staff-notes/" not in sitemap(client)
