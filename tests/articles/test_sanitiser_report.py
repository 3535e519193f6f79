"""What the sanitiser removed, told to the editor in words when an article or a page is saved."""

import pytest
from django.contrib.flatpages.models import FlatPage
from django.test import Client

from articles import demo_content
from articles.rendering import markdown_html
from articles.sanitize import COMMENT, STAFF, sanitize_and_report, sanitize_html
from tests.factories import FlatPageFactory, UserFactory
from tests.form_data import form_data
from tests.markup import parse

from .editor import article_with_image, change_url, messages_of, open_form

pytestmark = pytest.mark.django_db

HOSTILE_BODY = (
    "Sleep well.\n\n"
    "<script>alert('body')</script>\n\n"
    '<iframe src="https://video.example/embed/1"></iframe>\n\n'
    '<img src="/media/x.png" alt="x" onerror="alert(2)">\n\n'
    '[Click here](javascript:alert(3)) and <a href="javascript:alert(4)">here</a>.'
)
HOSTILE_NOTES = [
    "A <script> element was removed from the body.",
    "An <iframe> element was removed from the body.",
    "An onerror attribute was removed from the body.",
    "2 javascript: links were removed from the body.",
]


def test_saving_an_article_with_an_image_says_what_was_removed(staff_client, client):
    article = article_with_image(title="Sleep well")
    data = open_form(staff_client, article)

    response = staff_client.post(change_url(article), {**data, "body": HOSTILE_BODY}, follow=True)

    assert messages_of(response)[:-1] == HOSTILE_NOTES
    assert messages_of(response)[-1].endswith("was changed successfully.")
    warnings = [li.text for li in parse(response).find_all("li", class_="warning")]
    assert warnings == HOSTILE_NOTES
    article.refresh_from_db()
    for gone in ("<script", "alert", "<iframe", "onerror", "javascript"):
        assert gone not in article.body_html
    assert "alert" not in client.get(article.get_absolute_url()).content.decode()


def test_a_clean_body_brings_no_warning(staff_client):
    article = article_with_image(title="Sleep well")
    data = open_form(staff_client, article)
    body = (
        "## Heading\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\n<script>shown as code</script>\n```"
    )
    response = staff_client.post(change_url(article), {**data, "body": body}, follow=True)
    assert len(messages_of(response)) == 1
    article.refresh_from_db()
    assert "&lt;script&gt;shown as code&lt;/script&gt;" in article.body_html


def test_a_flat_page_save_reports_the_same_way():
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    page = FlatPageFactory(url="/terms/", title="Terms")
    url = f"/admin/flatpages/flatpage/{page.pk}/change/"
    data = form_data(client.get(url), "flatpage_form")

    response = client.post(
        url,
        {
            **data,
            "content": '<p onclick="x()">Be kind.</p><script>steal()</script><style>p{}</style>',
        },
        follow=True,
    )

    assert messages_of(response)[:-1] == [
        "A <script> element was removed from the content.",
        "A <style> element was removed from the content.",
        "An onclick attribute was removed from the content.",
    ]
    assert FlatPage.objects.get().content == "<p>Be kind.</p>"


@pytest.mark.parametrize(
    ("html", "notes"),
    [
        ("<p>Fine <em>text</em>.</p>", []),
        ("<span>kept</span>", ["A <span> tag was removed from the body; its text was kept."]),
        (
            "<font>a</font><font>b</font>",
            ["2 <font> tags were removed from the body; their text was kept."],
        ),
        (
            '<img src="data:image/png;base64,xx" alt="">',
            ["A data: image address was removed from the body."],
        ),
        ('<a href="jav&#x09;ascript:x">x</a>', ["A javascript: link was removed from the body."]),
        (
            '<a href="https://example.org/" onmouseover="x" onclick="y">x</a>',
            [
                "An onmouseover attribute was removed from the body.",
                "An onclick attribute was removed from the body.",
            ],
        ),
        (
            "<script>a</script><script>b</script>",
            ["2 <script> elements were removed from the body."],
        ),
    ],
    ids=[
        "clean",
        "unwrapped",
        "two-unwrapped",
        "data-image",
        "disguised-js",
        "handlers",
        "two-scripts",
    ],
)
def test_the_report_in_words(html, notes):
    cleaned, reported = sanitize_and_report(html, STAFF, "body")
    assert cleaned == sanitize_html(html, STAFF)
    assert reported == notes


@pytest.mark.parametrize("article", demo_content.ARTICLES, ids=lambda a: a["slug"])
def test_no_false_alarm_on_the_demo_articles(article):
    """Markdown's own output (footnote ids and classes, tables) is never reported."""
    _cleaned, notes = sanitize_and_report(markdown_html(article["body"]), STAFF, "body")
    assert notes == []


def test_the_comment_policy_still_shows_tags_as_typed():
    """Commenters see their "<script>" as text: the report is for staff pages."""
    cleaned, _notes = sanitize_and_report("<script>x</script>", COMMENT, "comment")
    assert cleaned == "&lt;script&gt;x&lt;/script&gt;"
