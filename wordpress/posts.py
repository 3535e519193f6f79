"""WordPress posts → articles, and pages → flat pages: created, updated or left alone.

An item imported before is found by its WordPress id. It is updated only when the export
changed it and nobody has edited it here since the import; otherwise it is left as it is.
"""

from collections import Counter

from django.conf import settings
from django.contrib.flatpages.models import FlatPage

from articles import revisions, signoff
from articles.models import Article, Revision

from . import fields
from .bodies import convert_body
from .memory import Kind, fingerprint

NOTE_PASSWORD = "password-protected: imported as a draft, never made public"  # noqa: S105
NOTE_DRAFT = "draft, pending or private: imported as a draft"
NOTE_NO_IMAGE = "featured image not imported"
NOTE_UNREVIEWED = (
    "scheduled, in a category that requires medical review: imported as a draft until signed off"
)
STATUSES = {
    "publish": Article.Status.PUBLISHED,
    "future": Article.Status.PUBLISHED,  # its date is to come: scheduled
}
TITLE_LENGTH = Article._meta.get_field("title").max_length
EXCERPT_LENGTH = Article._meta.get_field("excerpt").max_length
ALT_LENGTH = Article._meta.get_field("featured_image_alt").max_length
PAGE_TITLE_LENGTH = FlatPage._meta.get_field("title").max_length
PAGE_URL_LENGTH = FlatPage._meta.get_field("url").max_length


def source_fingerprint(post):
    """What the export says about a post or page, to notice a change in a later export."""
    return fingerprint(
        post.title,
        post.content,
        post.excerpt,
        post.name,
        post.status,
        post.date,
        post.comment_status,
        bool(post.password),
        post.author,
        sorted((term.domain, term.slug, term.name) for term in post.terms),
        post.thumbnail_id,
        post.link,
    )


def local_stamp(row):
    """What a row looked like when the import left it, to notice an edit made here since."""
    if isinstance(row, Article):
        return row.modified_at.isoformat()
    return fingerprint(row.url, row.title, row.content)


class PostLoader:
    """Brings posts and pages in for one import; `importer` holds what they share."""

    def __init__(self, importer):
        self.importer = importer
        self.report = importer.report
        self.memory = importer.memory

    def article(self, post):
        """The article for a post (new, updated or as it was), or None if it is not here."""
        return self._bring_in(Kind.POST, Article, post, self._new_article, self._write_article)

    def page(self, post):
        return self._bring_in(Kind.PAGE, FlatPage, post, self._new_page, self._write_page)

    def _bring_in(self, kind, model, post, new, write):
        item = self.memory.get(kind, post.wp_id)
        if item is None:
            row = new(post)
            if row is not None:
                write(row, post)
                self.report.imported(kind)
                self.importer.redirect(post, row.get_absolute_url())
            return row
        row = model.objects.filter(pk=item.object_id).first()
        if row is None:
            self.report.skipped(kind, "deleted here since an earlier import")
        elif item.source_hash == source_fingerprint(post):
            self.report.skipped(kind, "already imported, unchanged")
            if kind == Kind.POST and row.featured_image:
                self.importer.featured_image_known(post.thumbnail_id)
        elif item.local_stamp != local_stamp(row):
            self.report.skipped(kind, "changed in WordPress and edited here: kept as it is")
        else:
            write(row, post)
            self.report.updated(kind)
        return row

    def _remember(self, kind, post, row, notes):
        self.memory.remember(
            kind,
            post.wp_id,
            row,
            source_hash=source_fingerprint(post),
            local_stamp=local_stamp(row),
        )
        for note, count in notes.items():
            self.report.note(kind, note, count)
        if notes:
            self.report.detail(f"{kind} {post.wp_id} (line {post.line}): " + "; ".join(notes))

    def _body(self, post, notes):
        body, body_notes = convert_body(post.content, resolve=self.importer.plan.addresses.resolve)
        notes.update(body_notes)
        return body

    # Articles -----------------------------------------------------------------------------

    def _new_article(self, post):
        slug = self.importer.plan.slugs.get(post.wp_id)
        return Article(slug=slug) if slug else None

    def _write_article(self, article, post):
        notes = Counter()
        article.title = fields.title_text(post.title, TITLE_LENGTH, notes)
        article.excerpt = fields.excerpt_text(post.excerpt, EXCERPT_LENGTH)
        article.body = self._body(post, notes)
        article.author = self.importer.authors.person_for(post.author)
        article.comments_open = post.comment_status == "open"
        # A draft has no publication date yet; a protected post keeps the one it had.
        article.published_at = post.date if post.status in STATUSES else None
        article.status = STATUSES.get(post.status, Article.Status.DRAFT)
        if post.password:
            article.status = Article.Status.DRAFT
            notes[NOTE_PASSWORD] += 1
        elif post.status not in STATUSES:
            notes[NOTE_DRAFT] += 1
        article.category, tags = self.importer.taxonomy.for_post(post)
        # A post public in WordPress stays public (moving house is not publishing); one
        # scheduled there is not public anywhere yet, so it goes through the sign-off rule.
        if article.state == Article.State.SCHEDULED and signoff.publication_refusal(article, None):
            article.status = Article.Status.DRAFT
            notes[NOTE_UNREVIEWED] += 1
        image = None
        if post.thumbnail_id and not article.featured_image:
            image = self._featured_image(article, post, notes)
        try:
            article.featured_image = image or article.featured_image
            article.save()
        finally:
            if image:
                image.close()
        article.tags.set(tags)
        revisions.record(article=article, user=self.importer.user, kind=Revision.Kind.IMPORTED)
        if image:
            self.importer.stored += [article.featured_image.name] + [
                rendition["name"] for rendition in article.image_renditions
            ]
        self._remember(Kind.POST, post, article, notes)

    def _featured_image(self, article, post, notes):
        """The post's featured image file, opened, with its alt text set; None in a dry run."""
        found = self.importer.featured_image(post.thumbnail_id)
        if found is None:
            notes[NOTE_NO_IMAGE] += 1
            return None
        file, alt = found
        article.featured_image_alt = alt[:ALT_LENGTH] or article.title[:ALT_LENGTH]
        if self.importer.dry_run:
            file.close()
            return None
        return file

    # Flat pages ---------------------------------------------------------------------------

    def _new_page(self, post):
        url = self.importer.plan.page_urls.get(post.wp_id)
        if url is None:
            self.report.skipped("page", f"address longer than {PAGE_URL_LENGTH} characters")
            return None
        return FlatPage(url=url)

    def _write_page(self, page, post):
        notes = Counter()
        page.title = fields.title_text(post.title, PAGE_TITLE_LENGTH, notes)
        page.content = self._body(post, notes)
        page.save()
        page.sites.add(settings.SITE_ID)
        self._remember(Kind.PAGE, post, page, notes)
