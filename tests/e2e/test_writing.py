"""An editor writing in the admin with a real browser: a warning before leaving unsaved
changes, the draft kept in the browser and offered back, the live preview with its word
count, character counts, and a library image placed from the chooser, shown with srcset in
the preview and on the page."""

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.articles.editor import demo_article
from tests.articles.media import library_image
from tests.factories import ArticleFactory, StaffFactory

from .test_admin_editing import log_in, open_article, press_save

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def editor_page(page, server):
    log_in(page, server, StaffFactory(username="dana"))
    return page


def leave_by_link(page):
    """Follow the breadcrumbs' Home link, as an editor leaving the form would."""
    page.locator(".breadcrumbs a").first.click()


def test_leaving_with_unsaved_changes_asks_first(editor_page, server):
    page = editor_page
    article = ArticleFactory(title="Sleep and memory")
    open_article(page, server, article)
    dialogs = []

    def stay(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", stay)
    page.locator("#id_body").press_sequentially(" More.")
    leave_by_link(page)
    page.wait_for_timeout(300)
    assert dialogs == ["beforeunload"]
    expect(page.locator("#id_title")).to_have_value("Sleep and memory")  # still here

    page.remove_listener("dialog", stay)
    page.on("dialog", lambda dialog: dialogs.append(dialog.type) or dialog.accept())
    press_save(page)
    expect(page.locator(".messagelist .success")).to_contain_text("was changed successfully")
    assert dialogs == ["beforeunload"]  # saving asks nothing


def test_leaving_an_unchanged_form_asks_nothing(editor_page, server):
    page = editor_page
    open_article(page, server, ArticleFactory(title="Sleep and memory"))
    dialogs = []
    page.on("dialog", lambda dialog: dialogs.append(dialog.type) or dialog.accept())
    page.locator("#id_title").click()
    leave_by_link(page)
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()
    assert dialogs == []


def draft_keys(page):
    return page.evaluate(
        "Object.keys(localStorage).filter((key) => key.startsWith('healthsite:draft:'))"
    )


def wait_for_draft(page, key):
    """Until the script has kept the draft (it waits for a pause in typing). Polled from
    here: the page's CSP forbids the string evaluation wait_for_function would use."""
    for _ in range(50):
        if f"healthsite:draft:articles.article:{key}" in draft_keys(page):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"no draft kept for {key}: {draft_keys(page)}")


def test_unsaved_changes_are_offered_back_and_cleared_once_saved(editor_page, server):
    page = editor_page
    article = ArticleFactory(title="Sleep and memory")
    open_article(page, server, article)
    page.locator("#id_title").fill("Sleep, memory and mood")
    page.locator("#id_title").press("End")
    wait_for_draft(page, article.pk)

    page.on("dialog", lambda dialog: dialog.accept())  # leave anyway
    open_article(page, server, article)
    offer = page.locator(".draft-offer")
    expect(offer).to_contain_text("You have unsaved changes from")
    expect(page.locator("#id_title")).to_have_value("Sleep and memory")
    offer.get_by_role("button", name="Restore").click()
    expect(page.locator("#id_title")).to_have_value("Sleep, memory and mood")
    expect(offer).to_have_count(0)

    press_save(page)
    expect(page.locator(".messagelist .success")).to_contain_text("was changed successfully")
    assert Article.objects.get(pk=article.pk).title == "Sleep, memory and mood"
    assert draft_keys(page) == []
    open_article(page, server, Article.objects.get(pk=article.pk))
    expect(page.locator(".draft-offer")).to_have_count(0)


def test_a_discarded_draft_is_gone(editor_page, server):
    page = editor_page
    page.goto(server.url + "/admin/articles/article/add/")
    page.locator("#id_title").fill("A new article I never saved")
    wait_for_draft(page, "new")
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(server.url + "/admin/articles/article/add/")
    page.locator(".draft-offer").get_by_role("button", name="Discard").click()
    expect(page.locator(".draft-offer")).to_have_count(0)
    expect(page.locator("#id_title")).to_have_value("")
    assert draft_keys(page) == []


def test_a_draft_survives_a_refused_save(editor_page, server):
    page = editor_page
    page.goto(server.url + "/admin/articles/article/add/")
    page.locator("#id_title").fill("Without a category")
    page.locator("#id_body").fill("Some text.")
    page.locator("#id_body").press("End")
    wait_for_draft(page, "new")
    press_save(page)
    expect(page.locator(".errornote")).to_be_visible()
    assert draft_keys(page) == ["healthsite:draft:articles.article:new"]

    dialogs = []
    page.on("dialog", lambda dialog: dialogs.append(dialog.type) or dialog.dismiss())
    page.locator("#id_body").click()  # the form drawn again holds unsaved text: leaving asks
    leave_by_link(page)
    page.wait_for_timeout(300)
    assert dialogs == ["beforeunload"]


def test_the_preview_follows_the_body_with_its_length(editor_page, server):
    page = editor_page
    open_article(page, server, ArticleFactory(body="Opening words."))
    preview = page.locator(".body-preview-content")
    expect(preview).to_contain_text("Opening words.")
    body = page.locator("#id_body")
    body.fill("## Fresh heading\n\nA **bold** claim.<script>alert(1)</script>")
    expect(preview.locator("h2")).to_have_text("Fresh heading")
    expect(preview.locator("strong")).to_have_text("bold")
    expect(preview.locator("script")).to_have_count(0)
    expect(page.locator(".body-preview-notes")).to_contain_text(
        "A <script> element was removed from the body."
    )
    expect(page.locator(".body-length")).to_have_text("5 words · 1 min read")


