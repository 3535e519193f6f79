"""Article bodies: Markdown written by staff, rendered to HTML and sanitised once, on save."""

import math
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

import markdown
from django.utils.text import Truncator, slugify
from markdown.extensions import Extension
from markdown.extensions.toc import render_inner_html
from markdown.extensions.toc import strip_tags as strip_markdown_tags
from markdown.treeprocessors import Treeprocessor

from . import library
from .sanitize import HEADING_ID_PREFIX, INLINE_IMAGE_SIZES, STAFF, sanitize_html

SUMMARY_WORDS = 40
# Reading speed for the "6 min read" of a page and the editor's count under the body.
WORDS_PER_MINUTE = 230
# A table of contents is drawn for a body of at least this many words with at least this many
# section headings (## and ###): shorter bodies are read at a glance, and fewer sections give
# nothing to navigate.
TOC_MIN_WORDS = 400
TOC_MIN_HEADINGS = 3
TOC_LEVELS = ("h2", "h3")


class _DemoteTitleHeadings(Treeprocessor):
    """The article title is the page's only <h1>, so a `# heading` in the body becomes <h2>."""

    def run(self, root):
        for element in root.iter("h1"):
            element.tag = "h2"


class _SectionIds(Treeprocessor):
    """Section headings (h2, h3) get an id from their text, with the prefix the sanitiser
    keeps ("section-why-it-matters"), for the table of contents to link to. An id the editor
    gave ({#...}) is replaced: a body never takes an id the page relies on."""

    def run(self, root):
        taken = set()
        for element in root.iter():
            if element.tag not in TOC_LEVELS:
                continue
            text = unescape(strip_markdown_tags(render_inner_html(element, self.md)))
            base = f"{HEADING_ID_PREFIX}{slugify(text) or 'part'}"
            section_id, number = base, 1
            while section_id in taken:
                number += 1
                section_id = f"{base}-{number}"
            taken.add(section_id)
            element.set("id", section_id)


class _LibraryImages(Treeprocessor):
    """`![alt](media:42 "caption")` becomes the library image 42: its JPEG renditions as a
    `srcset`, its size, loaded lazily; alone in its paragraph, a <figure> with the caption
    (and the image's credit) in a <figcaption>. A reference to no library image is dropped
    (the article form refuses it, see library.missing_images)."""

    def __init__(self, md, pictures):
        super().__init__(md)
        self.pictures = pictures  # {id: MediaImage}

    def run(self, root):
        for parent in list(root.iter()):
            for image in list(parent):
                match = image.tag == "img" and library.REFERENCE.fullmatch(image.get("src", ""))
                if match:
                    self._place(parent, image, self.pictures.get(int(match.group(1))))

    def _place(self, parent, image, media):
        if media is None or not media.picture:
            _remove_keeping_tail(parent, image)
            return
        picture = media.picture
        caption = unescape(image.get("title", "")).strip()
        alt = image.get("alt", "").strip() or media.alt  # as written, else the library's
        image.attrib.clear()
        image.attrib.update(
            src=picture.src,
            srcset=picture.jpeg_srcset,
            sizes=INLINE_IMAGE_SIZES,
            width=str(picture.width),
            height=str(picture.height),
            alt=alt,
            loading="lazy",
            decoding="async",
        )
        alone = (
            parent.tag == "p"
            and len(parent) == 1
            and not (parent.text or "").strip()
            and not (image.tail or "").strip()
        )
        if not alone:
            return
        parent.tag = "figure"
        image.tail = None
        if caption or media.credit:
            figcaption = etree.SubElement(parent, "figcaption")
            figcaption.text = caption
            if media.credit:
                credit = etree.SubElement(figcaption, "small")
                credit.text = media.credit
                if caption:
                    figcaption.text = caption + " "


def _remove_keeping_tail(parent, element):
    tail = element.tail or ""
    index = list(parent).index(element)
    if index:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


class DemoteTitleHeadings(Extension):
    """`# heading` becomes <h2>; section headings get their ids (after the demotion)."""

    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(_DemoteTitleHeadings(md), "demote_title_headings", 5)
        md.treeprocessors.register(_SectionIds(md), "section_ids", 4)


class LibraryImages(Extension):
    """Library images by reference (after inline Markdown has made them <img>)."""

    def __init__(self, pictures, **kwargs):
        super().__init__(**kwargs)
        self.pictures = pictures

    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(_LibraryImages(md, self.pictures), "library_images", 3)


