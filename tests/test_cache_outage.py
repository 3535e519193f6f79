"""A shared cache that does not answer: pages still render (a cache error is a miss, logged),
comments are still taken but held ("rate limit unavailable"), and /healthz says "cache
unavailable" with a 503. With Redis up, /healthz answers 200."""

import logging
import os
from unittest import mock

import pytest
import redis
from django.core.cache import cache
from django.core.checks import run_checks
from django.core.management import call_command
from django.db import OperationalError

from comments import ratelimit
from comments.checks import PER_PROCESS_LIMITS
from comments.models import Comment, DiscussionSettings
from healthsite.cache import CacheUnavailable
from tests.comments.factories import CommentFactory, post_comment
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

CLOSED_PORT_URL = "redis://127.0.0.1:6390/4"  # nothing listens there
RESILIENT = "healthsite.cache.ResilientRedisCache"
UNAVAILABLE_REASON = "rate limit unavailable"


def redis_cache(location):
    return {"default": {"BACKEND": RESILIENT, "LOCATION": location, "KEY_PREFIX": "test"}}


@pytest.fixture
def redis_down(settings):
    settings.CACHES = redis_cache(CLOSED_PORT_URL)


@pytest.fixture
def redis_up(settings):
    """The real Redis: REDIS_URL when set, else database 4 of a local one; skipped without."""
    location = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/4"
    try:
        redis.Redis.from_url(location, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"no Redis answers at {location}")
    settings.CACHES = redis_cache(location)


def test_pages_render_with_redis_down(client, redis_down):
    article = ArticleFactory(title="Sleep and walking")
    CommentFactory(article=article, body="Walking helped me.")

    home = client.get("/")
    page = client.get(article.get_absolute_url())

    assert home.status_code == 200
    assert "Sleep and walking" in home.content.decode()
    assert page.status_code == 200
    assert "Walking helped me." in page.content.decode()


def test_a_cache_outage_is_logged_as_a_warning_once_per_kind(client, redis_down, caplog):
    article = ArticleFactory()
    with caplog.at_level(logging.WARNING, logger="healthsite.cache"):
        client.get("/")
        client.get(article.get_absolute_url())

    warnings = [r for r in caplog.records if r.name == "healthsite.cache"]
    assert len(warnings) == 1
    assert warnings[0].levelno == logging.WARNING
    assert "Cache unavailable" in warnings[0].getMessage()


def test_a_comment_is_held_when_the_rate_limit_cannot_be_counted(client, redis_down):
    """Even where known authors are published at once, nothing is counted, so it waits."""
    settings_row = DiscussionSettings.load()
    settings_row.moderation_mode = DiscussionSettings.ModerationMode.KNOWN_AUTHORS
    settings_row.save()
    article = ArticleFactory()
    CommentFactory(article=article, author_name="Dana Walker", author_email="dana@example.org")

    response = post_comment(
        client, article, name="Dana Walker", email="dana@example.org", body="Me again."
    )

    assert response.status_code == 303
    assert response["Location"] == f"{article.get_absolute_url()}#comments"
    comment = Comment.objects.get(body="Me again.")
    assert comment.status == Comment.Status.PENDING
    assert comment.moderation_reasons == [UNAVAILABLE_REASON]
    assert "awaiting moderation" in client.get(response["Location"]).content.decode()


def test_the_rate_limiter_tells_unavailable_from_allowed(redis_down):
    verdict = ratelimit.hit("test", "k", [ratelimit.Window(60, 5)])

    assert verdict.unavailable is True
    assert verdict.allowed is False
    assert verdict.retry_after == 0


def test_counters_raise_cache_unavailable_while_reads_and_writes_miss(redis_down):
    assert cache.get("key", "default") == "default"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.add("key", 1) is False
    assert cache.set("key", 1) is None
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert cache.has_key("key") is False
    assert cache.get_or_set("key", "computed") == "computed"
    cache.delete("key")
    cache.delete_many(["a"])
    cache.touch("key")
    cache.clear()
    with pytest.raises(CacheUnavailable):
        cache.incr("key")
    with pytest.raises(CacheUnavailable):
        cache.decr("key")


def test_a_dead_redis_is_given_up_on_quickly(redis_down):
    """Short socket timeouts, so a Redis that hangs does not hang every request."""
    options = cache._cache._pool_options

    assert options["socket_connect_timeout"] <= 1
    assert options["socket_timeout"] <= 1


def test_healthz_names_the_cache_when_redis_is_down(client, redis_down):
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.content.decode() == "cache unavailable\n"


def test_healthz_names_both_when_both_are_down(client, redis_down):
    broken = mock.Mock()
    broken.cursor.side_effect = OperationalError("could not connect to server")
    with mock.patch("articles.views.connection", broken):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.content.decode() == "database unavailable\ncache unavailable\n"


def test_healthz_answers_ok_with_redis_up(client, redis_up):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content.decode() == "ok\n"


def test_the_rate_limit_counts_in_a_live_redis(client, redis_up):
    windows = [ratelimit.Window(60, 2)]
    now = 1_800_000_010.0
    cache.delete(f"ratelimit:live:k:60:{int(now // 60)}")

    verdicts = [ratelimit.hit("live", "k", windows, now=now) for _ in range(4)]

    assert [verdict.allowed for verdict in verdicts] == [True, True, False, False]
    assert cache.get(f"ratelimit:live:k:60:{int(now // 60)}") == 2


# The deployment check -------------------------------------------------------------------


def deploy_check_ids():
    return {message.id for message in run_checks(include_deployment_checks=True)}


def test_check_deploy_warns_that_each_worker_counts_its_own_limits(settings, capsys):
    settings.DEBUG = False
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

    call_command("check", "--deploy")

    assert PER_PROCESS_LIMITS in capsys.readouterr().err
    assert PER_PROCESS_LIMITS in deploy_check_ids()


def test_no_warning_with_redis_in_debug_or_without_deploy(settings):
    settings.DEBUG = False
    settings.CACHES = redis_cache(CLOSED_PORT_URL)
    assert PER_PROCESS_LIMITS not in deploy_check_ids()

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert PER_PROCESS_LIMITS not in {message.id for message in run_checks()}

    settings.DEBUG = True
    assert PER_PROCESS_LIMITS not in deploy_check_ids()
