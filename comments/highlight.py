"""Highlighting, for moderators, what made the policy hold a comment: the held or blocked
words and the links.

It works on the comment's stored HTML, already sanitised (articles/sanitize.py), and only adds
`<mark>` elements: words are marked inside text nodes only (never in a tag or an attribute),
and each link is wrapped whole. The HTML is read with the standard library's parser and
written back with every text and attribute value escaped again, so nothing the commenter
wrote can become markup on the way.
"""

import re
from html import escape
from html.parser import HTMLParser

from django.utils.safestring import mark_safe

WORD_MARK = '<mark class="desk-mark desk-mark-word">'
LINK_MARK = '<mark class="desk-mark desk-mark-link">'
VOID_ELEMENTS = frozenset({"br", "hr", "img", "wbr"})


def word_pattern(words):
    """One case-insensitive pattern for the words, longest first (so "miracle cure" wins over
    "miracle"); None when there are none."""
    words = sorted({word.strip() for word in words if word and word.strip()}, key=len)
    if not words:
        return None
    return re.compile("|".join(re.escape(word) for word in reversed(words)), re.IGNORECASE)


def marked_text(text, pattern):
    """Plain text as escaped HTML, the pattern's matches in `<mark>`."""
    if pattern is None:
        return escape(text, quote=False)
    parts = []
    position = 0
    for match in pattern.finditer(text):
        parts.append(escape(text[position : match.start()], quote=False))
        parts.append(f"{WORD_MARK}{escape(match.group(), quote=False)}</mark>")
        position = match.end()
    parts.append(escape(text[position:], quote=False))
    return "".join(parts)


def highlight_text(text, words):
    """Safe HTML of a plain value (a name, an address) with the words marked."""
    return mark_safe(marked_text(text or "", word_pattern(words)))  # noqa: S308 (escaped)


def highlight_html(sanitised_html, words, *, links=True):
    """Safe HTML of a sanitised comment with the words marked and, with `links`, each link."""
    highlighter = _Highlighter(word_pattern(words), links)
    highlighter.feed(sanitised_html or "")
    highlighter.close()
    return mark_safe("".join(highlighter.parts))  # noqa: S308 (written back escaped)


class _Highlighter(HTMLParser):
    def __init__(self, pattern, links):
        super().__init__(convert_charrefs=True)
        self.pattern = pattern
        self.links = links
        self.parts = []

    def _tag(self, tag, attrs):
        values = "".join(
            f' {name}="{escape(value if value is not None else "")}"' for name, value in attrs
        )
        return f"<{tag}{values}>"

    def handle_starttag(self, tag, attrs):
        if tag == "a" and self.links:
            self.parts.append(LINK_MARK)
        self.parts.append(self._tag(tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.parts.append(self._tag(tag, attrs))

    def handle_endtag(self, tag):
        if tag in VOID_ELEMENTS:
            return
        self.parts.append(f"</{tag}>")
        if tag == "a" and self.links:
            self.parts.append("</mark>")

    def handle_data(self, data):
        self.parts.append(marked_text(data, self.pattern))