def markdown_html(source):
    """Markdown to HTML as written, not yet sanitised: what the sanitiser is given.

    The library images the body refers to are read in one query (none without a reference).
    """
    pictures = library.images_by_id(library.referenced_ids(source))
    return markdown.markdown(
        source or "",
        extensions=["extra", "sane_lists", DemoteTitleHeadings(), LibraryImages(pictures)],
        output_format="html",
    )


def render_markdown(source):
    """Markdown to HTML that is safe to show as is."""
    return sanitize_html(markdown_html(source), STAFF)


# A tag or comment of sanitised HTML, whose serialiser quotes every attribute value and
# escapes "<" in text: read with a regular expression, a long body's text is found in a
# twentieth of the time HTMLParser (or strip_tags, which runs it until nothing changes) takes,
# and the article page reads it on every draw.
_ATTRIBUTES = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""  # up to the tag's end, quoted values whole
_TAG = re.compile(rf"<!--.*?-->|<{_ATTRIBUTES}>", re.DOTALL)
_SECTION_HEADING = re.compile(
    rf"""<(?P<tag>{"|".join(TOC_LEVELS)})\b{_ATTRIBUTES}?"""
    rf"""\sid="(?P<id>{re.escape(HEADING_ID_PREFIX)}[^"]*)"{_ATTRIBUTES}>"""
    r"(?P<inner>.*?)</(?P=tag)\s*>",
    re.DOTALL,
)


def _words(html):
    return unescape(_TAG.sub("", html or "")).split()


def html_to_text(html):
    """Plain text of sanitised HTML: tags dropped and entities decoded, for templates to escape.

    (Tags dropped alone leave "&amp;", which the template would escape again into "&amp;amp;".)
    """
    return " ".join(_words(html))


def reading_time(html):
    """(words, minutes to read) of sanitised HTML: the one count the editor's preview and
    the public page show. At least a minute for any text at all."""
    words = len(_words(html))
    return words, math.ceil(words / WORDS_PER_MINUTE)


class _ParagraphText(HTMLParser):
    """The text of a body's paragraphs, each whole: no headings, figure captions, list items,
    tables, code blocks or footnote marks, which would run into the sentences around them."""

    LEFT_OUT = frozenset({"figure", "figcaption", "li", "table", "pre"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs = []
        self._left_out = []  # open elements whose text is left out
        self._paragraph = None

    def handle_starttag(self, tag, attrs):
        if tag in self.LEFT_OUT or (tag == "sup" and dict(attrs).get("id")):
            self._left_out.append(tag)
        elif tag == "p" and not self._left_out:
            self._paragraph = []
        elif tag == "br" and self._paragraph is not None:
            self._paragraph.append(" ")

    def handle_endtag(self, tag):
        if self._left_out and self._left_out[-1] == tag:
            self._left_out.pop()
        elif tag == "p" and self._paragraph is not None:
            self.paragraphs.append(" ".join("".join(self._paragraph).split()))
            self._paragraph = None

    def handle_data(self, data):
        if self._paragraph is not None and not self._left_out:
            self._paragraph.append(data)

    def words(self):
        started = self._paragraph or []
        return " ".join([*self.paragraphs, "".join(started)]).split()


def summary_of_html(html, words=SUMMARY_WORDS, chunk=1024):
    """The opening paragraphs of sanitised HTML as plain text, cut at `words` words with "…".

    Read a KB at a time and only as far as needed (HTMLParser reads about 4 MB a second):
    lists, feeds and every article page draw one per article.
    """
    parser = _ParagraphText()
    html = html or ""
    for start in range(0, len(html), chunk):
        parser.feed(html[start : start + chunk])
        if len(parser.words()) > words:
            break
    else:
        parser.close()
    return Truncator(" ".join(parser.words())).words(words, truncate="…")


@dataclass
class Heading:
    """One entry of a table of contents: a section heading's level (2 or 3), id and text,
    and the subsections (level 3) under a section (level 2)."""

    level: int
    id: str
    text: str
    subsections: list = field(default_factory=list)


def table_of_contents(html, *, words=None):
    """The sections of a long body (see TOC_MIN_WORDS), subsections nested, else [].
    `words`: the body's number of words, when the caller has counted them (reading_time)."""
    headings = [
        Heading(int(found["tag"][1]), found["id"], html_to_text(found["inner"]))
        for found in _SECTION_HEADING.finditer(html or "")
    ]
    if len(headings) < TOC_MIN_HEADINGS:
        return []
    if (len(_words(html)) if words is None else words) < TOC_MIN_WORDS:
        return []
    sections = []
    for heading in headings:
        if heading.level > 2 and sections:
            sections[-1].subsections.append(heading)
        else:
            sections.append(heading)
    return sections
