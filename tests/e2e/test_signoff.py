"""The medical sign-off in a real browser: an editor submits, a reviewer approves from the
queue, a publisher publishes."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from articles import groups
from articles.models import Article
from tests.factories import ArticleFactory, CategoryFactory, PersonFactory, UserFactory

from .test_accessibility import audit
from .test_admin_editing import log_in, open_article, press_save

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def member(username, group):
    # A transactional test before this one may have emptied the tables the migration filled.
    groups.sync_groups(apps)
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def test_submit_approve_publish(new_context, server, csp_watch, record_property):
    article = ArticleFactory(
        title="Oats for breakfast",
        body="Oats are a good source of fibre.",
        category=CategoryFactory(name="Nutrition", slug="nutrition", requires_review=True),
        status="draft",
        published_at=None,
    )
    editor, publisher = member("erin", groups.EDITORS), member("pat", groups.PUBLISHERS)
    reviewer = member("rowan", groups.REVIEWERS)
    PersonFactory(name="Rowan Reid", slug="rowan-reid", credentials="MD", user=reviewer)

    page = new_context().new_page()
    log_in(page, server, editor)
    open_article(page, server, article)
    page.locator("#article_form .submit-row").last.get_by_role(
        "button", name="Save and submit for review"
    ).click()
    expect(page.locator(".messagelist .success")).to_contain_text(
        "is saved and submitted for medical review"
    )
    expect(page.locator(".field-review_state")).to_contain_text("Submitted for review")

    page = csp_watch.context.new_page()  # the review pages keep to the CSP
    log_in(page, server, reviewer)
    page.get_by_role("link", name="1 article submitted for review").click()
    problems = audit(page, "review queue", "1366px", record_property)
    page.get_by_role("link", name="Oats for breakfast").click()
    expect(page.locator(".review-comparison")).to_contain_text("Oats are a good source")
    problems += audit(page, "review page", "1366px", record_property)
    assert problems == []
    page.get_by_role("button", name="Approve (sign off)").click()
    expect(page.locator(".messagelist .success")).to_contain_text("is signed off")

    page = new_context().new_page()
    log_in(page, server, publisher)
    open_article(page, server, article)
    expect(page.locator(".field-review_state")).to_contain_text("Signed off by Rowan Reid, MD")
    page.get_by_label("Status").select_option(label="Published")
    press_save(page)
    expect(page.locator(".messagelist .success")).to_contain_text("was changed successfully")

    assert Article.objects.published().get() == article
    assert csp_watch.seen() == []
