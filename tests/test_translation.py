"""Every user-facing word in our templates is marked for translation, so a translation can be
added without touching a template.

The sweep reads each template with Django's own lexer, drops what {% translate %} and
{% blocktranslate %} mark (and comments), stands a placeholder without letters in for every
variable and tag, then reads what is left as HTML: any text with a letter, or a user-facing
attribute (alt, title, placeholder, aria-label…) with one, is unmarked text. Plain-text email
templates are read line by line the same way.
"""

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.template.base import Lexer, TokenType

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# The templates this guard holds to: every one of ours.
SWEPT = [
    "base.html",
    "400.html",
    "403.html",
    "403_csrf.html",
    "404.html",
    "500.html",
    "comments/**/*.html",
    "comments/**/*.txt",
    "includes/*.html",
    "flatpages/*.html",
    "admin/**/*.html",
    "articles/**/*.html",
    "articles/email/*.txt",
]
USER_FACING_ATTRIBUTES = {"alt", "title", "placeholder", "aria-label", "aria-description"}
LETTER = re.compile(r"[^\W\d_]")
# Words that are the same in every language, each with its reason.
ALLOWED = {
    # admin/lockout.html adds a CSS class to the admin's {% block bodyclass %}: not text.
    "… login",
    # The desk adds its CSS classes to the admin's {% block bodyclass %} too.
    "… app-comments model-comment moderation-desk",
    # So do the medical review pages.
    "… app-articles model-article review-queue",
    "… app-articles model-article review-article",
    # The desk's keyboard shortcuts name the keys themselves, as printed on keyboards.
    *("j", "k", "a", "s", "d", "r", "z", "Esc"),
}
PLACEHOLDER = "\x00"
TRANSLATING_TAGS = {"translate", "trans"}
BLOCK_TAGS = {"blocktranslate": "endblocktranslate", "blocktrans": "endblocktrans"}


def without_marked_text(source):
    """The template with its marked strings and comments taken out and every variable and
    tag replaced by PLACEHOLDER (no letters), as one string."""
    parts = []
    closing = None  # the end tag of the block being skipped
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.COMMENT:
            continue
        if token.token_type == TokenType.BLOCK:
            name = token.split_contents()[0]
            if closing:
                if name == closing:
                    closing = None
                    parts.append(PLACEHOLDER)
                continue
            if name in BLOCK_TAGS:
                closing = BLOCK_TAGS[name]
            elif name == "comment":
                closing = "endcomment"
            elif name in TRANSLATING_TAGS:
                parts.append(PLACEHOLDER)
            continue
        if closing:
            continue
        parts.append(PLACEHOLDER if token.token_type == TokenType.VAR else token.contents)
    return "".join(parts)


class _UnmarkedText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []
        self._raw = 0  # inside <script> or <style>

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._raw += 1
        for name, value in attrs:
            if name in USER_FACING_ATTRIBUTES and value and LETTER.search(value):
                self.found.append(f'{name}="{value}"')

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._raw:
            self._raw -= 1

    def handle_data(self, data):
        if not self._raw and LETTER.search(data):
            self.found.append(data)


def unmarked_text(source, *, plain=False):
    """The pieces of user-facing text in a template source that no translate tag marks."""
    remainder = without_marked_text(source)
    if plain:
        pieces = remainder.splitlines()
    else:
        parser = _UnmarkedText()
        parser.feed(remainder)
        parser.close()
        pieces = parser.found
    found = [" ".join(piece.replace(PLACEHOLDER, "…").split()) for piece in pieces]
    return [piece for piece in found if LETTER.search(piece) and piece not in ALLOWED]


def swept_templates():
    paths = sorted({path for pattern in SWEPT for path in TEMPLATES.glob(pattern)})
    return [pytest.param(path, id=str(path.relative_to(TEMPLATES))) for path in paths]


@pytest.mark.parametrize("path", swept_templates())
def test_template_text_is_marked_for_translation(path):
    assert unmarked_text(path.read_text(), plain=path.suffix == ".txt") == []


def test_the_sweep_covers_the_templates_it_names():
    names = {param.id for param in swept_templates()}

    assert {"base.html", "404.html", "comments/form.html", "includes/header.html"} <= names
    assert "comments/email/reply_notification.txt" in names
    assert "admin/comments/comment/reply.html" in names


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("<p>Hello</p>", ["Hello"]),
        ("<p>{% translate 'Hello' %}</p>", []),
        ("<p>{{ count }} comments</p>", ["… comments"]),
        ("<p>{% blocktranslate %}{{ n }} comments{% endblocktranslate %}</p>", []),
        (
            "{% blocktranslate count counter=n %}One{% plural %}{{ counter }} many"
            "{% endblocktranslate %} left",
            ["… left"],
        ),
        ('<img alt="A photo" src="x.jpg">', ['alt="A photo"']),
        ('<input placeholder="{% translate "Search" %}" type="search">', []),
        ('<a href="/x/" class="btn {% if a %}active{% endif %}">{{ x }}</a>', []),
        ("{# Staff only #}<p>{% comment %}Why{% endcomment %}</p>", []),
        ('<script type="application/ld+json">{"name": "x"}</script>', []),
        ("<p>&amp; · 2026 — {{ x }}</p>", []),
    ],
)
def test_the_sweep_finds_unmarked_text_and_only_that(source, found):
    assert unmarked_text(source) == found


def test_plain_text_templates_are_swept_line_by_line():
    source = "{% load i18n %}{% translate 'Hello' %},\n\nRead it: {{ url }}\n-- \n{{ site }}"

    assert unmarked_text(source, plain=True) == ["Read it: …"]


def test_makemessages_collects_the_marked_strings(tmp_path, settings, monkeypatch):
    """`manage.py makemessages -l fr` finds the strings of templates and Python alike, plural
    forms included: a translator needs nothing more."""
    if shutil.which("xgettext") is None:
        pytest.skip("makemessages needs GNU gettext's xgettext (apt install gettext)")
    settings.LOCALE_PATHS = [tmp_path]
    monkeypatch.chdir(settings.BASE_DIR)

    call_command(
        "makemessages",
        locale=["fr"],
        ignore_patterns=["staticfiles", "media", "tests", "node_modules"],
        verbosity=0,
    )

    catalogue = (tmp_path / "fr" / "LC_MESSAGES" / "django.po").read_text()
    for msgid in [
        "There is a problem",  # templates/comments/error_summary.html
        "See it in its place",  # comments/rendering.py
        "Skip to content",  # templates/base.html
        "Page not found",  # templates/404.html
        "Hello %(name)s,",  # the emails
        "Comments on “%(title)s”",  # comments/feeds.py
        "Thank you! Your comment is published.",  # comments/views.py
    ]:
        assert f'msgid "{msgid}"' in catalogue
    assert 'msgid "%(shown)s Comment"\nmsgid_plural "%(shown)s Comments"' in catalogue
