"""
An article's revisions: what it said after each save, who saved it and when.

Every save through the admin keeps one (after the sources are saved); commands and the
importer call the same `record`. A revision is a snapshot (articles.snapshots), so any two
compare, and one can be written back (`restore`), which keeps a new revision. A published
article can also be edited as a draft revision (`save_draft`): the live text stays as it is
until the draft is published (`restore` again, which says "published").
"""

from django.conf import settings
from django.db import models, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import snapshots
from .citations import Source
from .people import Person

# What a restore (or a draft's publication) writes back: the text and its byline. The
# publication status and date, and the medical review stamp, stay as they are now.
RESTORED_FIELDS = ("title", "excerpt", "key_points", "body")
# The same, as a comparison names them (snapshots.FIELDS).
WRITTEN_BACK = (*RESTORED_FIELDS, "sources", "author")


class Revision(models.Model):
    class Kind(models.TextChoices):
        SAVED = "saved", _("Saved")
        DRAFT = "draft", _("Draft revision")
        RESTORED = "restored", _("Restored")
        PUBLISHED = "published", _("Draft revision published")
        IMPORTED = "imported", _("Imported")
        INITIAL = "initial", _("Text when revisions began")

    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="revisions",
        verbose_name=_("article"),
    )
    number = models.PositiveIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SAVED)
    from_number = models.PositiveIntegerField(
        _("from revision"),
        null=True,
        blank=True,
        help_text=_("The revision restored, or the draft revision published."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    pending = models.BooleanField(
        _("unpublished draft"),
        default=False,
        help_text=_("A draft revision whose text is not yet the live article's."),
    )
    snapshot = models.JSONField(_("snapshot"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["article", "-number"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="revision_number_unique"),
            models.UniqueConstraint(
                fields=["article"],
                condition=Q(pending=True),
                name="revision_one_pending_draft",
            ),
        ]

    def __str__(self):
        return gettext("Revision %(number)d of “%(title)s”") % {
            "number": self.number,
            "title": self.snapshot.get("title", ""),
        }

    @property
    def description(self):
        """What this revision was, in words: "Restored from revision 3"."""
        if self.kind == self.Kind.RESTORED:
            return gettext("Restored from revision %(number)d") % {"number": self.from_number}
        if self.kind == self.Kind.PUBLISHED:
            return gettext("Draft revision %(number)d published") % {"number": self.from_number}
        if self.pending:
            return gettext("Draft revision, not published")
        return self.get_kind_display()


def record(
    *, article, user=None, kind=Revision.Kind.SAVED, note="", from_number=None, sources=None
):
    """Keep the article as it is now (its sources as stored, or `sources`) as its next
    revision, by `user` (None for a command). A draft revision replaces the article's
    unpublished draft, if it had one: the newer draft is the one to publish."""
    pending = kind == Revision.Kind.DRAFT
    with transaction.atomic():
        # One save at a time numbers the article's revisions.
        type(article)._default_manager.select_for_update().filter(pk=article.pk).exists()
        revisions = Revision.objects.filter(article_id=article.pk)
        number = (revisions.aggregate(last=Max("number"))["last"] or 0) + 1
        if pending:
            revisions.filter(pending=True).update(pending=False)
        return Revision.objects.create(
            article_id=article.pk,
            number=number,
            kind=kind,
            note=note,
            from_number=from_number,
            pending=pending,
            snapshot=snapshots.take(article, sources=sources),
            created_by=user if user is not None and user.is_authenticated else None,
        )


def save_draft(*, article, user, sources, note=""):
    """Keep the article's unsaved text (as typed in a form: the instance not saved, its
    sources unsaved) as a draft revision; the live article is not touched."""
    return record(article=article, user=user, kind=Revision.Kind.DRAFT, note=note, sources=sources)


def restore(*, article, revision, user):
    """Write the revision's text back into the article, through its own save (the body is
    rendered and sanitised again, the version counted), and keep that as a new revision:
    "restored from revision N", or "draft revision N published" for an unpublished draft."""
    with transaction.atomic():
        write_back(article, revision.snapshot)
        if revision.pending:
            Revision.objects.filter(pk=revision.pk).update(pending=False)
            revision.pending = False
            kind = Revision.Kind.PUBLISHED
        else:
            kind = Revision.Kind.RESTORED
        return record(article=article, user=user, kind=kind, from_number=revision.number)


def discard_draft(*, revision):
    """The unpublished draft stays in the history, no longer offered for publication."""
    Revision.objects.filter(pk=revision.pk).update(pending=False)
    revision.pending = False


def write_back(article, snapshot):
    """Save the article with the text of `snapshot` (sources and author included when the
    snapshot has them; an author since deleted leaves the byline as it is)."""
    apply_text(article, snapshot)
    article.save()
    records = snapshot.get("source_records")
    if records is not None:
        article.sources.all().delete()
        Source.objects.bulk_create(source_list(article, records))


def apply_text(article, snapshot):
    """Set the article's text fields (in memory) to those of `snapshot`."""
    for name in RESTORED_FIELDS:
        setattr(article, name, snapshot.get(name) or "")
    if "author_id" in snapshot:
        author_id = snapshot["author_id"]
        if author_id is None:
            article.author = None
        elif Person.objects.filter(pk=author_id).exists():
            article.author_id = author_id


def source_list(article, records):
    """Unsaved Source rows of the article from a snapshot's source records, in order."""
    return [
        Source(
            article=article,
            position=position,
            **{name: record.get(name) or "" for name in snapshots.SOURCE_FIELDS},
        )
        for position, record in enumerate(records, 1)
    ]


def pending_draft(article):
    """The article's unpublished draft revision, or None."""
    return Revision.objects.filter(article_id=article.pk, pending=True).first()
