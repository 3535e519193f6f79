"""Article bodies: Markdown written by staff, rendered to HTML and sanitised once, on save."""

from html import unescape

import markdown
from django.utils.html import strip_tags
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .sanitize import STAFF, sanitize_html


class _DemoteTitleHeadings(Treeprocessor):
    """The article title is the page's only <h1>, so a `# heading` in the body becomes <h2>."""

    def run(self, root):
        for element in root.iter("h1"):
            element.tag = "h2"


class DemoteTitleHeadings(Extension):
    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(_DemoteTitleHeadings(md), "demote_title_headings", 5)


def render_markdown(source):
    """Markdown to HTML that is safe to show as is."""
    html = markdown.markdown(
        source or "",
        extensions=["extra", "sane_lists", DemoteTitleHeadings()],
        output_format="html",
    )
    return sanitize_html(html, STAFF)


def html_to_text(html):
    """Plain text of sanitised HTML: tags dropped and entities decoded, for templates to escape.

    (strip_tags alone leaves "&amp;", which the template would escape again into "&amp;amp;".)
    """
    return " ".join(unescape(strip_tags(html or "")).split())
