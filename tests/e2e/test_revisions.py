"""An editor restores an earlier revision of an article in a real browser, and readers see
the restored text on the public page; no page of the way breaks the CSP."""

import pytest
from playwright.sync_api import expect

from articles import revisions
from tests.factories import ArticleFactory, StaffFactory

from .test_accessibility import AXE, BLOCKING, WIDTHS, audit
from .test_admin_editing import log_in, open_article, press_save

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FIRST = "Oats release their energy slowly.\n\n## Why\n\nTheir fibre slows digestion."


def test_an_editor_restores_a_revision_and_readers_see_it(csp_watch, server):
    page = csp_watch.context.new_page()
    article = ArticleFactory(title="Oats for breakfast", body=FIRST)
    revisions.record(article=article)
    log_in(page, server, StaffFactory(username="dana"))
    open_article(page, server, article)
    page.get_by_label("Body").fill("Oats are a poor breakfast.")
    press_save(page)
    expect(page.locator(".messagelist .success")).to_contain_text("was changed successfully")

    open_article(page, server, article)
    page.get_by_role("link", name="Revisions").click()
    expect(page.locator("#revision-2")).to_contain_text("Body")
    page.locator("#revision-1").get_by_role("link", name="Restore").click()
    expect(page.locator(".revision-diff-new")).to_contain_text("Their fibre slows digestion.")
    page.get_by_role("button", name="Restore this revision").click()

    expect(page.locator(".messagelist .success")).to_have_text(
        "Revision 1 was restored as revision 3."
    )
    expect(page.locator("#revision-3")).to_contain_text("Restored from revision 1")
    reader = csp_watch.context.browser.new_context().new_page()
    reader.goto(server.url + article.get_absolute_url())
    expect(reader.locator(".article-body")).to_contain_text("Their fibre slows digestion.")
    expect(reader.locator(".article-body")).not_to_contain_text("poor breakfast")
    reader.context.close()
    assert csp_watch.seen() == []


def test_the_revision_pages_have_no_serious_or_critical_violation(
    new_context, server, record_property
):
    page = new_context(viewport=WIDTHS["1366px"]).new_page()
    article = ArticleFactory(title="Oats for breakfast", body=FIRST)
    revisions.record(article=article)
    article.body = "Oats are a <b>poor</b> breakfast."
    revisions.save_draft(article=article, user=None, sources=[])
    log_in(page, server, StaffFactory(username="dana"))
    base = f"{server.url}/admin/articles/article/{article.pk}"
    problems = []

    for name, path in [
        ("revision history", "/revisions/"),
        ("revision comparison", "/revisions/compare/?old=1&new=2"),
        ("publish a draft revision", "/revisions/2/restore/"),
        ("draft revision preview", "/revisions/2/preview/"),
    ]:
        assert page.goto(base + path).status == 200, path
        problems += audit(page, name, "1366px", record_property)
    # The change form as Django draws it is not ours to audit; what we add to it is.
    for path, added in [
        ("/change/", ".revision-pending"),
        ("/change/?revision=2", ".revision-held"),
    ]:
        page.goto(base + path)
        found = AXE.run(page, context=[added, ".draft-revision-row"]).response
        assert found["passes"], path
        problems += [
            f"{path}: {violation['id']} ({violation['impact']})"
            for violation in found["violations"]
            if violation["impact"] in BLOCKING
        ]

    assert not problems, "\n".join(problems)
