"""WordPress exports written for the tests: small builders for items, comments and channels.

Every file the tests import is put together here from these pieces (never copied from a real
export), in the shape WordPress's Tools → Export writes: CDATA for text, `]]>` split across two
CDATA sections, the wp:, content:, excerpt:, dc: and wfw: namespaces of the version asked for.
"""

from xml.sax.saxutils import escape, quoteattr

SITE = "https://old.example.org"


def cdata(text):
    return "<![CDATA[" + str(text).replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _fields(prefix, values):
    return "".join(
        f"<{prefix}{name}>{value}</{prefix}{name}>" for name, value in values if value is not None
    )


def comment(
    wp_id,
    *,
    author="A reader",
    email="reader@example.net",
    url="",
    ip="192.0.2.10",
    date_gmt="2021-03-02 09:15:00",
    date=None,
    content="Thank you for this.",
    approved="1",
    comment_type="",
    parent=0,
    user_id=0,
    agent="Mozilla/5.0 (test)",
    version="1.2",
):
    values = [
        ("comment_id", wp_id),
        ("comment_author", cdata(author)),
        ("comment_author_email", escape(email)),
        ("comment_author_url", escape(url)),
        ("comment_author_IP", escape(ip)),
        ("comment_date", date or date_gmt),
        ("comment_date_gmt", date_gmt),
        ("comment_content", cdata(content)),
        ("comment_approved", approved),
        ("comment_type", comment_type),
        ("comment_parent", parent),
        ("comment_user_id", None if version == "1.0" else user_id),
    ]
    meta = (
        "<wp:commentmeta><wp:meta_key>agent</wp:meta_key>"
        f"<wp:meta_value>{cdata(agent)}</wp:meta_value></wp:commentmeta>"
    )
    return f"<wp:comment>{_fields('wp:', values)}{meta if agent else ''}</wp:comment>"


def item(
    wp_id,
    title="A post",
    *,
    content="",
    excerpt="",
    name=None,
    status="publish",
    post_type="post",
    date_gmt="2021-03-01 08:00:00",
    date=None,
    author="alice",
    terms=(("category", "health", "Health"),),
    comment_status="open",
    password="",
    parent=0,
    link=None,
    attachment_url=None,
    meta=(),
    comments=(),
    site=SITE,
):
    """One <item>: a post, a page or an attachment. `terms`: (domain, nicename, name)."""
    name = f"post-{wp_id}" if name is None else name
    link = link if link is not None else f"{site}/2021/03/{name}/"
    categories = "".join(
        f"<category domain={quoteattr(domain)} nicename={quoteattr(slug)}>"
        f"{cdata(label)}</category>"
        for domain, slug, label in terms
    )
    postmeta = "".join(
        f"<wp:postmeta><wp:meta_key>{escape(key)}</wp:meta_key>"
        f"<wp:meta_value>{cdata(value)}</wp:meta_value></wp:postmeta>"
        for key, value in meta
    )
    values = [
        ("post_id", wp_id),
        ("post_date", date or date_gmt),
        ("post_date_gmt", date_gmt),
        ("comment_status", comment_status),
        ("ping_status", "open"),
        ("post_name", escape(name)),
        ("status", status),
        ("post_parent", parent),
        ("menu_order", 0),
        ("post_type", post_type),
        ("post_password", escape(password)),
        ("is_sticky", 0),
        ("attachment_url", escape(attachment_url) if attachment_url else None),
    ]
    return (
        f"<item><title>{cdata(title)}</title><link>{escape(link)}</link>"
        "<pubDate>Mon, 01 Mar 2021 08:00:00 +0000</pubDate>"
        f"<dc:creator>{cdata(author)}</dc:creator>"
        f'<guid isPermaLink="false">{escape(site)}/?p={wp_id}</guid><description></description>'
        f"<content:encoded>{cdata(content)}</content:encoded>"
        f"<excerpt:encoded>{cdata(excerpt)}</excerpt:encoded>"
        f"{_fields('wp:', values)}{categories}{postmeta}{''.join(comments)}</item>\n"
    )


def attachment(wp_id, path, *, title="A picture", alt="", site=SITE, parent=0):
    """An attachment item for the file at `path` under wp-content/uploads."""
    meta = [("_wp_attached_file", path)] + ([("_wp_attachment_image_alt", alt)] if alt else [])
    return item(
        wp_id,
        title,
        name=f"attachment-{wp_id}",
        status="inherit",
        post_type="attachment",
        terms=(),
        parent=parent,
        link=f"{site}/?attachment_id={wp_id}",
        attachment_url=f"{site}/wp-content/uploads/{path}",
        meta=meta,
        site=site,
    )


def author(login, display_name, *, wp_id=1, email=None, first="", last=""):
    email = email or f"{login}@old.example.org"
    return (
        f"<wp:author><wp:author_id>{wp_id}</wp:author_id>"
        f"<wp:author_login>{cdata(login)}</wp:author_login>"
        f"<wp:author_email>{cdata(email)}</wp:author_email>"
        f"<wp:author_display_name>{cdata(display_name)}</wp:author_display_name>"
        f"<wp:author_first_name>{cdata(first)}</wp:author_first_name>"
        f"<wp:author_last_name>{cdata(last)}</wp:author_last_name></wp:author>\n"
    )


def category(slug, name, *, parent="", term_id=None, description=""):
    term = f"<wp:term_id>{term_id}</wp:term_id>" if term_id else ""
    return (
        f"<wp:category>{term}<wp:category_nicename>{escape(slug)}</wp:category_nicename>"
        f"<wp:category_parent>{escape(parent)}</wp:category_parent>"
        f"<wp:cat_name>{cdata(name)}</wp:cat_name>"
        f"<wp:category_description>{cdata(description)}</wp:category_description></wp:category>\n"
    )


def tag(slug, name):
    return (
        f"<wp:tag><wp:tag_slug>{escape(slug)}</wp:tag_slug>"
        f"<wp:tag_name>{cdata(name)}</wp:tag_name></wp:tag>\n"
    )


def head(version="1.2", site=SITE, title="The Old Health Blog"):
    namespace = f"http://wordpress.org/export/{version}/"
    return (
        '<?xml version="1.0" encoding="UTF-8" ?>\n'
        "<!-- This is a WordPress eXtended RSS file written for a test. -->\n"
        '<rss version="2.0"\n'
        f'  xmlns:excerpt="{namespace}excerpt/"\n'
        '  xmlns:content="http://purl.org/rss/1.0/modules/content/"\n'
        '  xmlns:wfw="http://wellformedweb.org/CommentAPI/"\n'
        '  xmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        f'  xmlns:wp="{namespace}">\n'
        f"<channel>\n<title>{escape(title)}</title>\n<link>{escape(site)}</link>\n"
        "<description>Notes on health</description>\n<language>en-GB</language>\n"
        f"<wp:wxr_version>{version}</wp:wxr_version>\n"
        f"<wp:base_site_url>{escape(site)}</wp:base_site_url>\n"
        f"<wp:base_blog_url>{escape(site)}</wp:base_blog_url>\n"
    )


TAIL = "</channel>\n</rss>\n"


def export(*parts, version="1.2", site=SITE, authors=None):
    """A whole export as bytes: the channel head, the authors (1.1 and later) and `parts`."""
    if authors is None:
        authors = [author("alice", "Alice Author", wp_id=1)] if version != "1.0" else []
    return (head(version, site) + "".join(authors) + "".join(parts) + TAIL).encode()
