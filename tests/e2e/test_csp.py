"""Every page readers and staff use, in a real browser under the Content-Security-Policy: no
violation is reported, and the admin's scripts (slug, tag chooser, autocomplete, inline rows,
calendar and clock, "add another" popups) still work."""

import re

import pytest
from django.contrib.flatpages.models import FlatPage
from playwright.sync_api import expect

from comments.models import Comment
from comments.unsubscribe import unsubscribe_token
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    FlatPageFactory,
    PersonFactory,
    TagFactory,
    UserFactory,
    image_file,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery"  # UserFactory's


@pytest.fixture
def site(make_comment):
    """An article with an image, tags and a discussion (one comment held), and a flat page."""
    sleep, naps = TagFactory(name="Sleep"), TagFactory(name="Naps")
    article = ArticleFactory(
        title="Evening walks and sleep",
        slug="evening-walks",
        featured_image=image_file(size=(1200, 800)),
        featured_image_alt="A path at dusk",
        tags=[sleep],
        author=PersonFactory(
            name="Dana Writer", slug="dana-writer", photo=image_file(size=(300, 300))
        ),
    )
    ArticleFactory(title="Naps, briefly", slug="naps", category=article.category, tags=[naps])
    first = make_comment(article, notify=True, author_email="robin@example.org")
    make_comment(article, parent=first, author_name="Sam Nightowl", body="Same here!")
    held = make_comment(article, status=Comment.Status.PENDING, body="Is this true for kids?")
    FlatPageFactory(url="/terms/", title="Terms of use")
    return {"article": article, "tag": sleep, "comment": first, "held": held}


def visit(page, url):
    """Open a page and check the policy came with it (a page without one proves nothing)."""
    response = page.goto(url)
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"], url
    return response


def test_the_watch_sees_a_violation(csp_watch, server, site):
    """The check below cannot pass by being blind: a style attribute and an inline script
    added to a page are reported."""
    page = csp_watch.context.new_page()
    visit(page, server.url + "/")

    page.evaluate("document.body.setAttribute('style', 'color: red')")
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.ran = true'; document.body.append(s); }"
    )

    directives = {v.get("directive") for v in csp_watch.seen()}
    assert {"style-src-attr", "script-src-elem"} <= directives
    assert page.evaluate("window.ran") is None


def test_public_pages_raise_no_violation(csp_watch, server, site, stamp_form):
    article = site["article"]
    page = csp_watch.context.new_page()
    statuses = {}
    for url in [
        "/",
        article.get_absolute_url(),
        article.category.get_absolute_url(),
        site["tag"].get_absolute_url(),
        "/search/?q=sleep",
        "/authors/dana-writer/",
        "/pages/terms/",
        "/no-such-page/",
        f"/comments/unsubscribe/{unsubscribe_token(site['comment'])}/",
    ]:
        statuses[url] = visit(page, server.url + url).status

    assert csp_watch.seen() == []
    assert statuses["/no-such-page/"] == 404
    assert [url for url, status in statuses.items() if status != 200] == ["/no-such-page/"]
    # The article's image loaded (same origin), and its JSON-LD block is present as data.
    page.goto(server.url + article.get_absolute_url())
    assert page.locator(".featured-image img").evaluate("img => img.complete && img.naturalWidth")
    expect(page.locator('script[type="application/ld+json"]')).to_have_count(1)
    # A ticked box and a form sent back with errors draw Bootstrap's data: icons.
    form = page.locator("#comment-form")
    form.locator("[name=name]").fill("Robin")
    form.locator("[name=email]").fill("robin@example")  # the browser's check lets it pass
    form.locator("[name=body]").fill("Walking helps me.")
    form.locator("[name=notify]").check()
    stamp_form(page, article)
    form.locator("[type=submit]").first.click()
    expect(page.locator("#comment-form [name=email].is-invalid")).to_be_visible()
    expect(page.locator("#comment-form [name=notify]")).to_be_checked()
    assert csp_watch.seen() == []


def log_in(page, server, user):
    visit(page, server.url + "/admin/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#user-tools")).to_contain_text("Welcome")


@pytest.fixture
def superuser():
    return UserFactory(username="root", is_staff=True, is_superuser=True)


