"""Per-IP rate limits counted in the shared cache, so they hold across every app server."""

import ipaddress
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache


def client_ip(request):
    """The commenter's address: REMOTE_ADDR, or behind our proxies the address they forwarded.

    With TRUSTED_PROXY_COUNT proxies appending to X-Forwarded-For, the client is the entry
    that many places from the end: entries before it were written by the client and prove
    nothing. Anything unreadable there falls back to REMOTE_ADDR, never to no address.
    """
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies:
        forwarded = [
            entry.strip()
            for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if entry.strip()
        ]
        if len(forwarded) >= proxies:
            address = _address(forwarded[-proxies])
            if address:
                return address
    return _address(request.META.get("REMOTE_ADDR", ""))


def _address(value):
    """An IP address from a header value, without a port ("1.2.3.4:80", "[2001:db8::1]:443")."""
    value = value.strip()
    if value.startswith("["):
        value = value[1:].partition("]")[0]
    elif value.count(":") == 1:
        value = value.partition(":")[0]
    try:
        return str(_parsed(value))
    except ValueError:
        return None


def _parsed(address):
    """An IPv4 client seen through a dual-stack socket ("::ffff:192.0.2.1") is that client."""
    parsed = ipaddress.ip_address(address)
    return getattr(parsed, "ipv4_mapped", None) or parsed


def network_of(address):
    """The unit one limit or block applies to: an IPv4 address, or an IPv6 /64 (a household's
    or a server's whole range, which one person can cycle through at will)."""
    parsed = _parsed(address)
    prefix = 64 if parsed.version == 6 else 32
    return ipaddress.ip_network(f"{parsed}/{prefix}", strict=False)


def in_any(address, entries):
    """Whether an address lies in one of the given addresses or networks ("192.0.2.0/24")."""
    parsed = _parsed(address)
    for entry in entries:
        try:
            if parsed in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue
    return False


def rate_key(address):
    """What one limit counts; requests without a readable address share one counter."""
    if address is None:
        return "unknown"
    network = network_of(address)
    return str(network.network_address if network.version == 4 else network)


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
