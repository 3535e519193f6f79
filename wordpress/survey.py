"""
The first reading of an export: the whole file is parsed, checked and summed up before anything
is written. A malformed, truncated, foreign or too new file is refused here (WXRError); what is
kept is small (a summary per item, never a body), so memory stays bounded.

`classify` decides what becomes of an item; both readings use it, so the plan made from the
survey matches what the import does.
"""

import re
from dataclasses import dataclass, field

from .fields import plain_text
from .records import author_from, post_from, term_from
from .wxr import MAX_RECORD_CHARS, WXRReader

MAX_BODY_CHARS = 2_000_000
POST_STATUSES = {"publish", "future", "draft", "pending", "private"}
_UPLOAD_URL = re.compile(r"""(?:href|src)\s*=\s*["']([^"']*/wp-content/uploads/[^"']+)""", re.I)


@dataclass(slots=True)
class Summary:
    """What the plan needs to know about one item."""

    kind: str
    wp_id: int
    line: int
    skip: str = ""
    title: str = ""
    name: str = ""
    link: str = ""
    parent: int = 0
    upload_path: str = ""
    alt: str = ""
    thumbnail_id: int = 0


def kind_of(post):
    return post.post_type if post.post_type in ("post", "page", "attachment") else "other"


def classify(post):
    """(kind, reason to skip it or "") for one item."""
    kind = kind_of(post)
    if post.oversized:
        return kind, f"larger than the import limit ({MAX_RECORD_CHARS // 2**20} MB of text)"
    if not post.wp_id:
        return kind, "no wp:post_id"
    if kind == "other":
        return kind, f"post type “{post.post_type}” is not imported"
    if kind == "attachment":
        return kind, ""
    if len(post.content) > MAX_BODY_CHARS:
        return kind, f"body longer than {MAX_BODY_CHARS:,} characters"
    if post.status == "trash":
        return kind, "in the trash"
    if kind == "page":
        if post.status != "publish":
            return kind, f"page not published (“{post.status}”): flat pages have no drafts"
        if post.password:
            return kind, "password-protected page: flat pages cannot be protected"
        return kind, ""
    if post.status not in POST_STATUSES:
        return kind, f"status “{post.status}” is not imported"
    return kind, ""


def referenced_uploads(html):
    """Upload addresses in a body's links and images."""
    return set(_UPLOAD_URL.findall(html or ""))


@dataclass
class Survey:
    channel: object = None
    authors: list = field(default_factory=list)
    categories: dict = field(default_factory=dict)  # slug → (Term, parent slug, description)
    tags: dict = field(default_factory=dict)  # slug → Term
    items: list = field(default_factory=list)
    upload_urls: set = field(default_factory=set)
    comments: int = 0
    size: int = 0

    @classmethod
    def read(cls, fileobj, *, progress=None):
        survey = cls()
        reader = WXRReader(fileobj, progress=progress, skip={"wp:comment"})
        for record in reader:
            survey.add(record)
        survey.channel = reader.channel
        survey.size = reader.bytes_read
        return survey

    def add(self, record):
        if record.tag == "item":
            self._add_item(post_from(record, with_comments=False))
        elif record.tag == "wp:author":
            self.authors.append(author_from(record))
        else:
            found = term_from(record)
            if found and found[0].slug:
                term, parent, description = found
                if term.domain == "category":
                    self.categories[term.slug] = (term, parent, description)
                else:
                    self.tags[term.slug] = term

    def _add_item(self, post):
        kind, skip = classify(post)
        summary = Summary(kind, post.wp_id, post.line, skip)
        self.items.append(summary)
        if skip:
            return
        self.comments += post.comment_count
        summary.title = post.title[:300]
        summary.name = post.name[:300]
        summary.link = post.link[:1000]
        summary.parent = post.parent
        if kind == "attachment":
            summary.upload_path = post.upload_path
            summary.alt = plain_text(post.meta.get("_wp_attachment_image_alt") or post.title)
        else:
            summary.thumbnail_id = post.thumbnail_id
            self.upload_urls |= referenced_uploads(post.content)

    def by_kind(self, kind):
        return [item for item in self.items if item.kind == kind and not item.skip]
