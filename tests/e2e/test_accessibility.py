"""axe-core (bundled by axe-playwright-python: nothing is fetched) on the pages a reader meets,
at a phone's width and a laptop's: no serious and no critical violation.

The demo content is the page material (images, a threaded discussion with a staff reply, the
disclaimer, related posts). Every page's count of violations by impact is recorded and printed
at the end of the run ("axe-core results"), so the figures can be quoted.
"""

import io
import re
from collections import Counter

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.db.models import Count, Q
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import expect

from articles.models import Article

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTHS = {"360px": {"width": 360, "height": 740}, "1366px": {"width": 1366, "height": 768}}
IMPACTS = ("critical", "serious", "moderate", "minor")
BLOCKING = {"critical", "serious"}
AXE = Axe()


def audit(page, name, width, record_property):
    """Run axe on the page as it stands; record and return its violations."""
    results = AXE.run(page).response
    assert results["passes"], f"axe checked nothing on {name}"  # it really ran
    violations = results["violations"]
    counts = Counter(violation["impact"] for violation in violations)
    record_property(
        "axe", f"{name:<28} {width:>6}  " + "  ".join(f"{i} {counts[i]}" for i in IMPACTS)
    )
    return [
        f"{name} at {width}: {violation['id']} ({violation['impact']}): {violation['help']} — "
        + ", ".join(str(node["target"]) for node in violation["nodes"][:5])
        for violation in violations
        if violation["impact"] in BLOCKING
    ]


def visit(page, server, path, *, status=200):
    response = page.goto(server.url + path)
    assert response.status == status, path
    expect(page.locator("h1")).to_have_count(1)


@pytest.fixture
def demo(server):
    call_command("seed_demo", stdout=io.StringIO())


def discussed_article():
    """The demo article with the fullest discussion: replies and a staff reply."""
    article = (
        Article.objects.published()
        .annotate(
            staff_replies=Count("comments", filter=Q(comments__is_staff_reply=True)),
            replies=Count("comments", filter=Q(comments__depth__gt=1)),
        )
        .filter(staff_replies__gt=0, replies__gt=0)
        .order_by("-replies")
        .first()
    )
    assert article is not None, "the demo has no threaded discussion with a staff reply"
    return article


@pytest.mark.parametrize("width", WIDTHS)
def test_reader_pages_have_no_serious_or_critical_violation(
    new_context, server, demo, stamp_form, width, record_property
):
    page = new_context(viewport=WIDTHS[width]).new_page()
    article = discussed_article()
    problems = []

    visit(page, server, "/")
    problems += audit(page, "home", width, record_property)

    visit(page, server, article.get_absolute_url())
    expect(page.locator(".comment-list .children .staff-reply").first).to_be_attached()
    problems += audit(page, "article with a discussion", width, record_property)

    # Sent back with errors: a blank name and an email the browser would have refused.
    page.locator("#comment-form").evaluate("form => form.setAttribute('novalidate', '')")
    page.locator("#id_body").fill("Morning light helps me more than anything.")
    page.locator("#id_email").fill("reader(at)example.org")
    stamp_form(page, article)
    page.locator("#comment-form [type=submit]").click()
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.locator("[aria-invalid=true]")).to_have_count(2)
    problems += audit(page, "article with form errors", width, record_property)

    # Sent again, fixed: the discussion opens with the message and the pending comment.
    page.locator("#id_name").fill("Robin Reader")
    page.locator("#id_email").fill("robin@example.org")
    stamp_form(page, article)
    page.locator("#comment-form [type=submit]").click()
    expect(page.locator("#comments .discussion-notice .comment-preview")).to_be_visible()
    problems += audit(page, "article after posting", width, record_property)

    # The longest word of the title: never a stop word that PostgreSQL's search drops.
    word = max(re.findall(r"\w+", article.title), key=len)
    visit(page, server, f"/search/?q={word}")
    expect(page.get_by_role("link", name=article.title).first).to_be_visible()
    problems += audit(page, "search results", width, record_property)

    visit(page, server, "/no-such-page/", status=404)
    problems += audit(page, "404 page", width, record_property)

    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("width", WIDTHS)
def test_author_page_has_no_serious_or_critical_violation(
    new_context, server, width, record_property
):
    try:
        reverse("articles:author", kwargs={"slug": "any"})
    except NoReverseMatch:
        pytest.skip("no author pages yet (the URL name articles:author does not exist)")
    call_command("seed_demo", stdout=io.StringIO())
    page = new_context(viewport=WIDTHS[width]).new_page()
    article = Article.objects.published().exclude(author=None).order_by("-published_at").first()
    assert article is not None, "the demo has no article with an author"
    path = reverse("articles:author", kwargs={"slug": article.author.slug})

    visit(page, server, path)
    expect(page.get_by_role("link", name=article.title).first).to_be_visible()
    problems = audit(page, "author page", width, record_property)

    assert not problems, "\n".join(problems)
