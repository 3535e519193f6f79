"""The article page in a real browser: it fits a phone, keyboard focus shows, sharing works,
and nothing is fetched from anyone but us."""

import datetime

import pytest
from playwright.sync_api import expect

from tests.factories import ArticleFactory, PersonFactory, SourceFactory, TagFactory, image_file

from .conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LONG_URL = "https://www.example.org/research/sleep/" + "very-long-path-segment-" * 6 + "end"


@pytest.fixture
def article(make_comment):
    """A full article: long title, image, sources, call to action, tags, a threaded discussion
    with a long unbroken address in it — what most often pushes a narrow page sideways."""
    tag = TagFactory(name="Sleep hygiene")
    article = ArticleFactory(
        title="Why a regular bedtime steadies your heart, your mood and your appetite",
        slug="regular-bedtime",
        author=PersonFactory(name="Dana Writer", credentials="RD, MPH"),
        reviewer=PersonFactory(name="Amira Haddad-Montgomery-Whitfield", credentials="MD, PhD"),
        reviewed_on=datetime.date(2024, 6, 1),
        featured_image=image_file(size=(1200, 800)),
        featured_image_alt="A bedside lamp on a wooden table",
        key_points="A regular bedtime steadies the body clock.\nLight in the morning helps.",
        body="Rest matters.\n\n## Why it matters\n\nYour heart *rests* too.",
        cta_text="Get our weekly sleep tips.",
        cta_url="https://example.com/newsletter",
        cta_label="Sign up",
        tags=[tag],
    )
    SourceFactory(
        article=article,
        title="Sleep-duration-and-cardiovascular-outcomes-a-systematic-review-" * 2,
        url=LONG_URL,
        publisher="An Example Journal of Sleep Medicine and Cardiovascular Research",
        date="2023-05-14",
    )
    SourceFactory(article=article, title="A textbook without a link")
    ArticleFactory(title="Naps, briefly", slug="naps", category=article.category, tags=[tag])
    first = make_comment(article, body=f"This matched what I read here: {LONG_URL}")
    reply = make_comment(article, parent=first, author_name="Sam Nightowl", body="Same here!")
    make_comment(article, parent=reply, author_name="Jordan Reader", body="Glad it helped.")
    return article


def open_article(page, server, article):
    page.goto(server.url + article.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(article.title)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "1280px"])
def test_article_fits_the_screen_with_every_block_visible(new_context, server, article, viewport):
    page = new_context(viewport=viewport).new_page()
    open_article(page, server, article)

    width = viewport["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    for block in [
        page.get_by_role("heading", level=1),
        page.locator(".featured-image img"),
        page.locator(".medical-review"),
        page.locator(".key-points"),
        page.locator(".article-sources"),
        page.get_by_role("navigation", name="Share this article"),
        page.locator("#comment-form"),
        page.locator(f"#comment-{article.comments.last().pk}"),
    ]:
        block.scroll_into_view_if_needed()
        expect(block).to_be_visible()
        box = block.bounding_box()
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= width + 0.5


def test_featured_image_loads_from_our_own_server(page, server, article):
    open_article(page, server, article)
    image = page.locator(".featured-image img")
    image.scroll_into_view_if_needed()

    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )
    assert image.evaluate("img => img.currentSrc").startswith(server.url + "/")
    expect(image).to_have_attribute("alt", "A bedside lamp on a wooden table")


FOCUSED = """() => {
    const el = document.activeElement;
    if (el === document.body) { return null; }
    const style = getComputedStyle(el);
    return {
        name: `${el.tagName.toLowerCase()} ${el.id || el.className} ${el.textContent.trim()}`,
        outline: style.outlineStyle,
        width: parseFloat(style.outlineWidth),
    };
}"""


def test_keyboard_focus_is_visible_on_every_stop(page, server, article):
    open_article(page, server, article)

    page.keyboard.press("Tab")
    first = page.locator(":focus")
    expect(first).to_have_text("Skip to content")
    expect(first).to_be_visible()
    stops = []
    while (focused := page.evaluate(FOCUSED)) and len(stops) < 100:
        stops.append(focused)
        page.keyboard.press("Tab")

    assert len(stops) > 20  # header, article, share buttons, thread, form, footer
    unmarked = [stop["name"] for stop in stops if stop["outline"] == "none" or not stop["width"]]
    assert unmarked == []


def test_copy_link_puts_the_article_address_on_the_clipboard(new_context, server, article):
    page = new_context(permissions=["clipboard-read", "clipboard-write"]).new_page()
    open_article(page, server, article)

    page.get_by_role("button", name="Copy link").click()

    expect(page.locator(".share-copy")).to_have_text("Link copied")
    expect(page.get_by_role("status")).to_have_text("Link copied to the clipboard")
    article_path = article.get_absolute_url()
    assert page.evaluate("navigator.clipboard.readText()") == server.url + article_path


def test_copy_link_without_a_clipboard_offers_the_address_to_copy(page, server, article):
    # A browser without the Clipboard API (an older one, or a page not served securely).
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page.on("dialog", lambda dialog: dialog.dismiss())
    open_article(page, server, article)

    with page.expect_event("dialog") as opened:
        page.get_by_role("button", name="Copy link").click()

    assert opened.value.type == "prompt"
    assert opened.value.default_value == server.url + article.get_absolute_url()


def test_page_requests_nothing_from_other_hosts(page, server, article):
    requested = []
    page.on("request", lambda request: requested.append(request.url))

    open_article(page, server, article)
    page.locator(".related-posts").scroll_into_view_if_needed()  # lazy images below the fold
    page.locator(".site-footer").scroll_into_view_if_needed()
    page.wait_for_load_state("networkidle")

    assert any("/static/css/site.css" in url for url in requested)
    assert any("/media/" in url for url in requested)
    foreign = [url for url in requested if not url.startswith(server.url + "/")]
    assert foreign == []
