"""A moderator's morning in the admin: log in, see what waits, approve it, and readers see it."""

import importlib

import pytest
from django.contrib.auth.models import Group, Permission
from playwright.sync_api import expect

from comments.models import Comment
from tests.factories import ArticleFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery"  # UserFactory's
moderators_migration = importlib.import_module("comments.migrations.0002_moderators_group")


def moderators_group():
    """The Moderators group as its data migration makes it.

    A transactional test ends by emptying every table, rows from data migrations included, so
    a later one may find the group gone: then it is made again from the migration's own list.
    """
    group, created = Group.objects.get_or_create(name=moderators_migration.GROUP)
    if created:
        for app_label, model, codename in moderators_migration.PERMISSIONS:
            group.permissions.add(
                Permission.objects.get(
                    content_type__app_label=app_label,
                    content_type__model=model,
                    codename=codename,
                )
            )
    return group


@pytest.fixture
def moderator():
    user = UserFactory(username="mo", first_name="Mo", last_name="Derator", is_staff=True)
    user.groups.add(moderators_group())
    return user


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
