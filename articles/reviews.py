"""
Medical sign-offs: an article submitted for review, approved or sent back by a reviewer.

Each row keeps a snapshot (articles.snapshots) of the article as it was submitted, then as it
was decided on, so that the text signed off can be compared with the text as it reads now: an
article whose reviewed text differs from its last approval is "changed since review", with no
flag to remember to set. The rules (who may do what, when an article may be published) live
in articles.signoff; this module is the record and the queries over it.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .people import Person


class SignOffQuerySet(models.QuerySet):
    def decided(self):
        return self.exclude(state=SignOff.State.SUBMITTED)

    def approved(self):
        return self.filter(state=SignOff.State.APPROVED)

    def latest_per_article(self):
        """The newest sign-off of each article (one row per article)."""
        newest = (
            SignOff.objects.filter(article=models.OuterRef("article"))
            .order_by("-created_at", "-pk")
            .values("pk")[:1]
        )
        return self.filter(pk=models.Subquery(newest))


class SignOff(models.Model):
    class State(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted for review")
        APPROVED = "approved", _("Signed off")
        SENT_BACK = "sent_back", _("Sent back")

    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="sign_offs",
        verbose_name=_("article"),
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.SUBMITTED
    )
    snapshot = models.JSONField(
        _("text reviewed"), default=dict, help_text="articles.snapshots.take() of the article."
    )
    note = models.TextField(_("note"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    reviewer = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sign_offs",
        verbose_name=_("medical reviewer"),
    )
    created_at = models.DateTimeField(_("submitted on"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)

    objects = SignOffQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        get_latest_by = ["created_at", "pk"]
        verbose_name = _("medical sign-off")
        verbose_name_plural = _("medical sign-offs")
        indexes = [models.Index(fields=["article", "-created_at"], name="signoff_article_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(state="sent_back") | ~models.Q(note=""),
                name="signoff_sent_back_has_note",
                violation_error_message=_("Say why the article is sent back."),
            ),
            models.CheckConstraint(
                condition=models.Q(state="submitted") | models.Q(decided_at__isnull=False),
                name="signoff_decision_has_date",
                violation_error_message=_("A decision needs its date."),
            ),
        ]

    def __str__(self):
        return f"{self.article_id}: {self.get_state_display()}"

    @property
    def is_pending(self):
        return self.state == self.State.SUBMITTED

    @property
    def is_approved(self):
        return self.state == self.State.APPROVED

    @property
    def is_sent_back(self):
        return self.state == self.State.SENT_BACK
