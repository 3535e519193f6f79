"""WordPress shortcodes in imported HTML: [caption] becomes a <figure>; the others stay as
text and are counted, so the report can say which ones need attention."""

import re
from collections import Counter

# Shortcodes of WordPress itself: counted even when written bare, like [gallery].
CORE = frozenset({"audio", "caption", "embed", "gallery", "playlist", "video", "wp_caption"})

_CAPTION = re.compile(r"\[(caption|wp_caption)\b([^\]]*)\](.*?)\[/\1\]", re.IGNORECASE | re.DOTALL)
_ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))""")
_MEDIA_THEN_CAPTION = re.compile(
    r"\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)", re.IGNORECASE | re.DOTALL
)
_SHORTCODE = re.compile(r"(\[?)\[(/?)([a-zA-Z][\w-]*)((?:\s[^\[\]]*)?)(/?)\](\]?)")


def _attributes(text):
    return {
        match.group(1).lower(): next(value for value in match.groups()[1:] if value is not None)
        for match in _ATTRIBUTE.finditer(text)
    }


def _figure(match):
    attributes = _attributes(match.group(2))
    found = _MEDIA_THEN_CAPTION.match(match.group(3))
    media, caption = (found.group(1), found.group(2)) if found else (match.group(3), "")
    caption = caption.strip() or attributes.get("caption", "").strip()
    figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f"<figure>{media.strip()}{figcaption}</figure>"


def convert_captions(html):
    """[caption]<img …> Words[/caption] → <figure><img …><figcaption>Words</figcaption>."""
    return _CAPTION.sub(_figure, html)


def count_shortcodes(html):
    """The names of the shortcodes left in the text, with how often each appears.

    A bracketed word counts when it is one of WordPress's own, has attributes, closes itself
    or has a closing tag, so "[sic]" in a sentence is not mistaken for one; "[[gallery]]" is
    WordPress's way of writing the text "[gallery]" and is not counted either.
    """
    closed = {match.group(3).lower() for match in _SHORTCODE.finditer(html) if match.group(2)}
    counts = Counter()
    for match in _SHORTCODE.finditer(html):
        escaped, closing, name, attributes, self_closing, _end = match.groups()
        name = name.lower()
        if escaped or closing:
            continue
        if name in CORE or attributes.strip() or self_closing or name in closed:
            counts[name] += 1
    return counts


def unescape_shortcodes(html):
    """[[name]] is how WordPress writes the literal text [name]."""
    return _SHORTCODE.sub(
        lambda match: (
            match.group(0)[1:-1] if match.group(1) and match.group(6) else match.group(0)
        ),
        html,
    )
