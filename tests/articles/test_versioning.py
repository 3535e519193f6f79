"""Two people on one page: the second save is refused, shown both versions, and loses nothing.

One mechanism (articles.versioning) serves the articles and the settings pages.
"""

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles.models import Article, SiteSettings
from articles.versioning import Passage, side_by_side
from tests.factories import StaffFactory, UserFactory, image_file
from tests.form_data import form_data
from tests.markup import parse

from .editor import article_with_image, change_url, demo_article, open_form, resubmit

pytestmark = pytest.mark.django_db

STALE = "This article was changed by someone else since you opened this page."
BODY = "Sleep matters.\n\n## Why\n\nIt restores the body.\n\n## How\n\nKeep regular hours."


@pytest.fixture
def two_editors():
    clients = []
    for name in ("dana", "eli"):
        client = Client()
        client.force_login(StaffFactory(username=name))
        clients.append(client)
    return clients


def comparison(response):
    """{field label: [(theirs, yours), ...]} of the comparison shown with a refused save."""
    section = parse(response).find("section", id="version-conflict")
    if section is None:
        return {}
    return {
        table.one("caption").text: [
            tuple(cell.raw_text for cell in row.find_all("td"))
            for row in table.one("tbody").find_all("tr")
        ]
        for table in section.find_all("table", class_="version-diff")
    }


def test_the_second_save_is_refused_and_shown_both_versions(two_editors):
    dana, eli = two_editors
    article = article_with_image(title="Sleep basics", body=BODY)
    danas_form, elis_form = open_form(dana, article), open_form(eli, article)

    dana_saves = dana.post(
        change_url(article), {**danas_form, "body": BODY.replace("restores", "repairs")}
    )
    assert dana_saves.status_code == 302
    eli_saves = eli.post(
        change_url(article), {**elis_form, "title": "Sleep, the basics", "status": "draft"}
    )

    assert eli_saves.status_code == 200
    assert STALE in eli_saves.content.decode()
    shown = comparison(eli_saves)
    assert shown["Title"] == [("Sleep basics", "Sleep, the basics")]
    assert shown["Status"] == [("Published", "Draft")]
    # The body: only the changed line, with a line of context each side and gaps elsewhere.
    assert shown["Body"] == [
        ("…", "…"),
        ("", ""),
        ("It repairs the body.", "It restores the body."),
        ("", ""),
        ("…", "…"),
    ]
    assert set(shown) == {"Title", "Status", "Body"}
    # Dana's save stands; everything Eli typed is still in the form.
    article.refresh_from_db()
    assert (article.title, article.status) == ("Sleep basics", "published")
    assert "repairs" in article.body
    again = resubmit(eli_saves)
    assert (again["title"], again["status"]) == ("Sleep, the basics", "draft")


def test_an_image_chosen_in_the_refused_save_is_kept_too(two_editors):
    dana, eli = two_editors
    article = article_with_image()
    danas_form, elis_form = open_form(dana, article), open_form(eli, article)
    dana.post(change_url(article), {**danas_form, "title": "Dana's title"})

    refused = eli.post(
        change_url(article), {**elis_form, "featured_image": image_file("kiwi.jpg")}
    )
    assert STALE in refused.content.decode()
    saved = eli.post(change_url(article), {**resubmit(refused), "title": "Dana's title"})

    assert saved.status_code == 302
    assert Article.objects.get().featured_image.name.endswith("kiwi.jpg")


def test_saving_again_after_the_comparison_saves_on_purpose(two_editors):
    dana, eli = two_editors
    article = article_with_image(title="Sleep basics")
    danas_form, elis_form = open_form(dana, article), open_form(eli, article)
    dana.post(change_url(article), {**danas_form, "excerpt": "Dana's summary."})
    refused = eli.post(change_url(article), {**elis_form, "title": "Eli's title"})
    assert refused.status_code == 200

    # Eli keeps Dana's excerpt (typed in from the comparison) and saves.
    response = eli.post(change_url(article), {**resubmit(refused), "excerpt": "Dana's summary."})

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.title, article.excerpt) == ("Eli's title", "Dana's summary.")


def test_only_what_differs_is_compared(two_editors):
    """A demo article (its body ends with a newline the form strips; its people, key points
    and sources are filled in): only the two fields the editors changed are listed."""
    dana, eli = two_editors
    article = demo_article("sleep-hygiene")
    danas_form, elis_form = open_form(dana, article), open_form(eli, article)
    dana.post(change_url(article), {**danas_form, "excerpt": "Dana's summary."})

    refused = eli.post(change_url(article), {**elis_form, "title": "Eli's title"})

    assert set(comparison(refused)) == {"Title", "Excerpt"}


def test_a_save_without_interference_goes_through(staff_client):
    article = article_with_image()
    version = article.version
    response = staff_client.post(change_url(article), {**open_form(staff_client, article)})
    assert response.status_code == 302
    assert Article.objects.get().version == version + 1


def test_unpublishing_from_the_list_counts_as_a_change(staff_client):
    """The list's action changes the row without the form: an open form is stale after it."""
    article = article_with_image()
    data = open_form(staff_client, article)
    staff_client.post(
        "/admin/articles/article/", {"action": "unpublish", "_selected_action": [article.pk]}
    )

    response = staff_client.post(change_url(article), data)

    assert response.status_code == 200
    assert STALE in response.content.decode()
    assert comparison(response)["Status"] == [("Draft", "Published")]
    assert Article.objects.get().status == "draft"


def test_the_settings_pages_refuse_and_compare_the_same_way():
    """One mechanism: the site settings page shows the same comparison."""
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = "/admin/articles/sitesettings/1/change/"
    data = form_data(client.get(url), "sitesettings_form")
    settings = SiteSettings.load()
    settings.tagline = "Changed meanwhile"
    settings.save()

    response = client.post(url, {**data, "site_name": "Well Told"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "These settings were changed by someone else since you opened this page." in html
    assert comparison(response) == {
        "Site name": [("Healthsite", "Well Told")],
        "Tagline": [("Changed meanwhile", "Evidence-minded health, plainly told")],
    }
    assert SiteSettings.objects.get().site_name == "Healthsite"


@pytest.mark.skipif(
    not connection.features.has_select_for_update, reason="SQLite runs one writer at a time"
)
def test_the_check_locks_the_row_until_the_save_commits():
    """Between the check and the save no other save can slip in: the row read for the check
    is locked (SELECT … FOR UPDATE) inside the admin's transaction."""
    article = article_with_image()
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        assert article.stored_copy().version == article.version
    assert queries.captured_queries[-1]["sql"].rstrip().endswith("FOR UPDATE")


@pytest.mark.parametrize(
    ("theirs", "yours", "passages"),
    [
        ("one line", "another", [Passage("one line", "another")]),
        (
            "a\nb\nc",
            "a\nB\nc",
            [Passage("a", "a", False), Passage("b", "B"), Passage("c", "c", False)],
        ),
        ("", "new\ntext", [Passage("", "new\ntext")]),
    ],
)
def test_side_by_side_passages(theirs, yours, passages):
    assert list(side_by_side(theirs, yours)) == passages
