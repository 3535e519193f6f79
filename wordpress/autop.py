"""
Paragraphs for HTML written in WordPress's classic editor.

The classic editor stores text with bare line breaks and lets WordPress add the paragraphs when
the page is shown: a blank line starts a paragraph, a single line break is a <br>. Here the
same idea is applied once, on import: the HTML is cut into block-level tags and the text between
them; text outside any block, or inside one that holds paragraphs (div, blockquote, section…),
becomes paragraphs; text inside one that holds text directly (li, td, h2, figcaption…) only gets
its line breaks. <pre>, <script>, <style> and <textarea> are left exactly as written.
"""

import re

# Blocks whose text is already in its place: it gets line breaks but no <p>.
TEXT_BLOCKS = frozenset(
    {"address", "caption", "dd", "dt", "figcaption", "figure", "li", "p", "summary", "td", "th"}
    | {"h1", "h2", "h3", "h4", "h5", "h6"}
)
BLOCK_TAGS = TEXT_BLOCKS | {
    *("article", "aside", "blockquote", "details", "div", "dl", "fieldset", "footer", "form"),
    *("header", "hgroup", "hr", "main", "menu", "nav", "ol", "pre", "section", "table"),
    *("tbody", "tfoot", "thead", "tr", "ul"),
}
VOID_BLOCKS = frozenset({"hr"})

_NAMES = "|".join(sorted(BLOCK_TAGS, key=len, reverse=True))
_TOKEN = re.compile(
    r"(<(pre|script|style|textarea)\b.*?</\2\s*>"  # kept whole
    rf"|</?(?:{_NAMES})\b[^>]*>)",  # a block-level tag
    re.IGNORECASE | re.DOTALL,
)
_TAG_NAME = re.compile(r"</?([a-zA-Z0-9]+)")
_TAG_OVER_LINES = re.compile(r"<[a-zA-Z/!][^<>]*\n[^<>]*>")
_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")
_ENDS_WITH_BREAK = re.compile(r"<br\s*/?>\s*$", re.IGNORECASE)


def _lines_with_breaks(text):
    lines = [line.strip() for line in text.split("\n")]
    out = lines[0]
    for line in lines[1:]:
        out += ("\n" if _ENDS_WITH_BREAK.search(out) else "<br>\n") + line
    return out


def _text(run, inside):
    """A run of text between block tags, given the innermost open block (or None)."""
    paragraphs = [chunk.strip() for chunk in _BLANK_LINE.split(run) if chunk.strip()]
    if not paragraphs:
        return ""
    if inside in TEXT_BLOCKS:
        return "<br>\n".join(_lines_with_breaks(chunk) for chunk in paragraphs)
    end = "\n" if inside else "\n\n"  # top-level blocks apart, as Markdown reads them
    return "".join(f"<p>{_lines_with_breaks(chunk)}</p>{end}" for chunk in paragraphs)


def _block_tag(tag, open_blocks):
    """Track the open blocks for one block-level tag; return its name."""
    name = _TAG_NAME.match(tag).group(1).lower()
    if tag.startswith("</"):
        if name in open_blocks:
            while open_blocks.pop() != name:
                pass
    elif name not in VOID_BLOCKS and not tag.rstrip(">").endswith("/"):
        if open_blocks and open_blocks[-1] == "p":
            open_blocks.pop()  # a block inside a paragraph ends the paragraph, as in HTML
        open_blocks.append(name)
    return name


def autop(html):
    """HTML with paragraphs and line breaks where the source has bare line breaks."""
    text = (html or "").replace("\r\n", "\n").replace("\r", "\n")
    # A tag written over several lines is one tag: no line break goes inside it.
    text = _TAG_OVER_LINES.sub(lambda match: " ".join(match.group(0).split()), text)
    pieces = []
    open_blocks = []
    parts = _TOKEN.split(text)
    # re.split with two groups gives: text, token, kept-name (or None), text, token, ...
    for index in range(0, len(parts), 3):
        pieces.append(_text(parts[index], open_blocks[-1] if open_blocks else None))
        if index + 1 >= len(parts):
            break
        token = parts[index + 1]
        if parts[index + 2]:  # <pre> and the like: as written
            pieces.append(("\n\n" if not open_blocks else "") + token + "\n")
            continue
        closing = token.startswith("</")
        if not closing and not open_blocks:
            pieces.append("\n\n")
        _block_tag(token, open_blocks)
        pieces.append(token)
        if closing or _TAG_NAME.match(token).group(1).lower() in VOID_BLOCKS:
            pieces.append("\n\n" if not open_blocks else "\n")
    return re.sub(r"\n{3,}", "\n\n", "".join(pieces)).strip()
