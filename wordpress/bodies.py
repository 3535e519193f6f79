"""
From a WordPress post's HTML to the body of an article or a flat page.

In order: the block editor's comments go (and any other HTML comment, such as <!--more-->);
classic-editor text gets its paragraphs (WordPress adds them when showing a page, so the export
has bare line breaks); [caption] becomes a figure, other shortcodes stay as text and are
counted; an <h1> becomes an <h2> (the title is the page's one <h1>); addresses of the old site
are replaced by the new ones where the file or post came in; then the one sanitiser cleans it.

The result is stored as the article's body source: Markdown passes block-level HTML through
unchanged, and the article renders and sanitises it again on save like any other body.
"""

import re
from collections import Counter
from html import escape, unescape

from articles.sanitize import sanitize_imported_html

from .autop import autop
from .shortcodes import convert_captions, count_shortcodes, unescape_shortcodes

_BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.DOTALL)
_ANY_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_H1 = re.compile(r"<(/?)h1(?=[\s>/])", re.IGNORECASE)
_URL_ATTRIBUTE = re.compile(
    r"""(\s(?:href|src)\s*=\s*)(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE | re.DOTALL
)
_UNSAFE = re.compile(
    r"<\s*(?:script|iframe|object|embed|form|style|svg|math|meta|link|base)\b"
    r"|<[^>]*\s(?:on[a-z]+\s*=|(?:href|src|action|formaction)\s*=\s*[\"']?\s*"
    r"(?:javascript|vbscript|data):)",
    re.IGNORECASE,
)

NOTE_UNSAFE = "unsafe markup removed (scripts, embeds, event handlers or javascript: links)"


def has_blocks(html):
    return bool(_BLOCK_COMMENT.search(html or ""))


def looks_unsafe(text):
    return bool(_UNSAFE.search(text or ""))


def rewrite_urls(html, resolve):
    """Each href and src the resolver knows (old address → new) replaced by the new one."""

    def replace(match):
        quoted = match.group(2) if match.group(2) is not None else match.group(3)
        new = resolve(unescape(quoted))
        if new is None:
            return match.group(0)
        return f'{match.group(1)}"{escape(new)}"'

    return _URL_ATTRIBUTE.sub(replace, html)


def convert_body(html, *, resolve=lambda url: None):
    """(clean HTML, notes): the notes count what the report should mention."""
    html = html or ""
    notes = Counter()
    if looks_unsafe(html):
        notes[NOTE_UNSAFE] += 1
    classic = not has_blocks(html)
    html = _ANY_COMMENT.sub("", _BLOCK_COMMENT.sub("", html))
    html = convert_captions(html)
    for name, count in count_shortcodes(html).items():
        notes[f"shortcode [{name}] left as text"] += count
    html = unescape_shortcodes(html)
    if classic:
        html = autop(html)
    html = rewrite_urls(_H1.sub(r"<\1h2", html), resolve)
    return sanitize_imported_html(html).strip(), notes
