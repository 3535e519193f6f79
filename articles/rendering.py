"""Article bodies: Markdown written by staff, rendered to HTML and sanitised once, on save."""

from html import unescape
from html.parser import HTMLParser

import markdown
from django.utils.html import strip_tags
from django.utils.text import Truncator
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .sanitize import STAFF, sanitize_html

SUMMARY_WORDS = 40


class _DemoteTitleHeadings(Treeprocessor):
    """The article title is the page's only <h1>, so a `# heading` in the body becomes <h2>."""

    def run(self, root):
        for element in root.iter("h1"):
            element.tag = "h2"


class DemoteTitleHeadings(Extension):
    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(_DemoteTitleHeadings(md), "demote_title_headings", 5)


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
