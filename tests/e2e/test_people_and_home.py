"""The home page's lead story and a person's page in a real browser, on a phone and a laptop:
they fit the screen, the lead picture is fetched first, bylines lead to the person's page, and
no request of the page fails (the favicon included)."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import ArticleFactory, PersonFactory, image_file

from .conftest import PHONE

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LAPTOP = {"width": 1366, "height": 768}
VIEWPORTS = pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["360px", "1366px"])


@pytest.fixture
def publication():
    reviewer = PersonFactory(
        name="Amira Haddad",
        slug="amira-haddad",
        credentials="MD",
        role="General practitioner and medical reviewer",
        bio="A family doctor with a special interest in preventive care.\n\nShe reviews our "
        "articles on food and sleep.",
        profile_links="https://www.example.org/team/amira-haddad-general-practitioner",
        photo=image_file("amira.jpg", size=(480, 480)),
    )
    author = PersonFactory(name="Priya Raman", slug="priya-raman", credentials="RD")
    for days in range(2, 6):
        ArticleFactory(
            title=f"An older article, number {days}",
            author=author,
            reviewer=reviewer if days % 2 else None,
            published_at=timezone.now() - datetime.timedelta(days=days),
            featured_image=image_file(size=(800, 450)),
            featured_image_alt="A still life",
        )
    lead = ArticleFactory(
        title="Your gut microbes and your mood: what the science can say so far",
        excerpt="The gut and the brain talk to each other. What research shows, and what not.",
        author=author,
        reviewer=reviewer,
        published_at=timezone.now() - datetime.timedelta(days=1),
        featured_image=image_file("lead.jpg", size=(1600, 900)),
        featured_image_alt="Soft blue waves",
    )
    return {"lead": lead, "reviewer": reviewer, "author": author}


def failed_requests(page):
    """Every response of the page with an error status, as (status, address)."""
    failed = []
    page.on("response", lambda r: failed.append((r.status, r.url)) if r.status >= 400 else None)
    return failed


def fits(page, locator, width):
    locator.scroll_into_view_if_needed()
    expect(locator).to_be_visible()
    box = locator.bounding_box()
    return box["x"] >= 0 and box["x"] + box["width"] <= width + 0.5


@VIEWPORTS
def test_the_lead_story_fits_and_its_picture_is_fetched_first(
    new_context, server, publication, viewport
):
    page = new_context(viewport=viewport).new_page()
    failed = failed_requests(page)

    page.goto(server.url + "/")
    page.wait_for_load_state("networkidle")

    width = viewport["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    story = page.locator(".lead-story")
    for block in [
        story.get_by_role("heading", level=2),
        story.locator("img"),
        story.locator(".lead-story-summary"),
        story.locator(".byline"),
    ]:
        assert fits(page, block, width)
    image = story.locator("img")
    assert image.evaluate("img => img.fetchPriority") == "high"
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    # The lead is large: the full width of a phone, most of a laptop's content column.
    assert image.bounding_box()["width"] >= (0.8 * width if width < 992 else 600)
    assert page.locator(".article-card img").first.evaluate("img => img.loading") == "lazy"
    assert failed == []


@VIEWPORTS
def test_the_byline_leads_to_a_persons_page_that_fits(new_context, server, publication, viewport):
    page = new_context(viewport=viewport).new_page()
    failed = failed_requests(page)
    page.goto(server.url + publication["lead"].get_absolute_url())

    page.locator(".medical-review").get_by_role("link", name="Amira Haddad, MD").click()

    expect(page).to_have_url(server.url + "/authors/amira-haddad/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Amira Haddad, MD")
    page.wait_for_load_state("networkidle")
    width = viewport["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    for block in [
        page.locator(".person-photo"),
        page.get_by_role("heading", level=1),
        page.locator(".person-role"),
        page.locator(".person-bio"),
        page.get_by_role("link", name="Profile on www.example.org"),
        page.locator(".article-card").first,
    ]:
        assert fits(page, block, width)
    expect(page.locator(".article-card")).to_have_count(3)  # two older ones and the lead
    photo = page.locator(".person-photo")
    assert photo.evaluate("img => img.complete && img.naturalWidth > 0")
    assert failed == []