def test_admin_pages_staff_use_raise_no_violation(csp_watch, server, site, superuser):
    article, comment = site["article"], site["comment"]
    terms = FlatPage.objects.get(url="/terms/")
    page = csp_watch.context.new_page()
    log_in(page, server, superuser)

    for url in [
        "/admin/",
        "/admin/articles/article/",
        f"/admin/articles/article/{article.pk}/change/",
        "/admin/articles/article/add/",
        "/admin/comments/comment/",
        f"/admin/comments/comment/{comment.pk}/change/",
        f"/admin/comments/comment/{comment.pk}/reply/",
        "/admin/comments/discussionsettings/",
        "/admin/articles/sitesettings/",
        "/admin/articles/person/",
        f"/admin/articles/person/{article.author_id}/change/",
        f"/admin/flatpages/flatpage/{terms.pk}/change/",
        "/admin/axes/accessattempt/",
    ]:
        assert visit(page, server.url + url).ok, url

    assert csp_watch.seen() == []
    # The change list's thumbnail and the form's preview are styled by classes, not style="".
    page.goto(server.url + "/admin/articles/article/")
    assert page.locator("img.admin-thumbnail").evaluate("img => getComputedStyle(img).width") == (
        "80px"
    )


def test_admin_scripts_work_under_the_policy(csp_watch, server, site, superuser):
    CategoryFactory(name="Nutrition")
    page = csp_watch.context.new_page()
    log_in(page, server, superuser)
    visit(page, server.url + "/admin/articles/article/add/")

    # The slug is filled in from the title as it is typed.
    page.locator("#id_title").press_sequentially("Sleep and the Heart")
    expect(page.locator("#id_slug")).to_have_value("sleep-and-the-heart")

    # filter_horizontal: the two-box tag chooser is drawn, and moves a tag across.
    expect(page.locator("#id_tags_from")).to_be_visible()
    page.locator("#id_tags_from").select_option(label="Naps")
    page.locator("#id_tags_add").click()
    expect(page.locator("#id_tags_to option")).to_have_text(["Naps"])

    # Date and time shortcuts, and the calendar.
    page.locator(".datetimeshortcuts a", has_text="Today").first.click()
    expect(page.locator("#id_published_at_0")).to_have_value(re.compile(r"\d{4}-\d{2}-\d{2}"))
    page.locator(".datetimeshortcuts a", has_text="Now").first.click()
    expect(page.locator("#id_published_at_1")).to_have_value(re.compile(r"\d{2}:\d{2}:\d{2}"))
    page.locator("#calendarlink0").click()
    expect(page.locator("#calendarbox0")).to_be_visible()
    page.keyboard.press("Escape")

    # Inline rows: "add another" adds a related-link row, whose target is an autocomplete.
    rows = page.locator(".dynamic-related_links")
    before = rows.count()
    page.locator("#related_links-group .add-row a").click()
    expect(rows).to_have_count(before + 1)
    rows.last.locator(".select2-selection").click()
    page.locator(".select2-search__field").fill("Naps")
    expect(page.locator(".select2-results__option", has_text="Naps, briefly")).to_be_visible()
    page.keyboard.press("Escape")

    # The author is found by typing a name; a source row is added.
    page.locator(".field-author .select2-selection").click()
    page.locator(".select2-search__field").fill("dana")
    page.locator(".select2-results__option", has_text="Dana Writer").click()
    expect(page.locator("#id_author option:checked")).to_have_text("Dana Writer")
    sources = page.locator(".dynamic-sources")
    before = sources.count()
    page.locator("#sources-group .add-row a").click()
    expect(sources).to_have_count(before + 1)

    # The "+" beside the category opens a popup whose answer selects the new category.
    with page.expect_popup() as opened:
        page.locator("#add_id_category").click()
    popup = opened.value
    popup.locator("#id_name").fill("Heart health")
    popup.locator("#id_slug").fill("heart-health")
    # Listening before the click: the popup may close before a later wait would begin.
    with popup.expect_event("close"):
        popup.locator("input[name=_save]").click()
    expect(page.locator("#id_category option:checked")).to_have_text("Heart health")

    assert csp_watch.seen() == []


def test_the_lockout_page_raises_no_violation(csp_watch, server, superuser):
    page = csp_watch.context.new_page()
    for attempt in range(5):
        visit(page, server.url + "/admin/login/")
        page.get_by_label("Username").fill(superuser.username)
        page.get_by_label("Password").fill(f"wrong guess {attempt}")
        with page.expect_navigation() as answered:
            page.get_by_role("button", name="Log in").click()

    assert answered.value.status == 429
    assert "frame-ancestors 'none'" in answered.value.headers["content-security-policy"]
    expect(page.get_by_role("heading", level=1)).to_have_text("Too many failed logins")
    expect(page.locator(".errornote")).to_contain_text("Try again in 15 minutes")
    assert csp_watch.seen() == []
