"""Reading a rendered discussion back as a tree, strictly.

`thread_tree(html)` parses the `<ol class="comment-list">` of a page with the standard
library's HTMLParser and checks, on the way, that every element it opens is closed in order
(a browser would silently repair a missing `</li>` or `</ol>`; this does not). It returns the
nesting as `[(label, [replies...]), ...]`, where label is the comment id of an
`id="comment-<id>"` item and "removed" for a placeholder.
"""

from html.parser import HTMLParser

VOID = {"br", "img", "input", "hr", "meta", "link", "source", "wbr"}


class ThreadMarkupError(AssertionError):
    pass


class _ThreadParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # open elements inside the comment list: (tag, node or None)
        self.roots = []
        self.done = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if self.done or (not self.stack and not (tag == "ol" and "comment-list" in classes)):
            return
        if tag in VOID:
            return
        node = None
        if tag == "ol" and self.stack:
            parent_tag, _parent_node = self.stack[-1]
            if parent_tag != "li" or "children" not in classes:
                raise ThreadMarkupError(f"nested <ol class={classes}> outside a comment item")
        if tag == "li" and "comment" in classes:
            if self.stack[-1][0] != "ol":
                raise ThreadMarkupError("a comment item outside a list")
            comment_id = attrs.get("id", "")
            label = int(comment_id.removeprefix("comment-")) if comment_id else "removed"
            if "comment-removed" in classes and comment_id:
                raise ThreadMarkupError("a placeholder carries a comment id")
            node = (label, [])
            owner = next((n for _t, n in reversed(self.stack) if n is not None), None)
            (owner[1] if owner else self.roots).append(node)
        self.stack.append((tag, node))

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        if self.done or not self.stack:
            return
        if tag in VOID:
            return
        open_tag, _node = self.stack.pop()
        if open_tag != tag:
            raise ThreadMarkupError(f"</{tag}> closes <{open_tag}>")
        if not self.stack:
            self.done = True


def thread_tree(html):
    if hasattr(html, "content"):
        html = html.content.decode()
    parser = _ThreadParser()
    parser.feed(html)
    parser.close()
    if parser.stack:
        raise ThreadMarkupError(f"unclosed: {[tag for tag, _node in parser.stack]}")
    return parser.roots


def tree_of_ids(tree, comments):
    """DISCUSSION_TREE-style (name, replies) as (comment id, replies), via `comments.<name>`."""
    return [(getattr(comments, name).pk, tree_of_ids(replies, comments)) for name, replies in tree]
