"""Per-IP rate limits counted in the shared cache, so they hold across every app server."""

import contextlib
import ipaddress
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import validate_ipv46_address

from healthsite.cache import CacheUnavailable


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
            address = readable_address(forwarded[-proxies])
            if address:
                return address
    return readable_address(request.META.get("REMOTE_ADDR", ""))


def client_network_address(request):
    """The address the admin login lockout counts (django-axes): the client's, and for an
    IPv6 client the first address of its /64, so that cycling through one's own range of
    addresses buys no more guesses."""
    address = client_ip(request)
    return str(network_of(address).network_address) if address else None


def readable_address(value):
    """An IP address from a header value, without a port ("1.2.3.4:80", "[2001:db8::1]:443").

    An IPv6 zone id ("fe80::1%eth0") names an interface of the machine that saw the client:
    it means nothing here and PostgreSQL cannot store it, so it is dropped; an entry longer
    than an address can be (Django's validator) is unreadable, not cut.
    """
    value = value.strip()
    if value.startswith("["):
        value = value[1:].partition("]")[0]
    elif value.count(":") == 1:
        value = value.partition(":")[0]
    try:
        validate_ipv46_address(value)
        return str(_parsed(value.partition("%")[0]))
    except (ValueError, ValidationError):
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
    # The shared cache could not be reached: nothing was counted, so nothing is known.
    unavailable: bool = False


def hit(scope, key, windows, *, now=None):
    """Count one attempt when every window has room for it; a refused attempt counts nothing.

    Read first, so a refused client who retries changes nothing and is free again when the
    fullest window ends. Then count; when concurrent attempts took the last places in between,
    ours is taken back and refused. Raises nothing when the cache is down: says `unavailable`.
    """
    now = time.time() if now is None else now
    keys = {window: _counter_key(scope, key, window, now) for window in windows}
    counts = cache.get_many(list(keys.values()))
    full = [window for window in windows if counts.get(keys[window], 0) >= window.limit]
    if full:
        return _refused(full, now)
    counted = []
    try:
        for window in windows:
            counted.append((window, _increment(keys[window], window)))
    except CacheUnavailable:
        return Verdict(allowed=False, unavailable=True)
    over = [window for window, count in counted if count > window.limit]
    if over:
        for window, _count in counted:
            _take_back(keys[window])
        return _refused(over, now)
    return Verdict(allowed=True)


def _counter_key(scope, key, window, now):
    return f"ratelimit:{scope}:{key}:{window.seconds}:{int(now // window.seconds)}"


def _increment(cache_key, window):
    cache.add(cache_key, 0, timeout=window.seconds + 1)
    try:
        return cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window.seconds + 1)
        return 1


def _take_back(cache_key):
    # Expired meanwhile, or gone with the cache: nothing to undo.
    with contextlib.suppress(ValueError, CacheUnavailable):
        cache.decr(cache_key)


def _refused(windows, now):
    """Refused until the latest of the full windows ends."""
    retry_after = max(
        int((now // window.seconds + 1) * window.seconds - now) + 1 for window in windows
    )
    return Verdict(allowed=False, retry_after=retry_after)
