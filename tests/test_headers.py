"""Security headers on every page, and markup the Content-Security-Policy allows.

The policy (django-csp): everything from our own origin, images also as data: URLs, no inline
script, no style attribute, no eval, no plugins, no <base>, forms only to us, never framed.
The production values of the HTTPS settings are read from the settings module itself, run
under a production environment, so what is tested here is what production gets.
"""

import re
import tokenize

import pytest
from django.test import Client

from healthsite.headers import permissions_policy
from tests.factories import ArticleFactory, StaffFactory, image_file
from tests.markup import parse

from .test_settings import production, settings_module
from .test_site import REPO_ROOT

pytestmark = pytest.mark.django_db

HTTPS_SETTINGS = (
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
)


def policy(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


@pytest.fixture
def article():
    return ArticleFactory(featured_image=image_file(), featured_image_alt="A lamp")


def test_the_policy_allows_only_our_own_origin(client, article):
    response = client.get(article.get_absolute_url())

    assert policy(response) == {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    assert "unsafe" not in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    "path", ["/", "/no-such-page/", "/admin/login/", "/healthz", "/feeds/articles/"]
)
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)

    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    features = dict(
        item.strip().split("=", 1) for item in response["Permissions-Policy"].split(",")
    )
    for feature in ("camera", "microphone", "geolocation", "interest-cohort", "payment"):
        assert features[feature] == "()", feature


def test_permissions_policy_header_syntax():
    assert permissions_policy({"camera": [], "fullscreen": ["self"]}) == (
        "camera=(), fullscreen=(self)"
    )


# HTTPS, with the values production gets.


@pytest.fixture
def production_https(settings, monkeypatch):
    """This process's settings given the HTTPS values the module sets in production."""
    produced = settings_module(monkeypatch, **production())
    for name in HTTPS_SETTINGS:
        setattr(settings, name, getattr(produced, name))
    return produced


def test_production_sends_http_to_https(production_https, article):
    response = Client().get(article.get_absolute_url())

    assert response.status_code == 301
    assert response["Location"] == f"https://testserver{article.get_absolute_url()}"


def test_production_pages_over_https_carry_hsts(production_https, article):
    response = Client().get(article.get_absolute_url(), secure=True)

    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )


def test_production_cookies_are_secure_and_the_session_is_not_for_scripts(production_https):
    StaffFactory(username="erin")
    client = Client()
    client.get("/admin/login/", secure=True)
    response = client.post(
        "/admin/login/",
        {"username": "erin", "password": "correct horse battery", "next": "/admin/"},
        secure=True,
    )

    assert response.status_code == 302
    session, csrf = client.cookies["sessionid"], client.cookies["csrftoken"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    assert csrf["secure"]


def test_without_https_there_is_no_hsts(client, article):
    """Development over plain http: no HSTS, which would pin the browser to https."""
    assert "Strict-Transport-Security" not in client.get(article.get_absolute_url())


# Markup the policy allows: swept in the source, so a page no test visits is covered too.

INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>")
HANDLER_ATTRIBUTE = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"""\sstyle\s*=\s*["'{]""", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"""=\s*["']?\s*javascript:""", re.IGNORECASE)


# From Python 3.12 the text of an f-string is its own kind of token.
STRING_TOKENS = {tokenize.STRING, getattr(tokenize, "FSTRING_MIDDLE", tokenize.STRING)}


def page_sources():
    """(name, text) of our templates (except emails, which no browser runs under our policy)
    and of the string literals in our Python, where markup is written too."""
    templates = REPO_ROOT / "templates"
    for path in templates.rglob("*.html"):
        if "email" not in path.relative_to(templates).parts:
            yield str(path.relative_to(REPO_ROOT)), path.read_text()
    for app in ("articles", "comments", "healthsite"):
        for path in (REPO_ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts:
                with path.open("rb") as source:
                    tokens = tokenize.tokenize(source.readline)
                    strings = [t.string for t in tokens if t.type in STRING_TOKENS]
                yield str(path.relative_to(REPO_ROOT)), "\n".join(strings)


@pytest.mark.parametrize(
    "pattern",
    [INLINE_SCRIPT, HANDLER_ATTRIBUTE, STYLE_ATTRIBUTE, JAVASCRIPT_URL],
    ids=["inline script", "on* handler", "style attribute", "javascript: URL"],
)
def test_no_source_writes_markup_the_policy_refuses(pattern):
    offenders = [
        f"{name}: {match.group(0)}"
        for name, text in page_sources()
        for match in pattern.finditer(text)
    ]

    assert offenders == []


def test_the_sweep_catches_what_it_looks_for():
    swept = dict(page_sources())
    assert "<body>" in swept["templates/base.html"]
    admin_strings = swept["articles/admin_images.py"]
    assert "format_html" not in admin_strings and "<img src=" in admin_strings
    assert INLINE_SCRIPT.search("<script>alert(1)</script>")
    assert not INLINE_SCRIPT.search('<script src="/static/js/site.js" defer></script>')
    assert not INLINE_SCRIPT.search('<script type="application/ld+json">{}</script>')
    assert HANDLER_ATTRIBUTE.search('<button type="button" onclick="go()">')
    assert STYLE_ATTRIBUTE.search('<img src="{}" style="height:auto">')
    assert JAVASCRIPT_URL.search('<a href="javascript:void(0)">')


def test_rendered_article_has_no_inline_script_but_its_json_ld(client, article):
    page = parse(client.get(article.get_absolute_url()))

    inline = [script for script in page.find_all("script") if not script.get("src")]
    assert [script["type"] for script in inline] == ["application/ld+json"]
