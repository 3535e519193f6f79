"""The discussion in a real browser: replying with and without JavaScript, the pending comment
its author sees in place, and a refused form that keeps what was typed."""

import re

import pytest
from playwright.sync_api import expect

from comments.models import Comment
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AWAITING_MESSAGE = "Your comment is awaiting moderation and will appear once a moderator approves"


@pytest.fixture
def article():
    return ArticleFactory(title="Evening walks and sleep", slug="evening-walks")


@pytest.fixture
def ana(article, make_comment):
    return make_comment(article, author_name="Ana Lopez", body="Walks after dinner help me.")


@pytest.fixture
def ben(article, ana, make_comment):
    return make_comment(article, author_name="Ben Okafor", body="I walk at lunch instead.")


def open_article(page, server, article):
    page.goto(server.url + article.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(article.title)


def respond_follows(page, selector):
    """Whether the reply form (#respond) comes right after the element `selector` names."""
    return page.evaluate(
        "selector => document.getElementById('respond').previousElementSibling"
        " === document.querySelector(selector)",
        selector,
    )


def field(page, label):
    """A text field of the comment form by its label (required ones end in "*")."""
    return page.locator("#comment-form").get_by_role("textbox", name=re.compile(rf"^{label}\*?$"))


def fill_author(page, *, name="Casey Walker", email="casey@example.org", body):
    field(page, "Comment").fill(body)
    field(page, "Name").fill(name)
    field(page, "Email").fill(email)


def test_reply_moves_the_form_under_the_comment_and_cancel_brings_it_back(
    page, server, article, ana, ben
):
    open_article(page, server, article)
    form = page.locator("#comment-form")
    parent = form.locator("input[name=parent]")
    replying_to = page.locator("#respond .replying-to")
    expect(replying_to).to_be_hidden()

    page.get_by_role("link", name="Reply to Ben Okafor").click()

    expect(page.locator(f"#comment-{ben.pk} > #respond")).to_have_count(1)
    assert respond_follows(page, f"#comment-{ben.pk} > .comment-body")
    expect(parent).to_have_value(str(ben.pk))
    expect(replying_to).to_be_visible()
    expect(replying_to).to_contain_text("Replying to Ben Okafor")
    expect(field(page, "Comment")).to_be_focused()
    assert "replyto" not in page.url  # moved in place, no page load

    page.get_by_role("link", name="Cancel reply").click()

    expect(page.locator(".comment-list #respond")).to_have_count(0)
    assert respond_follows(page, "#comments > #respond-home")
    expect(parent).to_have_value("")
    expect(replying_to).to_be_hidden()


def test_reply_posted_with_javascript_shows_in_place_to_its_author_only(
    page, new_context, server, article, ana, ben, stamp_form
):
    open_article(page, server, article)
    page.get_by_role("link", name="Reply to Ana Lopez").click()
    expect(page.locator(f"#comment-{ana.pk} > #respond")).to_have_count(1)
    reply_text = "Same for me: twenty minutes is enough."
    fill_author(page, body=reply_text)
    stamp_form(page, article)

    page.get_by_role("button", name="Post Comment").click()

    expect(page).to_have_url(server.url + article.get_absolute_url() + "#comments")
    expect(page.get_by_role("status").filter(has_text=AWAITING_MESSAGE)).to_be_visible()
    reply = Comment.objects.get(body=reply_text)
    assert (reply.parent_id, reply.status) == (ana.pk, Comment.Status.PENDING)
    shown = page.locator(f"#comment-{ana.pk} > ol.children > li#comment-{reply.pk}")
    expect(shown).to_be_visible()
    expect(shown).to_contain_text(reply_text)
    expect(shown).to_contain_text("Your comment is awaiting moderation")
    expect(shown).to_contain_text("Casey Walker")

    visitor = new_context().new_page()
    open_article(visitor, server, article)
    expect(visitor.locator(f"#comment-{ana.pk}")).to_be_visible()
    expect(visitor.locator(f"#comment-{reply.pk}")).to_have_count(0)
    expect(visitor.get_by_text(reply_text)).to_have_count(0)


def test_reply_without_javascript_follows_the_replyto_link(
    new_context, server, article, ana, ben, stamp_form
):
    page = new_context(java_script_enabled=False).new_page()
    open_article(page, server, article)

    page.get_by_role("link", name="Reply to Ben Okafor").click()

    expect(page).to_have_url(re.compile(rf"\?replyto={ben.pk}#respond$"))
    expect(page.locator("#respond .replying-to")).to_contain_text("Replying to Ben Okafor")
    expect(page.locator("#comment-form input[name=parent]")).to_have_value(str(ben.pk))
    reply_text = "Lunch walks work for me too."
    fill_author(page, body=reply_text)
    stamp_form(page, article)
    page.get_by_role("button", name="Post Comment").click()

    expect(page.get_by_role("status").filter(has_text=AWAITING_MESSAGE)).to_be_visible()
    reply = Comment.objects.get(body=reply_text)
    assert reply.parent_id == ben.pk
    assert reply.article_id == article.pk
    assert reply.status == Comment.Status.PENDING


def test_refused_reply_shows_the_error_by_the_field_and_keeps_the_text(
    page, server, article, ana, ben
):
    open_article(page, server, article)
    page.get_by_role("link", name="Reply to Ben Okafor").click()
    typed = "A long thought I would hate to type twice."
    # Spaces pass the browser's own "required" check, so the server's validation answers.
    fill_author(page, name="   ", body=typed)

    page.get_by_role("button", name="Post Comment").click()

    expect(field(page, "Name")).to_have_class(re.compile(r"\bis-invalid\b"))
    error = page.locator("#div_id_name .invalid-feedback")
    expect(error).to_be_visible()
    expect(error).to_have_text(re.compile(r"required|enter your name", re.IGNORECASE))
    expect(field(page, "Comment")).to_have_value(typed)
    expect(field(page, "Email")).to_have_value("casey@example.org")
    # Still a reply to Ben, with the form under his comment.
    expect(page.locator("#respond .replying-to")).to_contain_text("Replying to Ben Okafor")
    expect(page.locator(f"#comment-{ben.pk} > #respond")).to_have_count(1)
    assert not Comment.objects.filter(body=typed).exists()


def test_the_button_is_disabled_once_the_form_is_sent(page, server, article, stamp_form):
    """A second click while the first is on its way sends nothing more."""
    sent = []

    def answer_nothing(route):
        # 204: the browser stays on the page, as it does while a slow answer is on its way.
        sent.append(route.request.post_data)
        route.fulfill(status=204)

    open_article(page, server, article)
    stamp_form(page, article)
    fill_author(page, body="Clicked twice, sent once.")
    page.route(f"**{article.get_absolute_url()}comments/", answer_nothing)
    button = page.get_by_role("button", name="Post Comment")

    button.click()
    expect(button).to_be_disabled()
    button.click(force=True)
    field(page, "Name").press("Enter")
    page.wait_for_timeout(300)

    assert len(sent) == 1
    assert "Clicked+twice" in sent[0]
