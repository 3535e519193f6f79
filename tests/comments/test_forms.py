"""The comment form: its markup contract, and every validation error, which re-renders the
article with the error beside the field, keeps what was typed and stores nothing."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment
from tests.markup import parse

pytestmark = pytest.mark.django_db

TYPED = {
    "name": "Dana Walker",
    "email": "dana.walker@example.com",
    "website": "https://dana.example.org/",
    "body": "Walking after dinner <em>really</em> helped & I sleep better.",
}


def field_error(page, field):
    """The error text drawn beside `field` ("" when there is none)."""
    error = page.find("div", id=f"id_{field}_error")
    return error.text if error else ""


def typed_values(page):
    form = page.one("form", id="comment-form")
    values = {
        name: form.one("input", name=name).get("value", "") for name in TYPED if name != "body"
    }
    values["body"] = form.one("textarea", name="body").raw_text.lstrip("\n")
    return values


# Markup ------------------------------------------------------------------------------------


def test_form_posts_to_the_articles_comments_url_with_the_contract_fields(client, article):
    page = parse(client.get(article.get_absolute_url()))

    form = page.one("form", id="comment-form")
    assert form["method"] == "post"
    assert form["action"] == reverse("comments:post", kwargs={"slug": article.slug})
    names = {element.get("name") for element in form.iter() if element.get("name")}
    assert {"csrfmiddlewaretoken", "name", "email", "website", "body", "notify"} <= names
    assert {"parent", "issued", "homepage", "remember"} <= names
    assert form.one("input", name="parent")["type"] == "hidden"
    assert form.one("input", name="parent").get("value", "") == ""
    assert form.one("input", name="notify")["type"] == "checkbox"
    assert form.one("input", name="email")["type"] == "email"


def test_form_has_its_heading_and_privacy_note(client, article):
    page = parse(client.get(article.get_absolute_url()))

    respond = page.one("div", id="respond")
    assert respond.one("h2").text == "Submit a Comment"
    assert respond.one("p", class_="comment-notes").text == (
        "Your email address will not be published. Required fields are marked *"
    )
    assert "Save my name, email and website in this browser for the next time I comment" in (
        respond.text
    )
    assert "Email me when someone replies" in respond.text


@pytest.mark.parametrize(
    ("field", "required"),
    [("name", True), ("email", True), ("body", True), ("website", False)],
)
def test_required_fields_are_marked_and_labelled(client, article, field, required):
    form = parse(client.get(article.get_absolute_url())).one("form", id="comment-form")

    label = form.one("label", for_=f"id_{field}")
    element = form.find("textarea", name=field) or form.one("input", name=field)
    assert ("required" in element.attrs) is required
    assert (label.find("span", class_="asteriskField") is not None) is required


def test_staff_see_the_form_without_name_email_website_or_cookie(staff_client, article):
    form = parse(staff_client.get(article.get_absolute_url())).one("form", id="comment-form")

    names = {element.get("name") for element in form.iter() if element.get("name")}
    assert {"body", "notify", "parent"} <= names
    assert not names & {"name", "email", "website", "remember"}
    assert "You are replying as Erin Editor" in form.one("p", class_="comment-notes").text


# Validation errors -------------------------------------------------------------------------

LONG_EMAIL = "a" * 243 + "@example.com"  # 255 characters
assert len(LONG_EMAIL) == 255

INVALID = [
    pytest.param("name", "", "Enter your name.", id="name-missing"),
    pytest.param("name", "   ", "Enter your name.", id="name-blank"),
    pytest.param("name", "N" * 101, "at most 100 characters", id="name-too-long"),
    pytest.param("email", "", "Enter your email address.", id="email-missing"),
    pytest.param("email", "not-an-email", "valid email", id="email-bad"),
    pytest.param("email", "dana@", "valid email", id="email-no-domain"),
    pytest.param("email", LONG_EMAIL, "at most 254 characters", id="email-too-long"),
    pytest.param("website", "javascript:alert(1)", "http:// or https://", id="website-js"),
    pytest.param("website", "JavaScript:alert(1)", "http:// or https://", id="website-js-case"),
    pytest.param("website", "ftp://files.example.org/", "http:// or https://", id="website-ftp"),
    pytest.param("website", "data:text/html,hi", "http:// or https://", id="website-data"),
    pytest.param(
        "website", "https://example.org:99999", "http:// or https://", id="website-port-99999"
    ),
    pytest.param(
        "website", "http://example.org:65536/a", "http:// or https://", id="website-port-65536"
    ),
    pytest.param(
        "website", "https://example.org/" + "a" * 181, "at most 200 characters", id="website-long"
    ),
    pytest.param("body", "", "Write your comment.", id="body-missing"),
    pytest.param("body", "x", "at least 2 characters", id="body-one-char"),
    pytest.param("body", "y" * 5001, "at most 5000 characters", id="body-too-long"),
]


@pytest.mark.parametrize(("field", "value", "error"), INVALID)
def test_invalid_field_re_renders_the_article_with_the_error_beside_it(
    client, article, post_comment, field, value, error
):
    typed = {**TYPED, field: value}

    response = post_comment(client, article, notify="on", **typed)

    assert response.status_code == 200
    assert response.templates[0].name == "articles/detail.html"
    page = parse(response)
    assert page.one("h1").text == article.title
    assert error in field_error(page, field)
    assert [name for name in TYPED if field_error(page, name)] == [field]
    assert typed_values(page) == typed
    assert "checked" in page.one("input", name="notify").attrs
    assert not Comment.objects.exists()


def test_every_missing_field_is_reported_at_once(client, article, post_comment):
    response = post_comment(client, article, name="", email="", body="")

    page = parse(response)
    assert response.status_code == 200
    assert [field_error(page, field) for field in ("name", "email", "body")] == [
        "Enter your name.",
        "Enter your email address.",
        "Write your comment.",
    ]
    assert not Comment.objects.exists()


def test_re_rendered_form_can_be_sent_again_once_fixed(client, article, post_comment):
    """The redrawn form carries a valid stamp and empties the hidden anti-bot field (which an
    autofill may have filled): fixed and sent again a little later, the comment is stored."""
    page = parse(post_comment(client, article, email="", homepage="autofilled"))
    form = page.one("form", id="comment-form")
    resent = {
        element["name"]: element.get("value", "")
        for element in form.find_all("input")
        if element.get("type") not in ("checkbox", "submit")
    }
    resent["body"] = form.one("textarea", name="body").raw_text.lstrip("\n")
    resent["email"] = "dana.walker@example.com"

    assert resent["homepage"] == ""
    with time_machine.travel(timezone.now() + timedelta(seconds=10)):
        response = client.post(form["action"], resent)

    assert response.status_code == 303
    assert Comment.objects.get().author_email == "dana.walker@example.com"


def test_website_without_a_scheme_is_read_as_https(client, article, post_comment):
    post_comment(client, article, website="dana.example.org")

    assert Comment.objects.get().author_url == "https://dana.example.org"


@pytest.mark.parametrize(
    "website",
    [
        "http://dana.example.org/",
        "https://dana.example.org/a?b=c",
        "https://dana.example.org:65535/",
    ],
)
def test_http_and_https_websites_are_accepted(client, article, post_comment, website):
    assert post_comment(client, article, website=website).status_code == 303
    assert Comment.objects.get().author_url == website


def test_body_of_exactly_2_and_5000_characters_is_accepted(client, article, post_comment):
    assert post_comment(client, article, body="ok").status_code == 303
    assert post_comment(client, article, body="z" * 5000).status_code == 303
    assert Comment.objects.count() == 2


def test_a_reply_with_an_error_stays_a_reply_to_the_same_comment(client, discussion, post_comment):
    response = post_comment(client, discussion.article, parent=str(discussion.g.pk), email="")

    page = parse(response)
    assert response.status_code == 200
    assert page.one("input", name="parent")["value"] == str(discussion.g.pk)
    replying = page.one("p", class_="replying-to")
    assert "hidden" not in replying.attrs
    assert replying.text.startswith("Replying to G")
    assert not Comment.objects.filter(parent=discussion.g).exists()
