"""A moderator's morning in the admin: log in, see what waits, approve it, and readers see it."""

import pytest
from playwright.sync_api import expect

from comments.models import Comment
from tests.comments.staff_helpers import make_moderator
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery"  # UserFactory's


@pytest.fixture
def moderator():
    return make_moderator(username="mo")


@pytest.fixture
def article():
    return ArticleFactory(title="Evening walks and sleep", slug="evening-walks")


@pytest.fixture
def pending(article, make_comment):
    return make_comment(
        article,
        author_name="Ana Lopez",
        body="Walking after dinner helped me fall asleep sooner.",
        status=Comment.Status.PENDING,
    )


def test_moderator_approves_a_comment_and_readers_then_see_it(
    page, new_context, server, moderator, article, pending
):
    page.goto(server.url + "/admin/")
    page.get_by_label("Username").fill(moderator.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    awaiting = page.get_by_role("link", name="1 comment awaiting moderation")
    expect(awaiting).to_be_visible()
    awaiting.click()

    expect(page.get_by_role("heading", name="Moderation desk")).to_be_visible()
    card = page.locator(f"#comment-{pending.pk}")
    expect(card).to_contain_text("Walking after dinner")
    card.get_by_role("button", name="Approve").click()

    expect(card.locator(".desk-done")).to_have_text("Approved by you · Undo")
    pending.refresh_from_db()
    assert pending.status == Comment.Status.APPROVED
    assert pending.moderated_by == moderator

    reader = new_context().new_page()
    reader.goto(server.url + article.get_absolute_url())
    shown = reader.locator(f"#comment-{pending.pk}")
    expect(shown).to_be_visible()
    expect(shown).to_contain_text("Ana Lopez")
    expect(shown).to_contain_text("Walking after dinner helped me fall asleep sooner.")
    expect(shown).not_to_contain_text("awaiting moderation")
    expect(reader.get_by_role("heading", name="1 Comment", exact=True)).to_be_visible()
