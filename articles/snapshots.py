"""What an article says at one moment, and what changed between two such moments.

Revisions and medical sign-offs both keep a snapshot (plain JSON, so a later change to the
model cannot break an old one) and both compare two of them: the history compares any two
revisions, the review queue compares the text with the one last signed off. One module, so
that both keep and show the same fields in the same way.
"""

import datetime
import difflib
import re
from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

# In the order a comparison lists them; labels as the article form names the fields.
FIELDS = {
    "title": _("title"),
    "excerpt": _("excerpt"),
    "key_points": _("key points"),
    "body": _("body"),
    "sources": _("sources"),
    "status": _("status"),
    "published_at": _("publication date"),
    "author": _("author"),
    "reviewer": _("medically reviewed by"),
    "reviewed_on": _("last medically reviewed"),
}
# What a medical reviewer signs off: a change to any of these after a sign-off needs another.
REVIEWED_FIELDS = ("title", "key_points", "body", "sources")

# A source as a snapshot keeps it, to be written back by a restore.
SOURCE_FIELDS = ("title", "url", "publisher", "date")

WORDS = re.compile(r"\s+|[^\s]+")


def source_line(source):
    """One source as one line of text: what a reader of the comparison needs to see."""
    details = ", ".join(part for part in (source.publisher, source.date) if part)
    line = f"{source.title} ({details})" if details else source.title
    return f"{line} <{source.url}>" if source.url else line


def take(article, sources=None):
    """The article's fields as plain JSON-ready data; sources as one line each, in order.

    `sources`: the sources to record when they are not the stored ones (a form's, unsaved).
    Besides the compared fields, what a restore needs to write them back (never compared):
    the sources field by field and the author's id."""
    sources = list(article.sources.all() if sources is None else sources)
    return {
        "title": article.title,
        "excerpt": article.excerpt,
        "key_points": article.key_points,
        "body": article.body,
        "sources": [source_line(source) for source in sources],
        "status": article.status,
        # To the second, as the form shows and saves it.
        "published_at": (
            article.published_at.isoformat(timespec="seconds") if article.published_at else ""
        ),
        "author": str(article.author) if article.author_id else "",
        "reviewer": str(article.reviewer) if article.reviewer_id else "",
        "reviewed_on": article.reviewed_on.isoformat() if article.reviewed_on else "",
        "source_records": [
            {name: getattr(source, name) for name in SOURCE_FIELDS} for source in sources
        ],
        "author_id": article.author_id,
    }


def as_text(value):
    return "\n".join(value) if isinstance(value, list) else str(value or "")


def shown(field, value):
    """A field's value as a comparison shows it: dates as the reader's language writes them
    (in the site's time zone), anything else as text."""
    text = as_text(value)
    try:
        if field == "published_at" and text:
            moment = datetime.datetime.fromisoformat(text)
            if timezone.is_aware(moment):
                moment = timezone.localtime(moment)
            return formats.date_format(moment, "DATETIME_FORMAT")
        if field == "reviewed_on" and text:
            return formats.date_format(datetime.date.fromisoformat(text), "DATE_FORMAT")
    except ValueError:
        pass  # not a date written by take(): shown as it is
    return text


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    old: str
    new: str

    @property
    def html(self):
        """The new text with removed words in <del> and added words in <ins>, all escaped."""
        return self._marked(removed=True, added=True)

    @property
    def old_html(self):
        """The old text with its removed words in <del>, all escaped (a comparison's left
        column)."""
        return self._marked(removed=True, added=False)

    @property
    def new_html(self):
        """The new text with its added words in <ins>, all escaped (the right column)."""
        return self._marked(removed=False, added=True)

    def _marked(self, *, removed, added):
        old, new = WORDS.findall(self.old), WORDS.findall(self.new)
        parts = []
        matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
        for op, old_start, old_end, new_start, new_end in matcher.get_opcodes():
            old_words = escape("".join(old[old_start:old_end]))
            new_words = escape("".join(new[new_start:new_end]))
            if op == "equal":
                parts.append(new_words)
                continue
            if removed and old_words:
                parts.append(f"<del>{old_words}</del>")
            if added and new_words:
                parts.append(f"<ins>{new_words}</ins>")
        return mark_safe("".join(parts))  # noqa: S308 (every word above is escaped)


def compare(old, new, fields=None):
    """The fields whose text differs between two snapshots, in FIELDS order.

    A field missing from an older snapshot counts as empty, so snapshots taken before a field
    existed still compare."""
    changes = []
    for field in fields or FIELDS:
        before, after = old.get(field), new.get(field)
        if as_text(before) != as_text(after):
            label = str(FIELDS[field])
            old_text, new_text = shown(field, before), shown(field, after)
            if old_text == new_text:  # a date moved within the minute its format shows
                old_text, new_text = as_text(before), as_text(after)
            changes.append(Change(field, label, old_text, new_text))
    return changes


def reviewed_text_changed(old, new):
    """Whether what a medical reviewer signed off differs between the two snapshots."""
    return bool(compare(old, new, REVIEWED_FIELDS))
