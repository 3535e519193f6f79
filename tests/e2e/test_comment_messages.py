"""Messages where the commenter looks, in a real browser, on an article long enough that the
comment form is thousands of pixels below the top: a refused form opens at its error summary,
focused, with what was typed kept; a posted comment lands with the message beside it."""

import re

import pytest
from playwright.sync_api import expect

from comments.models import Comment, DiscussionSettings
from tests.factories import ArticleFactory

from .conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LONG_BODY = "\n\n".join(
    f"## Part {number}\n\n" + "Sleep, light and routine shape the next day. " * 25
    for number in range(1, 13)
)
TYPED = "A long thought about evening light that I would hate to type twice."
AWAITING = "Thank you! Your comment is awaiting moderation"


@pytest.fixture
def article():
    return ArticleFactory(
        title="Light, dark and the body clock", slug="body-clock", body=LONG_BODY
    )


def open_article(page, server, article):
    page.goto(server.url + article.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(article.title)


def field(page, label):
    return page.locator("#comment-form").get_by_role("textbox", name=re.compile(rf"^{label}\*?$"))


def fill_form(page, *, body=TYPED, name="Casey Walker", email="casey@example.org"):
    field(page, "Comment").fill(body)
    field(page, "Name").fill(name)
    field(page, "Email").fill(email)


def send(page):
    page.locator("#comment-form").get_by_role("button", name="Post Comment").click()
    page.wait_for_load_state()


def assert_opened_at_the_summary(page):
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    # Opened there: the page is scrolled far from its top (the form is below a long article).
    assert page.evaluate("window.scrollY") > 1500
    return summary


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "1280px"])
def test_a_too_fast_form_opens_at_its_focused_error_summary_with_the_text_kept(
    new_context, server, article, stamp_form, javascript, viewport
):
    page = new_context(viewport=viewport, java_script_enabled=javascript).new_page()
    open_article(page, server, article)
    fill_form(page)
    stamp_form(page, article, age=-60)  # sent within 3 seconds of drawing, however slow

    send(page)

    summary = assert_opened_at_the_summary(page)
    expect(summary).to_contain_text("faster than a person can write")
    expect(field(page, "Comment")).to_have_value(TYPED)
    expect(field(page, "Name")).to_have_value("Casey Walker")
    expect(field(page, "Email")).to_have_value("casey@example.org")
    assert not Comment.objects.exists()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_an_invalid_email_that_got_past_the_browser_opens_at_the_summary(
    new_context, server, article, stamp_form, javascript
):
    page = new_context(java_script_enabled=javascript).new_page()
    open_article(page, server, article)
    # The browser's own check is what lets few bad addresses through; switch it off.
    page.locator("#comment-form").evaluate("form => form.setAttribute('novalidate', '')")
    fill_form(page, email="casey@example")
    field(page, "Email").evaluate("input => { input.value = 'casey(at)example.org'; }")
    stamp_form(page, article)

    send(page)

    summary = assert_opened_at_the_summary(page)
    link = summary.get_by_role("link", name="Enter a valid email address, like name@")
    expect(link).to_have_attribute("href", "#id_email")
    email = field(page, "Email")
    expect(email).to_have_value("casey(at)example.org")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_have_attribute("aria-describedby", re.compile(r"\bid_email_error\b"))
    expect(field(page, "Comment")).to_have_value(TYPED)

    link.click()

    expect(email).to_be_focused()
    expect(page.locator("label[for=id_email]")).to_be_in_viewport()


def test_a_reply_sent_back_with_an_error_stays_under_its_comment_with_focus_on_the_summary(
    page, server, article, make_comment, stamp_form
):
    ana = make_comment(article, author_name="Ana Lopez", body="Dim lights after nine help me.")
    make_comment(article, author_name="Ben Okafor", body="I use an amber lamp.")
    open_article(page, server, article)
    page.get_by_role("link", name="Reply to Ana Lopez").click()
    fill_form(page)
    stamp_form(page, article, age=-60)

    send(page)

    expect(page.locator(f"#comment-{ana.pk} > #respond")).to_have_count(1)
    expect(page.locator("#respond .replying-to")).to_contain_text("Replying to Ana Lopez")
    assert_opened_at_the_summary(page)
    expect(field(page, "Comment")).to_have_value(TYPED)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "1280px"])
def test_a_pending_comment_lands_with_the_message_and_the_comment_in_view(
    new_context, server, article, make_comment, stamp_form, viewport
):
    for number in range(6):
        make_comment(article, author_name=f"Reader {number}", body="Earlier thoughts. " * 20)
    page = new_context(viewport=viewport).new_page()
    open_article(page, server, article)
    fill_form(page)
    stamp_form(page, article)

    send(page)

    expect(page).to_have_url(re.compile(r"#comments$"))
    pending = Comment.objects.get(body=TYPED)
    notice = page.locator("#comments").get_by_role("status").filter(has_text=AWAITING)
    expect(notice.get_by_text(AWAITING)).to_be_in_viewport()
    preview = notice.locator(".comment-preview")
    expect(preview).to_be_in_viewport()
    expect(preview).to_contain_text(TYPED)
    expect(preview).to_contain_text("Your comment is awaiting moderation.")

    preview.get_by_role("link", name="See it in its place").click()

    in_place = page.locator(f"#comment-{pending.pk}")
    expect(in_place).to_be_in_viewport()
    expect(in_place).to_contain_text(TYPED)


def test_a_published_comment_lands_with_the_message_beside_it(
    page, server, article, make_comment, stamp_form
):
    settings = DiscussionSettings.load()
    settings.moderation_mode = DiscussionSettings.ModerationMode.KNOWN_AUTHORS
    settings.save()
    make_comment(article, author_name="Casey Walker", author_email="casey@example.org")
    for number in range(6):
        make_comment(article, author_name=f"Reader {number}", body="Earlier thoughts. " * 20)
    open_article(page, server, article)
    fill_form(page)
    stamp_form(page, article)

    send(page)

    published = Comment.objects.get(body=TYPED)
    assert published.is_public
    expect(page).to_have_url(re.compile(rf"#comment-{published.pk}$"))
    message = page.locator(f"#comment-{published.pk} .comment-notice")
    expect(message).to_have_text("Thank you! Your comment is published.")
    expect(message).to_be_in_viewport()
    expect(page.locator(f"#comment-{published.pk} .comment-content")).to_be_in_viewport()
    expect(page.get_by_text("Thank you! Your comment is published.")).to_have_count(1)
