"""One-click unsubscribe as RFC 8058 defines it.

Every email to a commenter carries `List-Unsubscribe` (the signed link) and
`List-Unsubscribe-Post: List-Unsubscribe=One-Click`. Following the link (GET or HEAD, as a mail
scanner does) only shows a page with one button; a POST to the link, from that button or from
a mail client without any CSRF token, stops the reply emails. The link is good for as long as
its comment exists.
"""

import datetime as dt

import pytest
import time_machine
from django.test import Client

from articles.seo import site_root
from comments.models import Comment
from tests.factories import ArticleFactory
from tests.markup import parse

from .staff_helpers import (
    client_for,
    html_of,
    make_comment,
    reply_url,
    run_action,
    unsubscribe_path,
    unsubscribe_url,
)

pytestmark = pytest.mark.django_db

Status = Comment.Status


@pytest.fixture
def article():
    return ArticleFactory(title="Why we wake at 3 a.m.")


@pytest.fixture
def reply_email(article, mailoutbox, on_commit, moderator_client):
    """The reply email Robin gets, and Robin's comments (one written with other capitals)."""
    parent = make_comment(article, notify=True, author_email="robin@example.org")
    make_comment(ArticleFactory(), notify=True, author_email="Robin@Example.ORG")
    make_comment(article, notify=True, author_email="someone@example.org")
    with on_commit():
        moderator_client.post(reply_url(parent), {"body": "A reply from the team."})
    [message] = mailoutbox
    return message


def robins_notify_flags():
    return set(
        Comment.objects.filter(author_email__iexact="robin@example.org").values_list(
            "notify", flat=True
        )
    )


def heading(response):
    return parse(response).one("h1").text


def post_forms(response):
    return parse(response).find_all("form", method="post")


# The email.


