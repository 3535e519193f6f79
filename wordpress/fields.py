"""Plain-text fields of imported items: titles, excerpts, commenters' details.

Everything is cut to what our models hold and cleaned by the one sanitiser where it may hold
markup; each change worth knowing goes to the report as a note.
"""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.text import Truncator

from articles.rendering import html_to_text
from articles.sanitize import sanitize_imported_html
from comments.ratelimit import readable_address

from .bodies import looks_unsafe

NOTE_TITLE_MARKUP = "markup removed from the title"
NOTE_TITLE_SHORTENED = "title shortened to fit"
NOTE_UNTITLED = "no title: “Untitled” given"
_WEBSITE = URLValidator(schemes=["http", "https"])


def plain_text(html):
    """Text of a piece of HTML, script and style contents dropped, entities decoded once."""
    return html_to_text(sanitize_imported_html(html))


def title_text(raw, max_length, notes):
    title = plain_text(raw)
    if title != " ".join(raw.split()) and ("<" in raw or looks_unsafe(raw)):
        notes[NOTE_TITLE_MARKUP] += 1
    if len(title) > max_length:
        title = Truncator(title).chars(max_length)
        notes[NOTE_TITLE_SHORTENED] += 1
    if not title:
        notes[NOTE_UNTITLED] += 1
        title = "Untitled"
    return title


def excerpt_text(raw, max_length):
    return Truncator(plain_text(raw)).chars(max_length)


def website(url, max_length):
    """An http(s) address that fits, or "" (javascript:, data: and the like never pass)."""
    url = (url or "").strip()
    if not url or len(url) > max_length:
        return ""
    try:
        _WEBSITE(url)
    except ValidationError:
        return ""
    return url


def email(address, max_length):
    address = (address or "").strip().lower()
    if not address or len(address) > max_length:
        return ""
    try:
        validate_email(address)
    except ValidationError:
        return ""
    return address


def ip_address(value):
    """The address as the site stores a commenter's (zone id dropped, IPv4-mapped IPv6 read as
    IPv4), or None when it is not one."""
    return readable_address(value or "")
