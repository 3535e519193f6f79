"""The shared cache: Django's RedisCache, where a Redis that does not answer is a miss.

Pages read settings and menus through the cache; with Redis down they must still render from
the database, not fail. Every read answers its default, every write is dropped, and the
failure is logged (a WARNING, at most once a minute for each kind of error). Counters are
the exception: `incr` raises CacheUnavailable, so a rate limit can tell "nothing counted"
from "allowed". Short socket timeouts keep a dead Redis from stalling each request.
"""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
SOCKET_TIMEOUT_SECONDS = 0.5
LOG_EVERY_SECONDS = 60


class CacheUnavailable(Exception):
    """The cache did not answer, so a counter could not be counted."""


def _or_fallback(fallback):
    """Wrap a cache method: when Redis does not answer, log it and answer fallback(*args)."""

    def wrap(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except UNREACHABLE as error:
                self.log_unreachable(method.__name__, error)
                return fallback(*args, **kwargs)

        return wrapper

    return wrap


def _nothing(*args, **kwargs):
    return None


def _false(*args, **kwargs):
    return False


def _default(key, default=None, version=None):
    return default


def _no_entries(*args, **kwargs):
    return {}


def _all_failed(data, *args, **kwargs):
    return list(data)


class ResilientRedisCache(RedisCache):
    """RedisCache whose outage is a miss (see the module docstring)."""

    def __init__(self, server, params):
        options = {
            "socket_connect_timeout": SOCKET_TIMEOUT_SECONDS,
            "socket_timeout": SOCKET_TIMEOUT_SECONDS,
            **params.get("OPTIONS", {}),
        }
        super().__init__(server, {**params, "OPTIONS": options})
        self._logged_at = {}

    def log_unreachable(self, operation, error):
        kind = type(error).__name__
        now = time.monotonic()
        last = self._logged_at.get(kind)
        if last is not None and now - last < LOG_EVERY_SECONDS:
            return
        self._logged_at[kind] = now
        logger.warning(
            "Cache unavailable (%s in %s): answered as a miss. %s", kind, operation, error
        )

    get = _or_fallback(_default)(RedisCache.get)
    get_many = _or_fallback(_no_entries)(RedisCache.get_many)
    has_key = _or_fallback(_false)(RedisCache.has_key)
    add = _or_fallback(_false)(RedisCache.add)
    set = _or_fallback(_nothing)(RedisCache.set)
    set_many = _or_fallback(_all_failed)(RedisCache.set_many)
    touch = _or_fallback(_false)(RedisCache.touch)
    delete = _or_fallback(_false)(RedisCache.delete)
    delete_many = _or_fallback(_nothing)(RedisCache.delete_many)
    clear = _or_fallback(_false)(RedisCache.clear)

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except UNREACHABLE as error:
            self.log_unreachable("incr", error)
            raise CacheUnavailable(str(error)) from error
