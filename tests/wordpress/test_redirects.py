"""Old addresses keep working: permalinks and WordPress's ?p= and ?page_id= answer with a 301
to the imported article or page."""

import pytest
from django.contrib.redirects.models import Redirect

from articles.models import Article
from tests.factories import ArticleFactory

from . import wxr_files as wxr
from .conftest import row

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(run_import):
    return run_import(
        wxr.item(11, "Walking", name="walking", link=f"{wxr.SITE}/2021/03/walking/"),
        wxr.item(12, "Café", name="cafe", link=f"{wxr.SITE}/2021/03/caf%c3%a9/"),
        wxr.item(13, "Plain", name="plain", link=f"{wxr.SITE}/?p=13"),
        wxr.item(14, "Draft", name="draft", status="draft", link=f"{wxr.SITE}/?p=14"),
        wxr.item(20, "About", post_type="page", link=f"{wxr.SITE}/about/"),
    )


def test_old_permalinks_answer_301_to_the_new_page(site, client):
    response = client.get("/2021/03/walking/")

    assert response.status_code == 301
    assert response["Location"] == "/articles/walking/"
    assert client.get(response["Location"]).status_code == 200


def test_a_permalink_without_its_trailing_slash_is_found_too(site, client):
    response = client.get("/2021/03/walking", follow=True)

    assert response.redirect_chain[-1] == ("/articles/walking/", 301)


def test_an_old_permalink_with_non_ascii_characters_redirects(site, client):
    response = client.get("/2021/03/café/")

    assert response.status_code == 301
    assert response["Location"] == "/articles/cafe/"


def test_old_page_permalinks_answer_301_to_the_flat_page(site, client):
    response = client.get("/about/")

    assert response.status_code == 301
    assert response["Location"] == "/pages/about/"
    assert client.get("/pages/about/").status_code == 200


@pytest.mark.parametrize(
    ("query", "location"),
    [
        ("?p=11", "/articles/walking/"),
        ("?p=13", "/articles/plain/"),
        ("?page_id=20", "/pages/about/"),
        ("?p=20", "/pages/about/"),
        ("?p=11&preview=true", "/articles/walking/"),
    ],
)
def test_wordpress_ids_answer_301_at_the_root(site, client, query, location):
    response = client.get(f"/{query}")

    assert response.status_code == 301
    assert response["Location"] == location


def test_ids_under_an_old_subfolder_redirect_when_nothing_else_answers(site, client):
    response = client.get("/blog/?p=11")

    assert response.status_code == 301
    assert response["Location"] == "/articles/walking/"


@pytest.mark.parametrize(
    "query", ["?p=14", "?p=999", "?p=abc", "?page=2", "?p=", "?p=²", "?p=" + "9" * 5000]
)
def test_drafts_unknown_ids_and_other_queries_are_not_redirected(site, client, query):
    ArticleFactory.create_batch(11)

    response = client.get(f"/{query}")

    assert response.status_code == 200


def test_a_post_still_a_draft_has_no_public_address_by_id(site, client):
    draft = Article.objects.get(slug="draft")

    assert client.get("/?p=14").status_code == 200
    draft.status = Article.Status.PUBLISHED
    draft.save()
    assert client.get("/?p=14")["Location"] == "/articles/draft/"


def test_redirect_rows_are_made_once_and_never_over_another(run_import, site):
    Redirect.objects.create(site_id=1, old_path="/2021/03/taken/", new_path="/elsewhere/")

    run = run_import(
        wxr.item(11, "Walking", name="walking", link=f"{wxr.SITE}/2021/03/walking/"),
        wxr.item(15, "Taken", name="taken", link=f"{wxr.SITE}/2021/03/taken/"),
        name="again.xml",
    )

    assert Redirect.objects.get(old_path="/2021/03/taken/").new_path == "/elsewhere/"
    assert Redirect.objects.filter(old_path="/2021/03/walking/").count() == 1
    assert row(run, "redirect")["reasons"] == {"the old address already redirects elsewhere": 1}


def test_a_redirect_does_not_hide_a_page_of_ours(site, client):
    """The fallback only answers what would be a 404 here."""
    Redirect.objects.create(site_id=1, old_path="/search/", new_path="/articles/walking/")

    assert client.get("/search/?q=walk").status_code == 200


def test_an_old_address_too_long_to_keep_is_reported(run_import):
    long_name = "a-very-long-name-" * 15
    run = run_import(wxr.item(1, "Long", name="long", link=f"{wxr.SITE}/{long_name}/"))

    assert not Redirect.objects.exists()
    assert row(run, "redirect")["reasons"] == {"old address longer than 200 characters": 1}
