"""Per-IP rate limits counted in the shared cache, so they hold across every app server."""

import ipaddress
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache


def client_ip(request):
    """The commenter's address: REMOTE_ADDR, or behind our proxy the address it forwarded.

    Only the last X-Forwarded-For entry is trusted: it is the one our own proxy appended.
    """
    candidate = request.META.get("REMOTE_ADDR", "")
    if getattr(settings, "BEHIND_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            candidate = forwarded.split(",")[-1].strip()
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None


@dataclass(frozen=True)
class Window:
    seconds: int
    limit: int


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int = 0


def hit(scope, key, windows, *, now=None):
    """Count one attempt in each fixed window; refuse when any window is over its limit."""
    now = time.time() if now is None else now
    retry_after = 0
    for window in windows:
        bucket = int(now // window.seconds)
        cache_key = f"ratelimit:{scope}:{key}:{window.seconds}:{bucket}"
        cache.add(cache_key, 0, timeout=window.seconds + 1)
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired between add and incr
            cache.set(cache_key, 1, timeout=window.seconds + 1)
            count = 1
        if count > window.limit:
            retry_after = max(retry_after, int((bucket + 1) * window.seconds - now) + 1)
    return Verdict(allowed=retry_after == 0, retry_after=retry_after)
