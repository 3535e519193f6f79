from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ImportRun(models.Model):
    """One import of a WordPress export: who started it, how far it got, and its report."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        REFUSED = "refused", _("File refused")
        FAILED = "failed", _("Failed, nothing imported")

    created_at = models.DateTimeField(_("started"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    file_name = models.CharField(_("export file"), max_length=255)
    dry_run = models.BooleanField(_("dry run"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    message = models.TextField(_("message"), blank=True)
    site = models.CharField(_("WordPress site"), max_length=200, blank=True)
    wxr_version = models.CharField(_("WXR version"), max_length=10, blank=True)
    report = models.JSONField(_("report"), default=dict, blank=True)
    # Uploads waiting for the background task (private: never under MEDIA_ROOT); cleared after.
    export_path = models.CharField(max_length=500, blank=True, editable=False)
    uploads_path = models.CharField(max_length=500, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("WordPress import")
        verbose_name_plural = _("WordPress imports")
        permissions = [("import_wordpress", _("Can import from WordPress"))]

    def __str__(self):
        return _("%(file)s, %(when)s") % {
            "file": self.file_name,
            "when": timezone.localtime(self.created_at).strftime("%Y-%m-%d %H:%M"),
        }

    @property
    def is_finished(self):
        return self.status in (self.Status.DONE, self.Status.REFUSED, self.Status.FAILED)


class ImportedItem(models.Model):
    """A row brought in from WordPress, remembered by the WordPress id it came from, so that
    importing the same site again finds it instead of adding it twice."""

    class Kind(models.TextChoices):
        POST = "post", _("post")
        PAGE = "page", _("page")
        COMMENT = "comment", _("comment")
        CATEGORY = "category", _("category")
        TAG = "tag", _("tag")
        FILE = "file", _("file")
        AUTHOR = "author", _("author")

    source = models.CharField(
        _("WordPress site"), max_length=200, help_text=_("The old site's address.")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    wp_id = models.CharField(
        _("WordPress id"),
        max_length=255,
        help_text=_(
            "The post or comment id; a term's slug; a file's path under uploads; an "
            "author's login."
        ),
    )
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    stored_file = models.CharField(_("stored file"), max_length=255, blank=True)
    source_hash = models.CharField(max_length=64, blank=True, editable=False)
    local_stamp = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("The row as the import left it, to notice later edits made here."),
    )
    run = models.ForeignKey(
        ImportRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="items"
    )
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("imported item")
        verbose_name_plural = _("imported items")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "wp_id"], name="imported_item_unique_origin"
            )
        ]
        indexes = [
            models.Index(fields=["kind", "wp_id"], name="imported_item_lookup_idx"),
            models.Index(fields=["content_type", "object_id"], name="imported_item_target_idx"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.wp_id} ({self.source})"
