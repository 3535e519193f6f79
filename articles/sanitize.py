"""
The project's one HTML sanitiser.

Every piece of HTML that reaches a page from staff or the public passes through here: bleach
first (allow-list, escaping everything else, linkifying), then nh3 on bleach's output with the
same allow-list as a second, independently maintained guard. The allow-lists live only here;
`comments` imports this module, so dependencies keep running one way.

`sanitize_and_report` also says, in words for the editor, what cleaning removed: it compares
what went in with what came out, so the rules stay in one place (the cleaners').
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from html.parser import HTMLParser

import bleach
import nh3
from bleach.html5lib_shim import BleachHTMLParser
from bleach.linkifier import Linker
from bleach.sanitizer import BleachSanitizerFilter
from django.conf import settings
from django.utils.translation import gettext, ngettext

SAFE_URL_SCHEMES = frozenset({"http", "https", "mailto"})

# Elements whose content is code, styling or another document, never text for the reader:
# where a policy drops them, they go whole, content included.
WHOLE_ELEMENTS = frozenset(
    {"script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript"}
    | {"noembed", "noframes", "template", "svg", "math", "textarea", "select", "title", "xmp"}
)


# Ids an article body may carry, so that a body can never take an id the page relies on
# ("comments", "respond", "comment-5", "main"): Markdown's footnote anchors on list items and
# superscripts ("fn:1", "fnref:1", "fnref2:1"), and on section headings ids with a prefix
# reserved for them ("section-why-it-matters"), which the table of contents links to.
FOOTNOTE_ID = re.compile(r"fn(ref\d*)?:[\w-]+")
HEADING_ID_PREFIX = "section-"
HEADING_ID = re.compile(re.escape(HEADING_ID_PREFIX) + r"[a-z0-9_-]+")
ID_RULES = {"li": FOOTNOTE_ID, "sup": FOOTNOTE_ID, "h2": HEADING_ID, "h3": HEADING_ID}

# A library image placed in a body (articles.library, articles.rendering) carries its
# renditions and how to load them; these attributes are kept only with exactly these values:
# a srcset of this site's own media files, the article column's sizes, lazy loading.
INLINE_IMAGE_SIZES = "(min-width: 992px) 720px, 100vw"


def _srcset_rule():
    media = settings.MEDIA_URL
    media = media if "://" in media else "/" + media.lstrip("/")
    # Folders and a file name under MEDIA_URL: no "." or ".." segment leaves it.
    candidate = re.escape(media) + r"(?:[\w-]+/)*[\w-]+(?:\.[\w-]+)* \d+w"
    return re.compile(f"{candidate}(?:, {candidate})*")


VALUE_RULES = {
    ("img", "srcset"): _srcset_rule,
    ("img", "sizes"): lambda: re.compile(re.escape(INLINE_IMAGE_SIZES)),
    ("img", "loading"): lambda: re.compile("lazy"),
    ("img", "decoding"): lambda: re.compile("async"),
}


@dataclass(frozen=True)
class Policy:
    """An allow-list: the tags and attributes that survive, and the rel given to links."""

    name: str
    tags: frozenset
    attributes: dict = field(hash=False)
    link_rel: str
    protocols: frozenset = SAFE_URL_SCHEMES
    # Other tags outside the list: removed keeping their text (True), or escaped so that they
    # show as typed (False: a commenter sees their "<b>" as written).
    strip: bool = False
    # Elements removed with all they contain, before anything else is decided.
    drop_whole: frozenset = frozenset()

    def allows(self, tag, name, value):
        """One attribute test for both cleaners: listed for its tag, and an id only of the
        form its tag may carry (ID_RULES)."""
        if name not in self.attributes.get(tag, ()):
            return False
        if (tag, name) in VALUE_RULES:
            return VALUE_RULES[tag, name]().fullmatch(value or "") is not None
        if name != "id":
            return True
        rule = ID_RULES.get(tag)
        return rule is not None and rule.fullmatch(value) is not None

    def _nh3_filter(self, tag, name, value):
        # nh3 shows its own link_rel to the filter too: keep it (a typed rel never gets here).
        if tag == "a" and name == "rel":
            return value
        return value if self.allows(tag, name, value) else None

    @cached_property
    def bleach_cleaner(self):
        return _Cleaner(
            drop_whole=self.drop_whole,
            tags=self.tags,
            attributes=self.allows,
            protocols=self.protocols,
            strip=self.strip,
            strip_comments=True,
        )

    @cached_property
    def nh3_cleaner(self):
        return nh3.Cleaner(
            tags=set(self.tags),
            clean_content_tags=set(self.drop_whole) or None,
            attributes={tag: set(attrs) for tag, attrs in self.attributes.items()},
            attribute_filter=self._nh3_filter,
            url_schemes=set(self.protocols),
            link_rel=self.link_rel,
            strip_comments=True,
        )


class _Cleaner(bleach.Cleaner):
    """bleach's Cleaner, with the policy's whole elements taken out of the parsed document
    before bleach's own filter sees it (bleach alone either escapes a script into visible
    text or, stripping, leaves its code behind as text)."""

    def __init__(self, drop_whole, **options):
        super().__init__(**options)
        self.drop_whole = drop_whole
        # bleach's parser already turns tags outside the list into text; these must reach
        # the document as elements, to be taken out with their content.
        self.parser = BleachHTMLParser(
            tags=self.tags | drop_whole,
            strip=self.strip,
            consume_entities=False,
            namespaceHTMLElements=False,
        )

    def clean(self, text):
        if not text:
            return ""
        # As bleach.Cleaner.clean (bleach 6, which gets no further releases), with one step.
        filtered = BleachSanitizerFilter(
            source=_without_elements(
                self.walker(self.parser.parseFragment(text)), self.drop_whole
            ),
            allowed_tags=self.tags,
            attributes=self.attributes,
            strip_disallowed_tags=self.strip,
            strip_html_comments=self.strip_comments,
            css_sanitizer=self.css_sanitizer,
            allowed_protocols=self.protocols,
        )
        for filter_class in self.filters:
            filtered = filter_class(source=filtered)
        return self.serializer.render(filtered)


def _without_elements(tokens, names):
    """The parsed document's tokens without the named elements and everything inside them."""
    depth = 0
    for token in tokens:
        kind = token["type"]
        named = kind in ("StartTag", "EndTag", "EmptyTag") and token["name"].lower() in names
        if depth:
            depth += 1 if named and kind == "StartTag" else -1 if named and kind == "EndTag" else 0
            continue
        if named and kind == "StartTag":
            depth = 1
        elif not named:
            yield token


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
        "img": {"src", "alt", "title", "width", "height", "srcset", "sizes", "loading"}
        | {"decoding"},
        "th": {"colspan", "rowspan", "scope"},
        "td": {"colspan", "rowspan"},
        "ol": {"start"},
        "li": {"id"},
        "sup": {"id"},
        "h2": {"id"},
        "h3": {"id"},
    },
    link_rel="noopener",
    strip=True,
    drop_whole=WHOLE_ELEMENTS,
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


