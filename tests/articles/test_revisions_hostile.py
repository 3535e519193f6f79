"""Addresses an editor (or a hostile tester) can type at the revision pages: what is not a
revision is a 404 or a message, never a server error."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from articles import revisions
from tests.factories import ArticleFactory, UserFactory
from tests.form_data import form_data
from tests.markup import parse

from .editor import change_url, open_form
from .revision_steps import compare_url, restore_url, revisions_url, save

pytestmark = pytest.mark.django_db

HUGE = "9" * 30


@pytest.fixture
def saved_twice(staff_client):
    article = ArticleFactory(title="Sleep and light", body="Morning light helps.")
    save(staff_client, article)
    save(staff_client, article, body="Morning light helps you sleep.")
    return article


@pytest.mark.parametrize("new", [HUGE, str(2**31), str(2**63)])
def test_comparing_with_a_revision_number_too_large_for_any_revision_is_refused(
    staff_client, saved_twice, new
):
    response = staff_client.get(compare_url(saved_twice, 1, new), follow=True)
    assert response.status_code in (200, 404)
    if response.status_code == 200:
        assert "Choose two revisions to compare." in response.content.decode()


@pytest.mark.parametrize("number", ["²", "xyz", "-1", "0", "1.0", HUGE])
def test_the_change_form_with_a_revision_that_is_not_one_shows_the_live_text(
    staff_client, saved_twice, number
):
    response = staff_client.get(f"{change_url(saved_twice)}?revision={number}")
    assert response.status_code == 200
    assert "Morning light helps you sleep." in response.content.decode()
    assert "You are editing the text of revision" not in response.content.decode()


def test_a_form_posted_with_a_held_revision_that_is_not_one_is_refused_not_an_error(
    staff_client, saved_twice
):
    data = {**open_form(staff_client, saved_twice), "_from_revision": "²"}
    response = staff_client.post(change_url(saved_twice), data)
    assert response.status_code == 200
    assert "This form holds the text of a draft revision" in response.content.decode()


def test_the_text_of_a_revision_is_kept_in_the_browser_apart_from_the_live_text(
    staff_client, saved_twice
):
    """Unsaved edits of a draft revision's text are never offered back in the live form."""
    live = parse(staff_client.get(change_url(saved_twice))).one("textarea", name="body")
    held_page = staff_client.get(f"{change_url(saved_twice)}?revision=1")
    held = parse(held_page).one("textarea", name="body")
    assert live["data-draft-key"] == f"articles.article:{saved_twice.pk}"
    assert held["data-draft-key"] == f"articles.article:{saved_twice.pk}:revision-1"
    refused = staff_client.post(change_url(saved_twice), form_data(held_page, "article_form"))
    body = parse(refused).one("textarea", name="body")
    assert body["data-draft-key"] == f"articles.article:{saved_twice.pk}:revision-1"


def test_a_revision_asked_for_in_the_address_of_a_revision_page_is_not_the_live_text(
    staff_client, saved_twice
):
    """?revision=N opens a revision's text in the change form only: the restore page still
    compares with the live text."""
    page = staff_client.get(f"{restore_url(saved_twice, 1)}?revision=1")
    assert page.status_code == 200
    diff = parse(page).one("table", class_="revision-diff")
    assert "Morning light helps you sleep." in diff.find("td", class_="revision-diff-old").text


def test_a_viewer_of_a_published_article_is_not_offered_a_draft_revision(saved_twice):
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_article"))
    client = Client()
    client.force_login(viewer)
    response = client.get(change_url(saved_twice))
    assert response.status_code == 200
    assert not parse(response).find_all("input", name="_save_draft_revision")


def test_a_viewer_is_shown_no_link_to_the_revision_pages_refused_to_them(saved_twice):
    revisions.save_draft(article=saved_twice, user=None, sources=[])
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_article"))
    client = Client()
    client.force_login(viewer)
    page = parse(client.get(change_url(saved_twice)))
    links = [a["href"] for a in page.find_all("a") if "/revisions/" in a.get("href", "")]
    assert links == []
    assert client.get(revisions_url(saved_twice)).status_code == 403


@pytest.mark.parametrize("number", [str(2**31), HUGE])
@pytest.mark.parametrize("page", ["restore", "preview"])
def test_a_revision_number_too_large_for_any_revision_is_not_found(
    staff_client, saved_twice, number, page
):
    url = f"{revisions_url(saved_twice)}{number}/{page}/"
    assert staff_client.get(url).status_code == 404
    assert staff_client.post(f"{revisions_url(saved_twice)}{number}/discard/").status_code == 404
