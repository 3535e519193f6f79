"""An editor in the admin with a real browser: an article with an image saves again, and two
editors on one article see each other's change instead of undoing it."""

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.articles.editor import demo_article
from tests.factories import StaffFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery"  # UserFactory's


def log_in(page, server, user):
    page.goto(server.url + "/admin/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()


def open_article(page, server, article):
    page.goto(server.url + "/admin/articles/article/")
    page.get_by_role("link", name=article.title, exact=True).click()
    expect(page.locator("#id_title")).to_have_value(article.title)


def press_save(page):
    page.locator("#article_form .submit-row").last.get_by_role(
        "button", name="Save", exact=True
    ).click()


@pytest.mark.parametrize("change", ["status", "body"])
def test_an_article_with_an_image_saves_again(page, server, change):
    editor = StaffFactory(username="dana")
    article = demo_article("sleep-hygiene")
    log_in(page, server, editor)
    open_article(page, server, article)
    expect(page.locator(".field-image_preview img")).to_be_visible()

    if change == "status":
        page.get_by_label("Status").select_option(label="Draft")
    else:
        body = page.get_by_label("Body")
        body.fill(body.input_value() + "\n\nOne more sentence from the editor.")
    press_save(page)

    expect(page.locator(".messagelist .success")).to_contain_text("was changed successfully")
    expect(page.locator(".errornote")).to_have_count(0)
    saved = Article.objects.get(pk=article.pk)
    assert saved.featured_image.name == article.featured_image.name
    if change == "status":
        assert saved.status == Article.Status.DRAFT
    else:
        assert saved.body.endswith("One more sentence from the editor.")


def test_two_editors_the_second_is_shown_the_difference(new_context, server):
    article = demo_article("sleep-hygiene")
    dana, eli = new_context().new_page(), new_context().new_page()
    log_in(dana, server, StaffFactory(username="dana"))
    log_in(eli, server, StaffFactory(username="eli"))
    open_article(dana, server, article)
    open_article(eli, server, article)

    dana.get_by_label("Excerpt").fill("Dana's new summary of the article.")
    press_save(dana)
    expect(dana.locator(".messagelist .success")).to_contain_text("was changed successfully")

    eli.get_by_label("Title").fill("Eli's better title")
    press_save(eli)

    expect(eli.locator(".errornote")).to_be_visible()
    expect(eli.locator("#article_form")).to_contain_text(
        "This article was changed by someone else since you opened this page."
    )
    comparison = eli.locator("#version-conflict")
    expect(comparison).to_be_visible()
    excerpt = comparison.locator("table", has=eli.locator("caption", has_text="Excerpt"))
    expect(excerpt.locator("td.version-diff-theirs")).to_have_text(
        "Dana's new summary of the article."
    )
    title = comparison.locator("table", has=eli.locator("caption", has_text="Title"))
    expect(title.locator("td.version-diff-yours")).to_have_text("Eli's better title")
    expect(eli.locator("#id_title")).to_have_value("Eli's better title")
    saved = Article.objects.get(pk=article.pk)
    assert (saved.title, saved.excerpt) == (article.title, "Dana's new summary of the article.")