def test_the_email_carries_both_list_unsubscribe_headers(reply_email):
    sent = reply_email.message()  # the MIME message as it goes on the wire

    assert sent["List-Unsubscribe"] == f"<{unsubscribe_url(reply_email)}>"
    assert sent["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe_path(reply_email) in html_of(reply_email)
    assert unsubscribe_path(reply_email) in reply_email.body


def test_on_an_https_site_the_link_is_https(settings, article, mailoutbox, on_commit, moderator):
    """Behind the TLS proxy (its X-Forwarded-Proto trusted), links in emails are https."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    parent = make_comment(article, notify=True, author_email="robin@example.org")
    with on_commit():
        response = client_for(moderator).post(
            reply_url(parent), {"body": "A reply."}, HTTP_X_FORWARDED_PROTO="https"
        )

    assert response.status_code == 302
    [message] = mailoutbox
    assert unsubscribe_url(message).startswith("https://testserver/comments/unsubscribe/")
    assert message.message()["List-Unsubscribe"].startswith("<https://testserver/")


def test_with_https_redirect_on_links_are_https_whatever_the_request(settings, rf):
    """A request that reached us over http on an https site (an exempt path, a worker's
    request) still builds https links."""
    settings.SECURE_SSL_REDIRECT = True
    assert site_root() == "https://testserver"
    settings.SECURE_SSL_REDIRECT = False
    assert site_root() == "http://testserver"


# Following the link changes nothing.


@pytest.mark.parametrize("method", ["get", "head"])
def test_following_the_link_leaves_the_subscription_on(reply_email, method):
    response = getattr(Client(), method)(unsubscribe_path(reply_email))

    assert response.status_code == 200
    assert robins_notify_flags() == {True}


def test_the_link_shows_one_button_that_posts_to_the_same_link(reply_email):
    path = unsubscribe_path(reply_email)
    response = Client().get(path)

    assert heading(response) == "Stop emails about replies?"
    [form] = post_forms(response)
    assert form["action"] == path
    [button] = parse(response).one(class_="subscription-page").find_all("button")
    assert button.text == "Unsubscribe"
    assert "no-store" in response["Cache-Control"]


# The POST unsubscribes.


def test_one_click_post_without_csrf_token_unsubscribes(reply_email):
    """RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click" to the header's link,
    with no cookie and no CSRF token."""
    client = Client(enforce_csrf_checks=True)
    response = client.post(unsubscribe_path(reply_email), {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert heading(response) == "You are unsubscribed"
    assert robins_notify_flags() == {False}
    assert Comment.objects.get(author_email="someone@example.org").notify is True


def test_the_button_unsubscribes_and_the_page_offers_the_undo(reply_email):
    """The reader's own flow: the link, the one button, then "keep emailing me"."""
    client = Client(enforce_csrf_checks=True)
    [button_form] = post_forms(client.get(unsubscribe_path(reply_email)))

    unsubscribed = client.post(button_form["action"])

    assert heading(unsubscribed) == "You are unsubscribed"
    assert robins_notify_flags() == {False}
    [undo_form] = post_forms(unsubscribed)
    fields = {field["name"]: field["value"] for field in undo_form.find_all("input")}

    resubscribed = client.post(undo_form["action"], fields)

    assert resubscribed.status_code == 200
    assert heading(resubscribed) == "You are subscribed again"
    # Exactly what the unsubscribe switched off is switched on again.
    assert robins_notify_flags() == {True}


def test_undo_switches_on_only_what_the_unsubscribe_switched_off(reply_email, article):
    """A comment Robin had chosen not to follow stays quiet after the undo."""
    quiet = make_comment(article, notify=False, author_email="robin@example.org")
    client = Client()
    [undo_form] = post_forms(client.post(unsubscribe_path(reply_email)))
    fields = {field["name"]: field["value"] for field in undo_form.find_all("input")}

    client.post(undo_form["action"], fields)

    quiet.refresh_from_db()
    assert quiet.notify is False
    assert Comment.objects.filter(author_email="robin@example.org", notify=True).count() == 2


def test_undo_needs_the_form_token_and_a_genuine_link(reply_email):
    path = unsubscribe_path(reply_email).replace("/unsubscribe/", "/resubscribe/")
    assert Client(enforce_csrf_checks=True).post(path).status_code == 403
    assert Client().post(path[:-5] + "xxxx/").status_code == 400
    assert Client().get(path).status_code == 405


def test_after_unsubscribing_no_more_reply_emails(
    reply_email, article, mailoutbox, on_commit, moderator_client
):
    Client().post(unsubscribe_path(reply_email))
    parent = Comment.objects.get(author_email="robin@example.org", article=article)
    with on_commit():
        moderator_client.post(reply_url(parent), {"body": "A second reply from the team."})

    assert len(mailoutbox) == 1


def test_published_email_unsubscribe_link_works(article, mailoutbox, on_commit, moderator_client):
    comment = make_comment(article, status=Status.PENDING, notify=True)
    with on_commit():
        run_action(moderator_client, "approve", [comment])

    response = Client().post(unsubscribe_path(mailoutbox[0]))

    assert response.status_code == 200
    assert Comment.objects.get().notify is False


def test_the_link_still_works_years_later(reply_email):
    """No expiry: the link is good for as long as the subscription's comment exists."""
    with time_machine.travel(dt.datetime.now(tz=dt.UTC) + dt.timedelta(days=3 * 365)):
        response = Client().post(unsubscribe_path(reply_email))

    assert response.status_code == 200
    assert robins_notify_flags() == {False}


# Links that are not ours, or no longer apply.


@pytest.mark.parametrize(
    "mangle",
    [
        pytest.param(lambda token: token[:-2] + ("AA" if token[-2:] != "AA" else "BB"), id="sig"),
        pytest.param(lambda token: "x" + token, id="payload"),
        pytest.param(lambda token: token.split(":")[0], id="unsigned"),
        pytest.param(lambda token: "not-a-token", id="garbage"),
    ],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_tampered_unsubscribe_link_gives_a_400_page(reply_email, mangle, method):
    token = unsubscribe_path(reply_email).rstrip("/").rsplit("/", 1)[1]
    response = getattr(Client(), method)(f"/comments/unsubscribe/{mangle(token)}/")

    assert response.status_code == 400
    assert heading(response) == "This link does not work"
    assert robins_notify_flags() == {True}


@pytest.mark.parametrize("method", ["get", "head", "post"])
def test_link_of_a_deleted_comment_says_it_no_longer_applies(reply_email, method):
    path = unsubscribe_path(reply_email)
    Comment.objects.all().delete()

    response = getattr(Client(), method)(path)

    assert response.status_code == 404
    if method != "head":
        assert heading(response) == "This link no longer applies"


def test_undo_of_a_deleted_comment_says_it_no_longer_applies(reply_email):
    client = Client()
    [undo_form] = post_forms(client.post(unsubscribe_path(reply_email)))
    Comment.objects.all().delete()

    response = client.post(undo_form["action"])

    assert response.status_code == 404
    assert heading(response) == "This link no longer applies"
