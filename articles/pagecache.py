"""One cached copy of a whole page for every anonymous reader, with holes filled per request.

A reader who sends no cookie but the CSRF one (no session: so not staff, no pending comment
of their own, no message waiting; no remembered name and email) gets the same page as any
other such reader, except for what must differ per request: the CSRF token and the comment
form's signed stamp with its one-time submission key. The page is drawn once with a marker
in each such place (`marker`), stored cut at the markers under a key of the versions it was
drawn from (articles/cachekeys.py), and each answer joins the pieces with values made for
this request (`fill`). Apps name their holes with `hole` (comments registers the stamp).

The markers are derived from SECRET_KEY: nobody can type one into a comment to have a token
put into the page.
"""

import functools
import re

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.crypto import salted_hmac

from .cachekeys import CACHE_SECONDS

# Query parameters a shared copy may answer: the comment page. Any other (a reply link's
# ?replyto=, a search) is drawn for the request.
SHARED_PARAMETERS = frozenset({"cpage"})
MAX_PARAMETER_LENGTH = 5

_fillers = {}


def marker(name):
    """What a shared copy holds in place of hole `name`: letters and digits, which no
    escaping changes, and which only this server can write."""
    return _markers(settings.SECRET_KEY)[0][name]


@functools.lru_cache(maxsize=4)
def _markers(secret):
    """({hole name: marker}, pattern finding any marker) under one SECRET_KEY: an HMAC for
    each hole, worked out once per process rather than a few times per page."""
    markers = {}
    for name in _fillers:
        digest = salted_hmac("articles.pagecache.hole", name, secret=secret, algorithm="sha256")
        markers[name] = f"hole{digest.hexdigest()[:24]}{name.replace('-', '')}"
    pattern = re.compile("|".join(re.escape(markers[name]) for name in sorted(markers)))
    return markers, pattern


def hole(name):
    """Register `fill(request, obj)` as the value of the hole `name` (a decorator)."""

    def register(fill):
        _fillers[name] = fill
        _markers.cache_clear()
        return fill

    return register


@hole("csrf")
def _csrf_token(request, obj):
    return get_token(request)


def is_anonymous(request):
    """A GET from a reader who sends no cookie but the CSRF one: nothing personal to show."""
    if request.method not in ("GET", "HEAD"):
        return False
    if set(request.COOKIES) - {settings.CSRF_COOKIE_NAME}:
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def is_shared(request):
    """Whether this request may be answered from, and may build, the shared copy."""
    if not is_anonymous(request):
        return False
    for name, values in request.GET.lists():
        if name not in SHARED_PARAMETERS or len(values) != 1:
            return False
        value = values[0]
        if not (value.isascii() and value.isdigit() and len(value) <= MAX_PARAMETER_LENGTH):
            return False
    return True


def start_shared(request):
    """Mark the request as drawing the shared copy: its templates put markers in the holes."""
    request.draws_shared_copy = True


def draws_shared_copy(request):
    return getattr(request, "draws_shared_copy", False)


def answer(request, key, obj):
    """The cached page filled for this request, or None when it is not cached."""
    entry = cache.get(key)
    if entry is None:
        return None
    content_type, pieces = entry
    return _response(request, content_type, pieces, obj)


def keep(request, key, response, obj):
    """Store the rendered shared copy under `key`; answer it filled for this request."""
    response.render()
    html = response.content.decode(response.charset)
    # Kept encoded: a long discussion's page is not encoded again for every reader.
    pieces = [
        piece.encode(response.charset) if index % 2 == 0 else piece
        for index, piece in enumerate(_cut(html))
    ]
    content_type = response["Content-Type"]
    cache.set(key, (content_type, pieces), CACHE_SECONDS)
    filled = _response(request, content_type, pieces, obj)
    filled.status_code = response.status_code
    return filled


def fragment(request, key, draw, obj):
    """HTML drawn by `draw()` (with markers in its holes) once for every reader under `key`,
    filled for this request: a part of a page the same for everyone but its holes. Drawn
    into the shared copy of a page, it keeps its markers: that copy's answers fill them."""
    pieces = cache.get(key)
    if pieces is None:
        pieces = _cut(str(draw()))
        cache.set(key, pieces, CACHE_SECONDS)
    if draws_shared_copy(request):
        return "".join(piece if i % 2 == 0 else marker(piece) for i, piece in enumerate(pieces))
    return _filled(request, pieces, obj)


def _cut(html):
    """[text, hole name, text, hole name, ..., text]."""
    markers, pattern = _markers(settings.SECRET_KEY)
    names = {value: name for name, value in markers.items()}
    pieces, start = [], 0
    for found in pattern.finditer(html):
        pieces += [html[start : found.start()], names[found.group()]]
        start = found.end()
    pieces.append(html[start:])
    return pieces


def _holes_filled(request, pieces, obj, encode=str):
    """The pieces with each hole's value for this request (through `encode`)."""
    for index, piece in enumerate(pieces):
        yield piece if index % 2 == 0 else encode(str(_fillers[piece](request, obj)))


def _filled(request, pieces, obj):
    return "".join(_holes_filled(request, pieces, obj))


def _response(request, content_type, pieces, obj):
    """The page's encoded pieces joined with this request's holes (letters, digits and
    URL-safe signs: ASCII whatever the page's charset)."""
    content = b"".join(_holes_filled(request, pieces, obj, encode=str.encode))
    return HttpResponse(content, content_type=content_type)