def test_search_fields_count_their_characters(editor_page, server):
    page = editor_page
    page.goto(server.url + "/admin/articles/article/add/")
    count = page.locator(".field-seo_title .length-count")
    expect(count).to_have_text("0 of about 60 characters")
    page.locator("#id_seo_title").fill("x" * 61)
    expect(count).to_have_text("61 of about 60 characters")
    expect(count).to_have_class("help length-count length-over")


def test_an_image_chosen_from_the_library_shows_with_srcset_in_preview_and_page(
    editor_page, server
):
    page = editor_page
    media = library_image(alt="Oats in a bowl", caption="A warm breakfast")
    library_image(alt="A walk in the park")
    article = demo_article("sleep-hygiene")
    open_article(page, server, article)

    body = page.locator("#id_body")
    body.evaluate("(el) => { el.focus(); el.setSelectionRange(0, 0); }")
    page.get_by_role("button", name="Insert image from library").click()
    page.get_by_role("searchbox", name="Search the library").fill("oats")
    choice = page.locator(".media-choice")
    expect(choice).to_have_count(1)
    choice.click()

    assert body.input_value().startswith(
        f'![Oats in a bowl](media:{media.pk} "A warm breakfast")\n\n'
    )
    figure = page.locator(".body-preview-content figure")
    expect(figure.locator("img")).to_have_attribute("srcset", media.picture.jpeg_srcset)
    expect(figure.locator("figcaption")).to_have_text("A warm breakfast")

    press_save(page)
    expect(page.locator(".messagelist .success")).to_contain_text("was changed successfully")
    page.goto(server.url + article.get_absolute_url())
    image = page.locator(".article-body figure img")
    expect(image).to_have_attribute("srcset", media.picture.jpeg_srcset)
    expect(image).to_have_attribute("loading", "lazy")
    expect(image).to_have_attribute("alt", "Oats in a bowl")
    expect(page.locator(".article-body figcaption")).to_have_text("A warm breakfast")
    assert image.evaluate("(img) => img.complete && img.naturalWidth > 0")


def test_the_writing_aids_raise_no_csp_violation(csp_watch, server):
    page = csp_watch.context.new_page()
    log_in(page, server, StaffFactory(username="dana"))
    library_image()
    open_article(page, server, ArticleFactory(body="Text."))
    page.get_by_role("button", name="Insert image from library").click()
    page.locator(".media-choice").first.click()
    expect(page.locator(".body-preview-content figure img")).to_have_count(1)
    assert csp_watch.seen() == []


def test_a_draft_survives_a_save_sent_after_the_session_ended(page, server):
    """The save never happened (the session had ended): logged in again, the editor is
    offered the text typed, rather than losing it to the next page without errors."""
    editor = StaffFactory(username="dana")
    log_in(page, server, editor)
    article = ArticleFactory(title="Sleep and memory")
    open_article(page, server, article)
    page.locator("#id_title").fill("Sleep, memory and mood")
    page.locator("#id_title").press("End")
    wait_for_draft(page, article.pk)

    page.context.clear_cookies()
    press_save(page)
    expect(page.locator("#id_title")).to_have_count(0)  # refused: no form, no error list
    assert Article.objects.get(pk=article.pk).title == "Sleep and memory"

    log_in(page, server, editor)
    open_article(page, server, article)
    expect(page.locator(".draft-offer")).to_contain_text("You have unsaved changes from")
    page.locator(".draft-offer").get_by_role("button", name="Restore").click()
    expect(page.locator("#id_title")).to_have_value("Sleep, memory and mood")


def test_a_draft_older_than_the_saved_text_restored_and_saved_is_checked_as_stale(
    editor_page, server
):
    """Restoring yesterday's draft over a colleague's newer save does not undo it unseen: the
    save is refused with both versions shown, as for a form left open."""
    page = editor_page
    article = ArticleFactory(title="Sleep and memory", body="Sleep helps memory.")
    open_article(page, server, article)
    page.locator("#id_title").fill("Sleep, memory and mood")
    page.locator("#id_title").press("End")
    wait_for_draft(page, article.pk)
    theirs = Article.objects.get(pk=article.pk)
    theirs.body = "Sleep helps memory, says a colleague."
    theirs.save()

    page.on("dialog", lambda dialog: dialog.accept())
    open_article(page, server, article)
    page.locator(".draft-offer").get_by_role("button", name="Restore").click()
    press_save(page)

    expect(page.locator(".errornote")).to_be_visible()
    expect(page.locator("#article_form")).to_contain_text("changed by someone else since")
    assert Article.objects.get(pk=article.pk).title == "Sleep and memory"


def test_logging_out_forgets_the_drafts_kept_in_this_browser(editor_page, server):
    page = editor_page
    article = ArticleFactory(title="Sleep and memory")
    open_article(page, server, article)
    page.evaluate("localStorage.setItem('someone-else', 'kept')")
    page.locator("#id_title").fill("A change I never saved")
    wait_for_draft(page, article.pk)

    page.on("dialog", lambda dialog: dialog.accept())  # leave anyway
    page.locator("#logout-form button").click()
    expect(page.get_by_text("Log in again")).to_be_visible()

    assert draft_keys(page) == []
    assert page.evaluate("localStorage.getItem('someone-else')") == "kept"
