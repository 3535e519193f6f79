"""The editor's live preview: a body rendered as the public page renders it (the same
Markdown, the same sanitiser), with what the sanitiser removed, and its length."""

from django.utils.translation import gettext, ngettext

from . import library
from .rendering import markdown_html, reading_time
from .sanitize import STAFF, sanitize_and_report


def missing_images_note(ids):
    """The words for references to images no longer (or never) in the library."""
    numbers = ", ".join(library.reference_for(number) for number in ids)
    return ngettext(
        "The body refers to a library image that does not exist: %(refs)s.",
        "The body refers to library images that do not exist: %(refs)s.",
        len(ids),
    ) % {"refs": numbers}


def length_label(words, minutes):
    """ "1,234 words · 6 min read", as shown under the body."""
    return gettext("%(words)s · %(minutes)s") % {
        "words": ngettext("%(count)d word", "%(count)d words", words) % {"count": words},
        "minutes": ngettext("%(count)d min read", "%(count)d min read", minutes)
        % {"count": minutes},
    }


def body_preview(source):
    """The body as the page will show it, and notes for the editor: what the sanitiser
    removed, library images that are missing."""
    html, notes = sanitize_and_report(markdown_html(source), STAFF, where=gettext("body"))
    missing = library.missing_images(source)
    if missing:
        notes.append(missing_images_note(missing))
    words, minutes = reading_time(html)
    return {
        "html": html,
        "notes": notes,
        "words": words,
        "minutes": minutes,
        "length": length_label(words, minutes),
    }
