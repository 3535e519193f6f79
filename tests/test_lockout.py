"""Admin login throttling (django-axes, state in the database).

Five failed logins for one username from one client address (the address the comment rate
limits use) lock that pair out for 15 minutes after the last failure: the login answers 429
with a page saying when to try again, even to the right password. A successful login clears
the count; an admin unlocks at once by deleting the access attempt.
"""

import datetime as dt
import logging

import pytest
import time_machine
from axes.exceptions import AxesBackendRequestParameterRequired
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY, authenticate
from django.http import HttpRequest
from django.test import Client

from tests.factories import StaffFactory, UserFactory
from tests.markup import parse

pytestmark = pytest.mark.django_db

LOGIN_URL = "/admin/login/"
PASSWORD = "correct horse battery"  # UserFactory's
ADDRESS = "198.51.100.20"
NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def editor():
    return StaffFactory(username="erin")


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def log_in(client, username, password, *, ip=ADDRESS, **headers):
    return client.post(
        LOGIN_URL,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=ip,
        **headers,
    )


def fail(client, username, times, **where):
    return [log_in(client, username, "wrong password", **where).status_code for _ in range(times)]


def logged_in(client):
    return SESSION_KEY in client.session


def test_five_wrong_passwords_lock_the_login_with_the_time_to_try_again(editor, clock):
    client = Client()

    assert fail(client, "erin", 4) == [200, 200, 200, 200]
    assert fail(client, "erin", 2) == [429, 429]

    clock.shift(dt.timedelta(minutes=5))
    response = log_in(client, "erin", "still wrong")

    assert response.status_code == 429
    page = parse(response)
    assert page.one("h1").text == "Too many failed logins"
    # 15 minutes from the last counted failure: attempts while locked do not extend it.
    assert "Try again in 10 minutes, after 9:15 AM UTC." in page.one(class_="errornote").text
    assert page.one("time")["datetime"] == "2026-03-02T09:15:00+00:00"
    assert response["Retry-After"] == "600"


def test_the_time_shown_is_never_before_the_lock_ends(editor, clock):
    clock.shift(dt.timedelta(seconds=30))
    client = Client()
    fail(client, "erin", 4)
    response = log_in(client, "erin", "the fifth wrong password")

    assert "Try again in 15 minutes, after 9:16 AM UTC." in parse(response).text
    assert response["Retry-After"] == "900"


def test_the_right_password_is_refused_until_the_cool_off_ends(editor, clock):
    client = Client()
    fail(client, "erin", 5)

    refused = log_in(client, "erin", PASSWORD)
    assert refused.status_code == 429
    assert not logged_in(client)

    clock.shift(dt.timedelta(minutes=14, seconds=59))
    assert log_in(client, "erin", PASSWORD).status_code == 429

    clock.shift(dt.timedelta(seconds=2))
    accepted = log_in(client, "erin", PASSWORD)
    assert accepted.status_code == 302
    assert accepted["Location"] == "/admin/"
    assert logged_in(client)


def test_a_successful_login_clears_the_count(editor, clock):
    client = Client()
    assert fail(client, "erin", 4) == [200] * 4
    assert log_in(client, "erin", PASSWORD).status_code == 302
    assert not AccessAttempt.objects.exists()

    client.post("/admin/logout/")
    assert fail(client, "erin", 5) == [200, 200, 200, 200, 429]


def test_the_count_is_forgotten_after_fifteen_minutes_without_a_failure(editor, clock):
    client = Client()
    fail(client, "erin", 4)
    clock.shift(dt.timedelta(minutes=15, seconds=1))

    assert fail(client, "erin", 5) == [200, 200, 200, 200, 429]


def test_failures_less_than_fifteen_minutes_apart_keep_counting(editor, clock):
    client = Client()
    statuses = []
    for _ in range(5):
        statuses += fail(client, "erin", 1)
        clock.shift(dt.timedelta(minutes=14))

    assert statuses == [200, 200, 200, 200, 429]


