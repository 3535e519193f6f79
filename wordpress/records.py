"""The records of an export as plain objects: posts (and pages, attachments), their comments,
authors and terms, read from the parsed elements whatever the WXR version."""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import unquote, urlsplit

from healthsite.ids import parse_id

UPLOADS_MARKER = "/wp-content/uploads/"
TAG_DOMAINS = {"post_tag", "tag"}


def parse_gmt(*values):
    """The first of `values` that is a real date, read as UTC; None for WordPress's zero date."""
    for value in values:
        value = (value or "").strip()
        if not value or value.startswith("0000"):
            continue
        try:  # "2021-03-01 08:00:00"
            parsed = datetime.fromisoformat(value)
            return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)
        except ValueError:
            try:
                return parsedate_to_datetime(value).astimezone(UTC)
            except (TypeError, ValueError, IndexError):
                continue
    return None


def as_int(value):
    return parse_id(value) or 0


@dataclass(frozen=True)
class Term:
    domain: str  # "category" or "tag"
    slug: str
    name: str


@dataclass
class Author:
    wp_id: int
    login: str
    display_name: str
    first_name: str
    last_name: str


@dataclass
class Comment:
    wp_id: int
    author: str
    email: str
    url: str
    ip: str
    date: datetime | None
    content: str
    approved: str
    comment_type: str
    parent: int
    user_id: int
    agent: str


@dataclass
class Post:
    """An <item>: a post, a page, an attachment or another post type."""

    line: int
    wp_id: int
    post_type: str
    title: str
    link: str
    author: str
    content: str
    excerpt: str
    name: str
    status: str
    date: datetime | None
    comment_status: str
    parent: int
    password: str
    attachment_url: str
    terms: list
    meta: dict
    comments: list = field(default_factory=list)
    comment_count: int = 0
    oversized: bool = False

    @property
    def thumbnail_id(self):
        return as_int(self.meta.get("_thumbnail_id"))

    @property
    def upload_path(self):
        """An attachment's file, relative to wp-content/uploads."""
        return self.meta.get("_wp_attached_file", "").strip().lstrip("/") or upload_path(
            self.attachment_url
        )


def upload_path(url):
    """The path under wp-content/uploads of an address of the old site's uploads, or ""."""
    path = unquote(urlsplit(url or "").path)
    _before, marker, after = path.partition(UPLOADS_MARKER)
    return after if marker else ""


def _terms(element):
    terms = []
    for category in element.findall("category"):
        domain = category.attrs.get("domain", "category")
        name = category.text.strip()
        slug = unquote(category.attrs.get("nicename", "")).strip()
        if domain in TAG_DOMAINS:
            domain = "tag"
        elif domain != "category":
            continue  # custom taxonomies and WXR 1.0's post formats: nothing to keep them in
        terms.append(Term(domain, slug, name))
    # WXR 1.0 repeats each term without its nicename: keep the fuller one.
    named = {(term.domain, term.name) for term in terms if term.slug}
    unique = []
    for term in terms:
        if (term.slug or (term.domain, term.name) not in named) and term not in unique:
            unique.append(term)
    return unique


def _meta(element, tag):
    meta = {}
    for entry in element.findall(tag):
        meta.setdefault(entry.value("wp:meta_key").strip(), entry.value("wp:meta_value"))
    return meta


def comment_from(element):
    return Comment(
        wp_id=as_int(element.value("wp:comment_id")),
        author=element.value("wp:comment_author"),
        email=element.value("wp:comment_author_email").strip(),
        url=element.value("wp:comment_author_url").strip(),
        ip=element.value("wp:comment_author_IP").strip(),
        date=parse_gmt(element.value("wp:comment_date_gmt"), element.value("wp:comment_date")),
        content=element.value("wp:comment_content"),
        approved=element.value("wp:comment_approved").strip(),
        comment_type=element.value("wp:comment_type").strip() or "comment",
        parent=as_int(element.value("wp:comment_parent")),
        user_id=as_int(element.value("wp:comment_user_id")),
        agent=_meta(element, "wp:commentmeta").get("agent", ""),
    )


def post_from(element, *, with_comments=True):
    comments = element.findall("wp:comment")
    return Post(
        line=element.line,
        wp_id=as_int(element.value("wp:post_id")),
        post_type=element.value("wp:post_type").strip() or "post",
        title=element.value("title"),
        link=element.value("link").strip(),
        author=element.value("dc:creator").strip(),
        content=element.value("content:encoded"),
        excerpt=element.value("excerpt:encoded"),
        name=unquote(element.value("wp:post_name").strip()),
        status=element.value("wp:status").strip(),
        date=parse_gmt(
            element.value("wp:post_date_gmt"),
            element.value("pubDate"),
            element.value("wp:post_date"),
        ),
        comment_status=element.value("wp:comment_status").strip(),
        parent=as_int(element.value("wp:post_parent")),
        password=element.value("wp:post_password"),
        attachment_url=element.value("wp:attachment_url").strip(),
        terms=_terms(element),
        meta=_meta(element, "wp:postmeta"),
        comments=[comment_from(child) for child in comments] if with_comments else [],
        comment_count=len(comments),
        oversized=element.oversized,
    )


def author_from(element):
    return Author(
        wp_id=as_int(element.value("wp:author_id")),
        login=element.value("wp:author_login").strip(),
        display_name=element.value("wp:author_display_name").strip(),
        first_name=element.value("wp:author_first_name").strip(),
        last_name=element.value("wp:author_last_name").strip(),
    )


def term_from(element):
    """A channel-level category or tag, with its parent's slug (categories), or None."""
    if element.tag == "wp:category":
        return (
            Term(
                "category",
                unquote(element.value("wp:category_nicename").strip()),
                element.value("wp:cat_name").strip(),
            ),
            unquote(element.value("wp:category_parent").strip()),
            element.value("wp:category_description").strip(),
        )
    if element.tag == "wp:tag":
        return (
            Term(
                "tag",
                unquote(element.value("wp:tag_slug").strip()),
                element.value("wp:tag_name").strip(),
            ),
            "",
            "",
        )
    return None
