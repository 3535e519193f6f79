"""The opt-in "save my name, email and website" cookie: set only with consent, prefills the
next form, forgotten when the box is left unticked, and never trusted when forged."""

from urllib.parse import unquote

import pytest
from django.core import signing

from comments.models import Comment
from comments.remember import COOKIE_NAME, COOKIE_SALT
from tests.markup import parse

pytestmark = pytest.mark.django_db

DETAILS = {
    "name": "Dana Walker",
    "email": "dana.walker@example.com",
    "website": "https://dana.example.org/",
}


def form_state(client, article):
    """(name, email, website values, remember ticked) of the article's comment form."""
    form = parse(client.get(article.get_absolute_url())).one("form", id="comment-form")
    values = tuple(form.one("input", name=name).get("value", "") for name in DETAILS)
    return (*values, "checked" in form.one("input", name="remember").attrs)


EMPTY_FORM = ("", "", "", False)


def test_ticking_the_box_saves_the_details_in_a_cookie(client, article, post_comment):
    response = post_comment(client, article, remember="on", **DETAILS)

    assert response.status_code == 303
    cookie = response.cookies[COOKIE_NAME]
    assert cookie.value
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) == 365 * 24 * 60 * 60


def test_the_cookie_does_not_carry_the_email_in_clear_text(client, article, post_comment):
    response = post_comment(client, article, remember="on", **DETAILS)

    value = unquote(response.cookies[COOKIE_NAME].value)
    for clear in ("dana.walker", "example.com", "dana.example.org", "Dana Walker", "@"):
        assert clear not in value


def test_the_next_visit_prefills_the_form_and_ticks_the_box(client, article, post_comment):
    post_comment(client, article, remember="on", **DETAILS)

    assert form_state(client, article) == (*DETAILS.values(), True)


def test_without_the_box_no_cookie_is_set(client, article, post_comment):
    response = post_comment(client, article, **DETAILS)

    assert COOKIE_NAME not in response.cookies
    assert form_state(client, article) == EMPTY_FORM


def test_posting_without_the_box_removes_the_saved_details(client, article, post_comment):
    post_comment(client, article, remember="on", body="First comment.", **DETAILS)

    response = post_comment(client, article, body="Second comment.", **DETAILS)

    assert response.status_code == 303
    assert response.cookies[COOKIE_NAME].value == ""
    assert response.cookies[COOKIE_NAME]["max-age"] == 0
    assert form_state(client, article) == EMPTY_FORM


def test_a_form_with_errors_saves_nothing_and_keeps_the_box_ticked(client, article, post_comment):
    response = post_comment(client, article, remember="on", body="x", **DETAILS)

    assert response.status_code == 200
    assert COOKIE_NAME not in response.cookies
    assert "checked" in parse(response).one("input", name="remember").attrs
    assert not Comment.objects.exists()


def test_a_rejected_comment_saves_nothing(client, article, post_comment):
    """A form sent too fast is refused; the refusal does not save the details either."""
    response = post_comment(client, article, remember="on", issued="", **DETAILS)

    assert not Comment.objects.exists()
    assert COOKIE_NAME not in response.cookies


def test_staff_replies_leave_the_cookie_alone(staff_client, article):
    staff_client.cookies[COOKIE_NAME] = signing.dumps(DETAILS, salt=COOKIE_SALT)

    response = staff_client.post(f"/articles/{article.slug}/comments/", {"body": "From staff."})

    assert response.status_code == 303
    assert COOKIE_NAME not in response.cookies


def tampered(value):
    """The cookie's payload changed by one character, its signature kept."""
    payload, _sep, signature = value.partition(":")
    return ("A" if payload[0] != "A" else "B") + payload[1:] + ":" + signature


@pytest.mark.parametrize(
    "forge",
    [
        pytest.param(lambda real: tampered(real), id="tampered"),
        pytest.param(lambda real: signing.dumps(DETAILS, salt="another-purpose"), id="other-salt"),
        pytest.param(lambda real: signing.dumps(["a", "list"], salt=COOKIE_SALT), id="not-a-dict"),
        pytest.param(lambda real: "%%%not base64 at all:::", id="garbled"),
        pytest.param(lambda real: real.split(":")[0], id="unsigned"),
        pytest.param(lambda real: "é" * 50, id="non-ascii"),
    ],
)
def test_a_forged_or_garbled_cookie_is_ignored(client, article, post_comment, forge):
    real = post_comment(client, article, remember="on", **DETAILS).cookies[COOKIE_NAME].value
    client.cookies[COOKIE_NAME] = forge(real)

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert form_state(client, article) == EMPTY_FORM
    assert "dana.walker@example.com" not in response.content.decode()


def test_a_cookie_with_only_some_details_prefills_those(client, article):
    client.cookies[COOKIE_NAME] = signing.dumps({"name": "Dana Walker"}, salt=COOKIE_SALT)

    assert form_state(client, article) == ("Dana Walker", "", "", True)