def test_the_lock_is_for_that_username_from_that_address(editor, clock):
    other = StaffFactory(username="olu")
    fail(Client(), "erin", 5)

    assert log_in(Client(), "olu", PASSWORD).status_code == 302  # same address, other user
    assert log_in(Client(), "erin", PASSWORD, ip="198.51.100.99").status_code == 302
    assert other.pk != editor.pk


def test_behind_the_proxy_each_forwarded_address_is_counted_apart(editor, clock, settings):
    """The address is the comment rate limits' (TRUSTED_PROXY_COUNT entries from the end of
    X-Forwarded-For): what a client writes before it proves nothing."""
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    client = Client()

    for spoofed in ["192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4", "192.0.2.5"]:
        log_in(
            client,
            "erin",
            "wrong password",
            ip=proxy,
            HTTP_X_FORWARDED_FOR=f"{spoofed}, 203.0.113.5",
        )

    locked = log_in(client, "erin", PASSWORD, ip=proxy, HTTP_X_FORWARDED_FOR="203.0.113.5")
    elsewhere = log_in(Client(), "erin", PASSWORD, ip=proxy, HTTP_X_FORWARDED_FOR="203.0.113.6")

    assert locked.status_code == 429
    assert elsewhere.status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.5"}


def test_an_ipv6_client_is_counted_by_its_whole_64(editor, clock):
    """One household's or server's /64 is one client: new addresses in it buy no guesses."""
    for host in range(1, 6):
        log_in(Client(), "erin", "wrong password", ip=f"2001:db8:5:7::{host:x}")

    same_range = log_in(Client(), "erin", PASSWORD, ip="2001:db8:5:7:abcd::1")
    next_range = log_in(Client(), "erin", PASSWORD, ip="2001:db8:5:8::1")

    assert same_range.status_code == 429
    assert next_range.status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"2001:db8:5:7::"}


def test_the_passwords_tried_are_never_stored(editor, clock):
    fail(Client(), "erin", 2)
    log_in(Client(), "erin", "a guess worth hiding")

    [attempt] = AccessAttempt.objects.all()
    assert attempt.failures_since_start == 3
    assert "a guess worth hiding" not in attempt.post_data
    assert "wrong password" not in attempt.post_data


def test_locked_out_attempts_are_logged_with_username_and_address(editor, clock, caplog):
    with caplog.at_level(logging.WARNING, logger="healthsite.security"):
        fail(Client(), "erin", 6)

    lines = [r.getMessage() for r in caplog.records if r.name == "healthsite.security"]
    assert len(lines) == 2  # the fifth failure, which locked, and the sixth
    for line in lines:
        assert "username='erin'" in line
        assert f"address={ADDRESS}" in line
        assert "until=2026-03-02T09:15:00+00:00" in line


def test_the_lockout_page_has_the_admin_look_and_no_inline_script(editor, clock):
    client = Client()
    fail(client, "erin", 5)
    response = log_in(client, "erin", "wrong password")

    page = parse(response)
    assert "login" in page.one("body").classes
    stylesheets = [link["href"] for link in page.find_all("link", rel="stylesheet")]
    assert "/static/admin/css/base.css" in stylesheets
    assert page.one("a", href=LOGIN_URL)
    for script in page.find_all("script"):
        assert script.get("src") and not script.raw_text.strip()
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_an_admin_unlocks_by_deleting_the_access_attempt(editor, clock):
    fail(Client(), "erin", 5)
    [attempt] = AccessAttempt.objects.all()
    admin = Client()
    admin.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))

    listing = admin.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200
    assert "erin" in parse(listing).one(id="result_list").text
    deleted = admin.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert deleted.status_code == 302

    assert log_in(Client(), "erin", PASSWORD).status_code == 302


def test_authenticating_needs_the_request(editor):
    """The lock is checked in authenticate(): a call without the request is refused loudly
    rather than let through unthrottled. Tests that log in use force_login(), or pass a
    request as here."""
    with pytest.raises(AxesBackendRequestParameterRequired):
        authenticate(username="erin", password=PASSWORD)

    assert authenticate(HttpRequest(), username="erin", password=PASSWORD) == editor
    assert Client().login(request=HttpRequest(), username="erin", password=PASSWORD)
