"""Article bodies: Markdown written by staff, rendered to HTML and sanitised once, on save."""

from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

import markdown
from django.utils.html import strip_tags
from django.utils.text import Truncator, slugify
from markdown.extensions import Extension
from markdown.extensions.toc import render_inner_html
from markdown.extensions.toc import strip_tags as strip_markdown_tags
from markdown.treeprocessors import Treeprocessor

from .sanitize import HEADING_ID_PREFIX, STAFF, sanitize_html

SUMMARY_WORDS = 40
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


class DemoteTitleHeadings(Extension):
    """`# heading` becomes <h2>; section headings get their ids (after the demotion)."""

    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(_DemoteTitleHeadings(md), "demote_title_headings", 5)
        md.treeprocessors.register(_SectionIds(md), "section_ids", 4)


def markdown_html(source):
    """Markdown to HTML as written, not yet sanitised: what the sanitiser is given."""
    return markdown.markdown(
        source or "",
        extensions=["extra", "sane_lists", DemoteTitleHeadings()],
        output_format="html",
    )


def render_markdown(source):
    """Markdown to HTML that is safe to show as is."""
    return sanitize_html(markdown_html(source), STAFF)


def html_to_text(html):
    """Plain text of sanitised HTML: tags dropped and entities decoded, for templates to escape.

    (strip_tags alone leaves "&amp;", which the template would escape again into "&amp;amp;".)
    """
    return " ".join(unescape(strip_tags(html or "")).split())


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


def summary_of_html(html, words=SUMMARY_WORDS, chunk=4096):
    """The opening paragraphs of sanitised HTML as plain text, cut at `words` words with "…".

    Read a few KB at a time and only as far as needed: lists and feeds draw one per article.
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


class _Headings(HTMLParser):
    """The section headings with an id, and the number of words, of sanitised HTML."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings = []
        self.words = 0
        self._open = None  # (tag, id, [text]) of the heading being read

    def handle_starttag(self, tag, attrs):
        section_id = dict(attrs).get("id") or ""
        if tag in TOC_LEVELS and section_id.startswith(HEADING_ID_PREFIX):
            self._open = (tag, section_id, [])

    def handle_endtag(self, tag):
        if self._open and self._open[0] == tag:
            tag, section_id, text = self._open
            self.headings.append(Heading(int(tag[1]), section_id, " ".join("".join(text).split())))
            self._open = None

    def handle_data(self, data):
        self.words += len(data.split())
        if self._open:
            self._open[2].append(data)


def table_of_contents(html):
    """The sections of a long body (see TOC_MIN_WORDS), subsections nested, else []."""
    parser = _Headings()
    parser.feed(html or "")
    parser.close()
    if parser.words < TOC_MIN_WORDS or len(parser.headings) < TOC_MIN_HEADINGS:
        return []
    sections = []
    for heading in parser.headings:
        if heading.level > 2 and sections:
            sections[-1].subsections.append(heading)
        else:
            sections.append(heading)
    return sections
