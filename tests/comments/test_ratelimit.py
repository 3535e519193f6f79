"""Per-IP rate limits: 5 comments a minute and 30 an hour by default, counted in the shared cache.

A refused commenter gets HTTP 429, a page that says when to try again, a Retry-After header,
and their comment kept in the form; nothing is stored.
"""

import re
import time
from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.test import RequestFactory, override_settings

from comments import moderation, ratelimit
from comments.models import Comment
from comments.moderation import Outcome
from tests.concurrency import run_together
from tests.factories import ArticleFactory

from .staff_helpers import discussion_settings, form_errors, form_values, post_comment, post_data

pytestmark = pytest.mark.django_db

IP = "203.0.113.7"
OTHER_IP = "203.0.113.8"
DEFAULT_WINDOWS = [ratelimit.Window(60, 5), ratelimit.Window(3600, 30)]


@pytest.fixture
def article():
    return ArticleFactory()


@pytest.fixture
def start_of_a_minute():
    """A frozen clock 1 second into a minute (and 1 minute into an hour) of wall time."""
    moment = (int(time.time()) // 3600 + 1) * 3600 + 61
    with time_machine.travel(moment, tick=False) as traveller:
        yield traveller


def test_sixth_comment_within_a_minute_is_refused_with_429(client, article, start_of_a_minute):
    for _number in range(5):
        assert post_comment(client, article, ip=IP).status_code == 303
    sent = post_data(article, website="https://jamie.example.com", notify="on")
    response = client.post(f"/articles/{article.slug}/comments/", sent, REMOTE_ADDR=IP)

    assert response.status_code == 429
    assert Comment.objects.count() == 5
    assert response["Retry-After"] == "60"
    message = form_errors(response)
    assert "Please wait about 1 minute, then send this one again" in message
    kept = form_values(response)
    assert [kept[name] for name in ("name", "email", "website", "body", "notify")] == [
        sent["name"],
        sent["email"],
        sent["website"],
        sent["body"],
        "on",
    ]


def test_another_ip_address_is_not_limited(client, article, start_of_a_minute):
    for _number in range(6):
        post_comment(client, article, ip=IP)

    response = post_comment(client, article, ip=OTHER_IP)

    assert response.status_code == 303
    assert Comment.objects.filter(ip_address=OTHER_IP).count() == 1


def test_the_limit_lifts_in_the_next_minute(client, article, start_of_a_minute):
    for _number in range(6):
        post_comment(client, article, ip=IP)
    start_of_a_minute.shift(timedelta(seconds=60))

    assert post_comment(client, article, ip=IP).status_code == 303


def test_page_says_how_many_minutes_to_wait_for_the_hourly_limit(
    client, article, start_of_a_minute
):
    """The 31st comment within an hour waits for the hour to end: 53 minutes here."""
    for _minute in range(6):
        for _number in range(5):
            assert post_comment(client, article, ip=IP).status_code == 303
        start_of_a_minute.shift(timedelta(seconds=60))

    response = post_comment(client, article, ip=IP)

    assert response.status_code == 429
    assert Comment.objects.count() == 30
    retry_after = int(response["Retry-After"])
    assert 3600 - 7 * 60 <= retry_after <= 3600 - 6 * 60 + 1
    minutes = re.search(r"wait about (\d+) minutes", form_errors(response))
    assert minutes and int(minutes.group(1)) == round(retry_after / 60)


def test_limits_are_read_from_the_discussion_settings(client, article, start_of_a_minute):
    discussion_settings(rate_limit_per_minute=2)

    statuses = [post_comment(client, article, ip=IP).status_code for _number in range(3)]

    assert statuses == [303, 303, 429]


def test_hourly_limit_is_read_from_the_discussion_settings(client, article, start_of_a_minute):
    discussion_settings(rate_limit_per_minute=10, rate_limit_per_hour=3)

    statuses = [post_comment(client, article, ip=IP).status_code for _number in range(4)]

    assert statuses == [303, 303, 303, 429]


def test_rejected_posts_count_towards_the_limit(client, article, start_of_a_minute):
    """A bot sending the same text again and again (each time from a fresh form) is refused
    all the same."""
    same_text = "Buy cheap supplements at example dot com today."
    for _number in range(5):
        post_comment(client, article, ip=IP, body=same_text)

    assert post_comment(client, article, ip=IP).status_code == 429
    assert Comment.objects.count() == 1


def test_counts_live_in_the_shared_cache(client, article, start_of_a_minute):
    """Another app server shares the cache, so it sees the count; clearing the cache resets it.
    The refused sixth post is not counted."""
    for _number in range(6):
        post_comment(client, article, ip=IP)
    bucket = int(time.time() // 60)

    assert cache.get(f"ratelimit:comments:{IP}:60:{bucket}") == 5
    cache.clear()
    assert post_comment(client, article, ip=IP).status_code == 303


def test_a_commenter_who_retries_is_free_again_when_the_minute_ends(
    client, article, start_of_a_minute
):
    """Refused attempts are not counted: 30 retries within the refused minute do not fill the
    hourly limit of 30, so the next minute the comment goes through."""
    for _number in range(5):
        assert post_comment(client, article, ip=IP).status_code == 303
    retries = [post_comment(client, article, ip=IP).status_code for _number in range(30)]
    start_of_a_minute.shift(timedelta(seconds=60))

    assert set(retries) == {429}
    assert post_comment(client, article, ip=IP).status_code == 303
    assert Comment.objects.count() == 6


# ratelimit.hit, the counter itself.


def test_hit_allows_up_to_the_limit_then_refuses_until_the_window_ends():
    now = 1_800_000_000 + 10  # 10 seconds into a minute
    verdicts = [ratelimit.hit("test", "k", DEFAULT_WINDOWS, now=now) for _n in range(6)]

    assert [verdict.allowed for verdict in verdicts] == [True] * 5 + [False]
    assert verdicts[-1].retry_after == 51
    assert ratelimit.hit("test", "k", DEFAULT_WINDOWS, now=now + 50).allowed is True


def test_hit_refuses_the_31st_within_an_hour():
    hour = 1_800_000_000 // 3600 * 3600
    # 13 seconds apart: never more than 5 in one minute.
    verdicts = [ratelimit.hit("test", "k", DEFAULT_WINDOWS, now=hour + 13 * n) for n in range(31)]

    assert all(verdict.allowed for verdict in verdicts[:30])
    assert verdicts[30].allowed is False
    assert verdicts[30].retry_after == 3600 - 13 * 30 + 1
    assert ratelimit.hit("test", "k", DEFAULT_WINDOWS, now=hour + 3600).allowed is True


def test_hit_counts_each_key_and_scope_apart():
    now = 1_800_000_000
    for _number in range(5):
        ratelimit.hit("test", "a", DEFAULT_WINDOWS, now=now)

    assert ratelimit.hit("test", "b", DEFAULT_WINDOWS, now=now).allowed is True
    assert ratelimit.hit("other", "a", DEFAULT_WINDOWS, now=now).allowed is True
    assert ratelimit.hit("test", "a", DEFAULT_WINDOWS, now=now).allowed is False


def test_hit_does_not_count_refused_attempts():
    now = 1_800_000_000 + 10
    for _number in range(5):
        ratelimit.hit("test", "k", DEFAULT_WINDOWS, now=now)
    for _number in range(40):
        assert ratelimit.hit("test", "k", DEFAULT_WINDOWS, now=now).allowed is False

    assert cache.get(f"ratelimit:test:k:60:{int(now // 60)}") == 5
    assert cache.get(f"ratelimit:test:k:3600:{int(now // 3600)}") == 5


def test_attempts_at_the_same_moment_pass_the_limit_no_more_than_it_allows():
    """20 threads at once against a limit of 5: exactly 5 pass, and the counter says 5."""
    now = 1_800_000_000 + 10
    verdicts = run_together(
        *(lambda: ratelimit.hit("race", "k", DEFAULT_WINDOWS, now=now) for _ in range(20))
    )

    assert sum(verdict.allowed for verdict in verdicts) == 5
    assert cache.get(f"ratelimit:race:k:60:{int(now // 60)}") == 5


# client_ip: which address is counted.


def test_client_ip_is_remote_addr_and_ignores_forwarded_headers_by_default():
    request = RequestFactory().post("/", REMOTE_ADDR=IP, HTTP_X_FORWARDED_FOR="192.0.2.1")

    assert ratelimit.client_ip(request) == IP


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_last_forwarded_address_is_the_client():
    """Only the entry our proxy appended counts; earlier ones were written by the client."""
    request = RequestFactory().post(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="192.0.2.1, 198.51.100.4"
    )

    assert ratelimit.client_ip(request) == "198.51.100.4"


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_behind_a_load_balancer_and_nginx_the_second_to_last_is_the_client():
    request = RequestFactory().post(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.4, 10.0.0.9"
    )

    assert ratelimit.client_ip(request) == "198.51.100.4"


@override_settings(TRUSTED_PROXY_COUNT=1)
@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        ("198.51.100.4:5555", "198.51.100.4"),
        ("[2001:db8::1]:443", "2001:db8::1"),
        ("garbage", "10.0.0.2"),
        ("", "10.0.0.2"),
    ],
)
def test_forwarded_addresses_lose_their_port_and_garbage_falls_back(forwarded, expected):
    request = RequestFactory().post("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)

    assert ratelimit.client_ip(request) == expected


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_an_over_long_ipv6_zone_id_is_unreadable_and_the_proxy_address_counts():
    request = RequestFactory().post(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="fe80::1%" + "a" * 100
    )

    assert ratelimit.client_ip(request) == "10.0.0.2"


@override_settings(TRUSTED_PROXY_COUNT=1)
@pytest.mark.parametrize("forwarded", ["fe80::1%eth0", "[fe80::1%eth0]:443"])
def test_a_short_ipv6_zone_id_is_dropped(forwarded):
    """A zone names an interface of the proxy's machine; PostgreSQL cannot store one."""
    request = RequestFactory().post("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)

    assert ratelimit.client_ip(request) == "fe80::1"


@override_settings(TRUSTED_PROXY_COUNT=1)
@pytest.mark.parametrize(
    ("forwarded", "stored"),
    [("fe80::1%" + "a" * 100, "10.0.0.2"), ("fe80::2%eth0", "fe80::2")],
)
def test_a_comment_behind_a_proxy_with_a_zone_id_is_stored(client, article, forwarded, stored):
    response = client.post(
        f"/articles/{article.slug}/comments/",
        post_data(article),
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR=forwarded,
    )

    assert response.status_code == 303
    assert Comment.objects.get().ip_address == stored


def test_client_ip_is_none_for_an_address_that_is_not_one():
    assert ratelimit.client_ip(RequestFactory().post("/", REMOTE_ADDR="not an ip")) is None


def test_ipv6_addresses_are_counted_per_64_network():
    assert ratelimit.rate_key("2001:db8:1:2::5") == ratelimit.rate_key("2001:db8:1:2:ffff::9")
    assert ratelimit.rate_key("2001:db8:1:3::5") != ratelimit.rate_key("2001:db8:1:2::5")
    assert ratelimit.rate_key("192.0.2.7") == "192.0.2.7"


def test_requests_without_any_address_are_still_limited(article):
    """An unreadable address is not a way around the limit: they share one counter."""
    for _ in range(5):
        assert decide_for(article, ip_address=None).outcome == Outcome.STORE
    assert decide_for(article, ip_address=None).outcome == Outcome.RATE_LIMITED


def decide_for(article, *, ip_address):
    comment = Comment(
        article=article,
        author_name="Ari",
        author_email="ari@example.org",
        body="A comment that is decided, never stored.",
        body_html="<p>A comment that is decided, never stored.</p>",
    )
    return moderation.decide(
        comment, form_stamp=post_data(article)["issued"], ip_address=ip_address, user_agent=""
    )


def test_ipv4_clients_seen_through_a_dual_stack_socket_are_counted_one_by_one(client, article):
    """Behind gunicorn on [::], "::ffff:198.51.100.7" is an IPv4 reader: five of them must not
    share one counter (and lock everyone else out)."""
    statuses = [
        post_comment(client, article, ip=f"::ffff:198.51.100.{n}").status_code for n in range(1, 8)
    ]
    assert statuses == [303] * 7
    assert set(Comment.objects.values_list("ip_address", flat=True)) == {
        f"198.51.100.{n}" for n in range(1, 8)
    }