# What cleaning removed, for the editor: an inventory of the HTML before and after.

# What a browser ignores in a URL before reading its scheme: tab and newlines anywhere, C0
# controls and spaces at either end.
_IGNORED_IN_URL = re.compile(r"[\t\n\r]")
_URL_EDGES = "".join(map(chr, range(0x21)))
_URL_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")


def url_scheme(value):
    """The scheme a browser reads from a URL, lowercased; "" for a relative one."""
    match = _URL_SCHEME.match(_IGNORED_IN_URL.sub("", value or "").strip(_URL_EDGES))
    return match.group(1).lower() if match else ""


class _Inventory(HTMLParser):
    """Elements by name, event-handler attributes by name, and the schemes of the URLs the
    policy lets through (by attribute), as a browser reads them (entities decoded)."""

    def __init__(self, policy):
        super().__init__(convert_charrefs=True)
        self.policy = policy
        self.elements = Counter()
        self.handlers = Counter()
        self.schemes = Counter()

    def handle_starttag(self, tag, attrs):
        self.elements[tag] += 1
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers[name] += 1
            elif name in ("href", "src") and name in self.policy.attributes.get(tag, ()):
                scheme = url_scheme(value)
                if scheme and scheme not in self.policy.protocols:
                    self.schemes[name, scheme] += 1

    handle_startendtag = handle_starttag


def _inventory(html, policy):
    inventory = _Inventory(policy)
    inventory.feed(html or "")
    inventory.close()
    return inventory


def sanitize_and_report(html, policy, where):
    """Clean `html`, and say in words what was removed from it (e.g. that a script element
    was removed from the body): elements, event-handler attributes, unsafe link schemes."""
    cleaned = sanitize_html(html, policy)
    before, after = _inventory(html, policy), _inventory(cleaned, policy)
    notes = []
    for tag, count in (before.elements - after.elements).items():
        if tag not in policy.tags:
            notes.append(_element_note(tag, count, whole=tag in policy.drop_whole, where=where))
    for name, count in (before.handlers - after.handlers).items():
        notes.append(
            _note(
                count,
                gettext("An %(name)s attribute was removed from the %(where)s."),
                ngettext(
                    "%(count)d %(name)s attribute was removed from the %(where)s.",
                    "%(count)d %(name)s attributes were removed from the %(where)s.",
                    count,
                ),
                name=name,
                where=where,
            )
        )
    for (attribute, scheme), count in (before.schemes - after.schemes).items():
        if attribute == "href":
            one = gettext("A %(scheme)s: link was removed from the %(where)s.")
            many = ngettext(
                "%(count)d %(scheme)s: link was removed from the %(where)s.",
                "%(count)d %(scheme)s: links were removed from the %(where)s.",
                count,
            )
        else:
            one = gettext("A %(scheme)s: image address was removed from the %(where)s.")
            many = ngettext(
                "%(count)d %(scheme)s: image address was removed from the %(where)s.",
                "%(count)d %(scheme)s: image addresses were removed from the %(where)s.",
                count,
            )
        notes.append(_note(count, one, many, scheme=scheme, where=where))
    return cleaned, notes


def _element_note(tag, count, *, whole, where):
    vowel = tag[:1] in "aeiou"
    if whole:
        one = (
            gettext("An <%(tag)s> element was removed from the %(where)s.")
            if vowel
            else gettext("A <%(tag)s> element was removed from the %(where)s.")
        )
        many = ngettext(
            "%(count)d <%(tag)s> element was removed from the %(where)s.",
            "%(count)d <%(tag)s> elements were removed from the %(where)s.",
            count,
        )
    else:
        one = (
            gettext("An <%(tag)s> tag was removed from the %(where)s; its text was kept.")
            if vowel
            else gettext("A <%(tag)s> tag was removed from the %(where)s; its text was kept.")
        )
        many = ngettext(
            "%(count)d <%(tag)s> tag was removed from the %(where)s; its text was kept.",
            "%(count)d <%(tag)s> tags were removed from the %(where)s; their text was kept.",
            count,
        )
    return _note(count, one, many, tag=tag, where=where)


def _note(count, one, many, **params):
    return (one if count == 1 else many) % {"count": count, **params}
