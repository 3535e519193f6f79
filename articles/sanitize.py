"""
The project's one HTML sanitiser.

Every piece of HTML that reaches a page from staff or the public passes through here: bleach
first (allow-list, escaping everything else, linkifying), then nh3 on bleach's output with the
same allow-list as a second, independently maintained guard. The allow-lists live only here;
`comments` imports this module, so dependencies keep running one way.
"""

import re
from dataclasses import dataclass, field
from functools import cached_property

import bleach
import nh3
from bleach.linkifier import Linker

SAFE_URL_SCHEMES = frozenset({"http", "https", "mailto"})


# Ids an article body may carry: Markdown's footnote anchors only ("fn:1", "fnref:1",
# "fnref2:1"), so a body can never take an id the page relies on ("comments", "respond",
# "comment-5").
FOOTNOTE_ID = re.compile(r"fn(ref\d*)?:[\w-]+")


@dataclass(frozen=True)
class Policy:
    """An allow-list: the tags and attributes that survive, and the rel given to links."""

    name: str
    tags: frozenset
    attributes: dict = field(hash=False)
    link_rel: str
    protocols: frozenset = SAFE_URL_SCHEMES

    def allows(self, tag, name, value):
        """One attribute test for both cleaners: listed for its tag, and ids are footnotes."""
        if name not in self.attributes.get(tag, ()):
            return False
        return name != "id" or FOOTNOTE_ID.fullmatch(value) is not None

    def _nh3_filter(self, tag, name, value):
        # nh3 shows its own link_rel to the filter too: keep it (a typed rel never gets here).
        if tag == "a" and name == "rel":
            return value
        return value if self.allows(tag, name, value) else None

    @cached_property
    def bleach_cleaner(self):
        return bleach.Cleaner(
            tags=self.tags,
            attributes=self.allows,
            protocols=self.protocols,
            strip=False,
            strip_comments=True,
        )

    @cached_property
    def nh3_cleaner(self):
        return nh3.Cleaner(
            tags=set(self.tags),
            attributes={tag: set(attrs) for tag, attrs in self.attributes.items()},
            attribute_filter=self._nh3_filter,
            url_schemes=set(self.protocols),
            link_rel=self.link_rel,
            strip_comments=True,
        )


_HEADINGS = {"h2", "h3", "h4", "h5", "h6"}

STAFF = Policy(
    name="staff",
    tags=frozenset(
        _HEADINGS
        | {"p", "br", "hr", "em", "strong", "b", "i", "u", "s", "sup", "sub", "small", "mark"}
        | {"abbr", "cite", "q", "a", "ul", "ol", "li", "dl", "dt", "dd", "blockquote"}
        | {"code", "pre", "kbd", "img", "figure", "figcaption", "div"}
        | {"table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td"}
    ),
    attributes={
        "a": {"href", "title"},
        "abbr": {"title"},
        "img": {"src", "alt", "title", "width", "height"},
        "th": {"colspan", "rowspan", "scope"},
        "td": {"colspan", "rowspan"},
        "ol": {"start"},
        "li": {"id"},
        "sup": {"id"},
    },
    link_rel="noopener",
)

COMMENT = Policy(
    name="comment",
    tags=frozenset(
        {"p", "br", "em", "strong", "b", "i", "a", "ul", "ol", "li", "blockquote", "code"}
    ),
    attributes={"a": {"href", "title"}},
    link_rel="nofollow ugc noopener",
)

_BLOCK_TAG = r"</?(?:p|ul|ol|li|blockquote)\b[^>]*>"
_ENDS_WITH_BLOCK = re.compile(_BLOCK_TAG + r"\s*$", re.IGNORECASE)
_STARTS_WITH_BLOCK = re.compile(r"^\s*" + _BLOCK_TAG, re.IGNORECASE)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n+")
_TAG_SPANNING_LINES = re.compile(r"<[a-zA-Z/!][^<>]*\n[^<>]*>")


def _add_ugc_rel(attrs, new=False):
    """Links get the user-content rel; bare text is linkified only for http(s) addresses."""
    href = attrs.get((None, "href"), "")
    if new and not href.lower().startswith(("http://", "https://")):
        return None
    attrs[(None, "rel")] = COMMENT.link_rel
    return attrs


_comment_linker = Linker(callbacks=[_add_ugc_rel], skip_tags={"code"}, parse_email=False)


def sanitize_html(html, policy=STAFF):
    """Clean HTML with bleach, then again with nh3, under one policy."""
    return policy.nh3_cleaner.clean(policy.bleach_cleaner.clean(html or ""))


def sanitize_imported_html(html, policy=STAFF):
    """HTML written for another system (a WordPress import): tags outside the allow-list are
    unwrapped, and the contents of script and style dropped, instead of being shown as text;
    then the usual two cleaners run."""
    return sanitize_html(policy.nh3_cleaner.clean(html or ""), policy)


def text_to_html(text):
    """Turn a commenter's text into paragraphs and line breaks, leaving any tags for cleaning."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    # A tag written over several lines is one tag: no line break goes inside it.
    text = _TAG_SPANNING_LINES.sub(lambda match: " ".join(match.group(0).split()), text)
    paragraphs = []
    for chunk in _PARAGRAPH_BREAK.split(text):
        lines = chunk.split("\n")
        joined = lines[0]
        for previous, line in zip(lines, lines[1:], strict=False):
            block_edge = _ENDS_WITH_BLOCK.search(previous) or _STARTS_WITH_BLOCK.match(line)
            joined += ("\n" if block_edge else "<br>\n") + line
        paragraphs.append(joined if _STARTS_WITH_BLOCK.match(joined) else f"<p>{joined}</p>")
    return "\n".join(paragraphs)


def sanitize_comment(text):
    """A commenter's text as safe HTML: paragraphs, linkified URLs, the comment allow-list."""
    if not (text or "").strip():
        return ""
    cleaned = COMMENT.bleach_cleaner.clean(text_to_html(text))
    return COMMENT.nh3_cleaner.clean(_comment_linker.linkify(cleaned))
