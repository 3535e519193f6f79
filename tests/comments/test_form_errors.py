"""A comment form sent back with errors: the error summary at the top of the form (the GOV.UK
pattern) that takes focus, fields marked invalid and described by their messages, what was
typed kept, and the article's own canonical address."""

import time

import pytest

from comments.forms import issue_stamp
from tests.markup import parse

from .factories import CommentFactory

pytestmark = pytest.mark.django_db

ARTICLE_HOST = "http://testserver"


def summary_of(response):
    return parse(response).one("form", id="comment-form").one(id="error-summary")


def summary_items(response):
    """(text, link target or None) of each line of the error summary."""
    items = []
    for item in summary_of(response).find_all("li"):
        link = item.find("a")
        items.append((item.text, link["href"] if link else None))
    return items


def test_field_errors_are_listed_in_page_order_each_linking_to_its_field(
    client, article, post_comment
):
    response = post_comment(client, article, name="   ", email="not-an-address", body="x")

    assert response.status_code == 200
    assert summary_items(response) == [
        ("Your comment needs at least 2 characters (it has 1).", "#id_body"),
        ("Enter your name.", "#id_name"),
        ("Enter a valid email address, like name@example.com.", "#id_email"),
    ]
    page = parse(response)
    for name in ("body", "name", "email"):
        assert page.one(id=f"id_{name}")  # each link has its field


def test_the_summary_comes_first_in_the_form_titled_and_focused_on_load(
    client, article, post_comment
):
    response = post_comment(client, article, email="not-an-address")

    form = parse(response).one("form", id="comment-form")
    first = next(element for element in form.children if getattr(element, "tag", "") == "div")
    assert first.get("id") == "error-summary"
    assert first.get("tabindex") == "-1"
    assert "autofocus" in first.attrs
    assert first.get("aria-labelledby") == "error-summary-title"
    assert form.one(id="error-summary-title").text == "There is a problem"
    assert first.one("div", role="alert")


def test_invalid_fields_are_marked_and_described_by_their_messages(client, article, post_comment):
    response = post_comment(client, article, email="not-an-address")

    page = parse(response)
    email = page.one("input", name="email")
    assert email["aria-invalid"] == "true"
    described = email["aria-describedby"].split()
    assert "id_email_error" in described
    assert page.one(id="id_email_error").text == (
        "Enter a valid email address, like name@example.com."
    )
    assert page.one(id="id_email_helptext").text == "Never published."
    # A field without an error is neither marked nor described by one.
    name = page.one("input", name="name")
    assert "aria-invalid" not in name.attrs
    assert "id_name_error" not in name.get("aria-describedby", "")


def test_what_was_typed_is_kept(client, article, post_comment):
    response = post_comment(
        client,
        article,
        name="Casey Walker",
        email="casey@@example.org",
        website="https://casey.example.org/",
        body="A long thought I would hate to type twice.",
        notify="on",
    )

    page = parse(response)
    assert page.one("textarea", name="body").text == "A long thought I would hate to type twice."
    assert page.one("input", name="name")["value"] == "Casey Walker"
    assert page.one("input", name="email")["value"] == "casey@@example.org"
    assert page.one("input", name="website")["value"] == "https://casey.example.org/"
    assert "checked" in page.one("input", name="notify").attrs


def test_a_refusal_of_the_whole_form_is_listed_without_a_link(client, article, post_comment):
    response = post_comment(client, article, issued=issue_stamp(article, issued_at=time.time()))

    [(text, target)] = summary_items(response)
    assert "faster than a person can write" in text
    assert target is None
    # Listed once: no second box of form-wide errors is drawn beside the summary.
    form_text = parse(response).one("form", id="comment-form").text
    assert form_text.count("faster than a person can write") == 1


def test_a_reply_to_an_unavailable_comment_links_to_the_message_above_the_fields(
    client, article, post_comment
):
    pending = CommentFactory(article=article, status="pending")

    response = post_comment(client, article, parent=str(pending.pk))

    [(text, target)] = summary_items(response)
    assert "not available" in text
    assert target == "#id_parent_error"
    assert "not available" in parse(response).one(id="id_parent_error").text


def test_no_summary_on_a_fresh_form(client, article):
    page = parse(client.get(article.get_absolute_url()))

    assert page.find(id="error-summary") is None
    assert [element for element in page.iter() if "autofocus" in element.attrs] == []


def test_the_redrawn_page_names_the_article_as_its_canonical_address(
    client, article, post_comment
):
    response = post_comment(client, article, email="not-an-address")

    assert response.wsgi_request.path.endswith("/comments/")
    page = parse(response)
    expected = ARTICLE_HOST + article.get_absolute_url()
    assert page.one("link", rel="canonical")["href"] == expected
    assert page.one("meta", property="og:url")["content"] == expected
