"""Every save of an article through the admin keeps a revision (who, when, what): the history
lists them and compares any two, word by word, escaped; only editors may see it."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles import revisions, snapshots
from articles.models import Article, Revision
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    PersonFactory,
    StaffFactory,
    UserFactory,
)
from tests.markup import parse

from .editor import demo_article, messages_of, open_form
from .revision_steps import (
    compare_url,
    history_rows,
    preview_url,
    restore_url,
    revisions_url,
    save,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    user = StaffFactory(username="dokafor", first_name="Dana", last_name="Okafor")
    PersonFactory(name="Dr Dana Okafor", slug="dana-okafor", user=user)
    return user


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client


def test_every_save_keeps_a_revision_with_who_and_when(editor_client, editor):
    article = ArticleFactory(title="Sleep and light", body="Morning light helps.")

    save(editor_client, article)
    response = save(editor_client, article, body="Morning light helps you sleep.")

    assert "was changed successfully" in response.content.decode()
    kept = list(article.revisions.order_by("number"))
    assert [r.number for r in kept] == [1, 2]
    assert {r.created_by for r in kept} == {editor}
    assert kept[1].snapshot["body"] == "Morning light helps you sleep."
    history = history_rows(editor_client.get(revisions_url(article)))
    assert [row["number"] for row in history] == ["2", "1"]
    # The person's public name, never the login name; what changed since the one before.
    assert history[0]["who"] == "Dr Dana Okafor"
    assert history[0]["what"] == "Saved (the live text)"
    assert history[1]["what"] == "Saved"
    assert history[0]["changed"] == "Body"
    assert history[1]["changed"] == "—"


def test_a_staff_member_without_a_person_is_named_by_full_name_then_login():
    named = StaffFactory(username="jlee", first_name="Jo", last_name="Lee")
    login_only = StaffFactory(username="night-desk", first_name="", last_name="")
    article = ArticleFactory()
    revisions.record(article=article, user=named)
    revisions.record(article=article, user=login_only)
    revisions.record(article=article)
    client = Client()
    client.force_login(named)

    history = history_rows(client.get(revisions_url(article)))

    assert [row["who"] for row in history] == [
        "(a command or the importer)",
        "night-desk",
        "Jo Lee",
    ]


def test_the_revision_is_taken_after_the_sources_are_saved(editor_client):
    article = ArticleFactory()
    data = open_form(editor_client, article)
    data.update(
        {
            "sources-0-title": "Light and the body clock",
            "sources-0-publisher": "NHS",
            "sources-0-date": "2024",
            "sources-0-position": "1",
        }
    )

    editor_client.post(f"/admin/articles/article/{article.pk}/change/", data)

    revision = article.revisions.get()
    assert revision.snapshot["sources"] == ["Light and the body clock (NHS, 2024)"]


def test_the_list_actions_keep_a_revision_too(editor_client):
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)

    editor_client.post(
        "/admin/articles/article/",
        {"action": "publish", "_selected_action": [article.pk]},
    )
    editor_client.post(
        "/admin/articles/article/",
        {"action": "unpublish", "_selected_action": [article.pk]},
    )

    statuses = [r.snapshot["status"] for r in article.revisions.order_by("number")]
    assert statuses == ["published", "draft"]


def test_the_comparison_shows_the_changed_words_escaped(editor_client):
    article = ArticleFactory(title="Sleep", body="Light <b>helps</b> sleep.")
    save(editor_client, article)
    save(
        editor_client,
        article,
        title="Sleep well",
        body="Light <b>helps</b> deep sleep. <script>alert(1)</script>",
    )

    response = editor_client.get(compare_url(article, 1, 2))

    assert response.status_code == 200
    table = parse(response).one("table", class_="revision-diff")
    rows = {row.find("th").text: row for row in table.find_all("tr") if row.find("td")}
    assert list(rows) == ["Title", "Body"]
    body = rows["Body"]
    assert body.find("td", class_="revision-diff-old").text == "Light <b>helps</b> sleep."
    assert [ins.text for ins in body.find_all("ins")] == ["deep", "<script>alert(1)</script>"]
    html = response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert [ins.text for ins in rows["Title"].find_all("ins")] == ["well"]


def test_the_history_offers_two_revisions_to_compare(editor_client):
    article = ArticleFactory()
    for body in ("One.", "Two.", "Three."):
        save(editor_client, article, body=body)

    page = parse(editor_client.get(revisions_url(article)))

    form = page.one("form", id="revision-compare-form")
    assert form["action"] == f"{revisions_url(article)}compare/"
    checked = {
        element["name"]: element["value"]
        for element in form.find_all("input", type="radio")
        if "checked" in element.attrs
    }
    assert checked == {"old": "2", "new": "3"}
    # Either order compares oldest to newest.
    response = editor_client.get(compare_url(article, 3, 1))
    assert "Revision 1 compared with revision 3" in response.content.decode()


def test_the_change_form_links_the_revisions(editor_client):
    article = ArticleFactory()

    page = parse(editor_client.get(f"/admin/articles/article/{article.pk}/change/"))

    link = page.one("a", class_="revisions-link")
    assert link["href"] == revisions_url(article)


def test_a_bad_comparison_goes_back_to_the_history(editor_client):
    article = ArticleFactory()
    save(editor_client, article)

    response = editor_client.get(f"{revisions_url(article)}compare/?old=x&new=1", follow=True)

    assert messages_of(response) == ["Choose two revisions to compare."]
    assert editor_client.get(compare_url(article, 1, 9)).status_code == 404


def test_without_the_permission_to_change_articles_every_revision_page_is_refused(
    editor_client,
):
    article = ArticleFactory()
    save(editor_client, article)
    save(editor_client, article, body="Changed.")
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_article"))
    client = Client()
    client.force_login(viewer)

    for url in (
        revisions_url(article),
        compare_url(article, 1, 2),
        restore_url(article, 1),
        preview_url(article, 1),
    ):
        assert client.get(url).status_code == 403, url
    assert client.post(restore_url(article, 1)).status_code == 403
    assert article.revisions.count() == 2


def test_a_reader_is_sent_to_the_login(article):
    revisions.record(article=article)

    response = Client().get(revisions_url(article))

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def history_queries(client, article, count):
    users = [StaffFactory(), StaffFactory()]
    PersonFactory(user=users[0])
    for number in range(count):
        article.body = f"Text number {number}."
        revisions.record(article=article, user=users[number % 2])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(revisions_url(article))
    assert response.status_code == 200
    assert len(history_rows(response)) == min(count, 50)
    return len(queries)


def test_the_history_costs_the_same_queries_whatever_the_number_of_revisions(editor_client):
    history_queries(editor_client, ArticleFactory(), 1)  # the session's first admin page
    few = history_queries(editor_client, ArticleFactory(), 3)
    many = history_queries(editor_client, ArticleFactory(), 60)

    assert few == many


def test_revision_numbers_count_per_article():
    first, second = ArticleFactory(), ArticleFactory()

    numbers = [
        revisions.record(article=article).number for article in (first, second, first, first)
    ]

    assert numbers == [1, 1, 2, 3]
    assert Revision.objects.filter(article=first).count() == 3


def test_a_demo_article_starts_with_its_first_revision():
    article = demo_article("sleep-hygiene")

    revision = article.revisions.get()
    assert (revision.number, revision.note, revision.created_by) == (1, "Demo content", None)
    assert revision.snapshot["sources"] == [
        snapshots.source_line(source) for source in article.sources.all()
    ]


def test_a_save_that_changes_nothing_is_kept_and_says_so(editor_client):
    """The publication date is kept to the second, as the form shows it: a save without a
    change is no change to it."""
    article = ArticleFactory()

    save(editor_client, article)
    response = save(editor_client, article)

    history = history_rows(editor_client.get(revisions_url(article)))
    assert response.status_code == 200
    assert [row["changed"] for row in history] == ["No change to the text", "—"]


def test_an_article_with_revisions_can_still_be_deleted(editor_client):
    article = ArticleFactory()
    save(editor_client, article)
    save(editor_client, article, body="Changed.")
    url = f"/admin/articles/article/{article.pk}/delete/"

    page = editor_client.get(url)
    response = editor_client.post(url, {"post": "yes"})

    assert page.status_code == 200
    assert response.status_code == 302
    assert not Article.objects.filter(pk=article.pk).exists()
    assert not Revision.objects.exists()


def test_a_long_history_comes_fifty_revisions_a_page(editor_client):
    article = ArticleFactory()
    for number in range(55):
        article.body = f"Text number {number}."
        revisions.record(article=article)

    first = editor_client.get(revisions_url(article))
    second = editor_client.get(revisions_url(article) + "?page=2")

    numbers = [row["number"] for row in history_rows(first)]
    assert (numbers[0], numbers[-1], len(numbers)) == ("55", "6", 50)
    rows = history_rows(second)
    assert [row["number"] for row in rows] == ["5", "4", "3", "2", "1"]
    # The oldest of the first page is still compared with the one before it.
    assert history_rows(first)[-1]["changed"] == "Body"
    assert rows[-1]["changed"] == "—"
    assert parse(second).one("p", class_="paginator").find("a").text == "Newer"


def test_adding_an_article_keeps_its_first_revision(editor_client, editor):
    category = CategoryFactory()
    data = open_form(editor_client)
    data.update(
        title="Walking after meals", slug="walking", category=category.pk, body="Walk a little."
    )

    response = editor_client.post("/admin/articles/article/add/", data)

    assert response.status_code == 302
    revision = Article.objects.get(slug="walking").revisions.get()
    assert (revision.number, revision.created_by, revision.snapshot["body"]) == (
        1,
        editor,
        "Walk a little.",
    )
