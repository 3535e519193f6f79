"""The pieces of the revision pages (articles.admin_revisions): the rows of the history, the
choice of two revisions to compare, the article list's filter, the saves a draft replaces."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import snapshots
from .people import staff_name_for
from .revisions import Revision

# The largest number a revision can have (a PositiveIntegerField in every database): a larger
# one typed in an address is no revision, not a number the database refuses.
MAX_REVISION_NUMBER = 2**31 - 1


def newer_live_revisions(article, draft):
    """The numbers of the live saves kept after a draft revision, in order: what publishing
    the draft would replace."""
    later = article.revisions.filter(number__gt=draft.number).exclude(kind=Revision.Kind.DRAFT)
    return list(later.order_by("number").values_list("number", flat=True))


class PendingDraftFilter(admin.SimpleListFilter):
    """Articles with (or without) a draft revision waiting to be published."""

    title = _("draft revision")
    parameter_name = "draft_revision"

    def lookups(self, request, model_admin):
        return [("waiting", _("Unpublished draft")), ("none", _("None"))]

    def queryset(self, request, queryset):
        if self.value() == "waiting":
            return queryset.filter(has_pending_draft=True)
        if self.value() == "none":
            return queryset.filter(has_pending_draft=False)
        return queryset


class CompareForm(forms.Form):
    old = forms.IntegerField(min_value=1, max_value=MAX_REVISION_NUMBER)
    new = forms.IntegerField(min_value=1, max_value=MAX_REVISION_NUMBER)


class HistoryEntry:
    """One row of the history: a revision, who kept it, and what changed since the one
    before it."""

    def __init__(self, revision, previous, article, admin):
        self.revision = revision
        self.previous = previous
        self.by = staff_name_for(revision.created_by) if revision.created_by_id else ""
        if previous is None:
            self.changed = []
        else:
            changes = snapshots.compare(previous.snapshot, revision.snapshot)
            self.changed = [change.label for change in changes]
        self.preview_url = admin.revision_url("revision_preview", article, revision.number)
        self.restore_url = admin.revision_url("revision_restore", article, revision.number)
        self.discard_url = admin.revision_url("revision_discard", article, revision.number)
        self.edit_url = f"{admin.revision_url('change', article)}?revision={revision.number}"
