"""The article admin's revisions: every save kept, the history, comparisons, restores, and the
draft revision of a published article (saved, previewed, published) — see articles.revisions.

`KeepsRevisionsAdmin` is mixed into the ArticleAdmin; its pages are views of the ModelAdmin
(`get_urls`), each behind the admin's login and the permission to change the article.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Exists, Max, OuterRef
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from . import revisions, signoff, snapshots
from .admin_drafts import DraftRevisionsAdmin
from .people import staff_name_for
from .revision_preview import RevisionPreviewView
from .revisions import Revision

HISTORY_PAGE_SIZE = 50


class KeepsRevisionsAdmin(DraftRevisionsAdmin):
    """Keeps a revision after every save (once the sources are saved), links the history from
    the change form, and saves a published article's changes as a draft revision on request."""

    change_form_template = "admin/articles/article/revision_change_form.html"

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/revisions/",
                view(self.revisions_view),
                name="articles_article_revisions",
            ),
            path(
                "<path:object_id>/revisions/compare/",
                view(self.revision_compare_view),
                name="articles_article_revision_compare",
            ),
            path(
                "<path:object_id>/revisions/<int:number>/restore/",
                view(self.revision_restore_view),
                name="articles_article_revision_restore",
            ),
            path(
                "<path:object_id>/revisions/<int:number>/preview/",
                view(self.revision_preview_view),
                name="articles_article_revision_preview",
            ),
            path(
                "<path:object_id>/revisions/<int:number>/discard/",
                view(require_POST(self.revision_discard_view)),
                name="articles_article_revision_discard",
            ),
            *super().get_urls(),
        ]

    # The change form: every save kept, once its sources are saved.

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not self.saving_draft(request, form.instance):
            revisions.record(article=form.instance, user=request.user)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = extra_context or {}
        if object_id is not None:
            extra_context["revisions_url"] = reverse(
                "admin:articles_article_revisions", args=[object_id]
            )
        return super().changeform_view(request, object_id, form_url, extra_context)

    # The article list: which articles have an unpublished draft revision.

    def get_queryset(self, request):
        pending = Revision.objects.filter(article=OuterRef("pk"), pending=True)
        return super().get_queryset(request).annotate(has_pending_draft=Exists(pending))

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), PendingDraftFilter]

    def get_list_display(self, request):
        """The draft revision beside the state (or last, if the state is not shown)."""
        columns = [*super().get_list_display(request)]
        after = columns.index("state") + 1 if "state" in columns else len(columns)
        return [*columns[:after], "draft_revision", *columns[after:]]

    @staticmethod
    def draft_revision(article):
        return gettext("Unpublished draft") if article.has_pending_draft else ""

    draft_revision.short_description = _("draft revision")

    # The revision pages.

    def revision_url(self, name, article, number=None):
        args = [article.pk] if number is None else [article.pk, number]
        return reverse(f"admin:articles_article_{name}", args=args)

    def article_for(self, request, object_id):
        article = self.get_object(request, object_id)
        if article is None:
            raise Http404(gettext("No article with this id."))
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        return article

    def revision_context(self, request, article, title, **context):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": title,
            "revisions_url": self.revision_url("revisions", article),
            **context,
        }

    def revisions_view(self, request, object_id):
        article = self.article_for(request, object_id)
        rows = article.revisions.select_related("created_by__person").order_by("-number")
        paginator = Paginator(rows, HISTORY_PAGE_SIZE)
        page = paginator.get_page(request.GET.get("page"))
        start = page.start_index() - 1 if paginator.count else 0
        # One more than the page holds: the revision each row is compared with.
        shown = list(rows[start : start + HISTORY_PAGE_SIZE + 1])
        live = article.revisions.exclude(kind=Revision.Kind.DRAFT).aggregate(n=Max("number"))
        entries = [
            HistoryEntry(
                revision, shown[index + 1] if index + 1 < len(shown) else None, article, self
            )
            for index, revision in enumerate(shown[:HISTORY_PAGE_SIZE])
        ]
        for entry in entries:
            entry.is_live = entry.revision.number == live["n"]
        context = self.revision_context(
            request,
            article,
            gettext("History of “%(title)s”") % {"title": article.title},
            entries=entries,
            page_obj=page,
            compare_url=self.revision_url("revision_compare", article),
        )
        return TemplateResponse(request, "admin/articles/article/revision_history.html", context)

    def revision_compare_view(self, request, object_id):
        article = self.article_for(request, object_id)
        choice = CompareForm(request.GET)
        if not choice.is_valid():
            messages.error(request, gettext("Choose two revisions to compare."))
            return HttpResponseRedirect(self.revision_url("revisions", article))
        numbers = sorted([choice.cleaned_data["old"], choice.cleaned_data["new"]])
        found = {r.number: r for r in article.revisions.filter(number__in=numbers)}
        if len(found) != len(set(numbers)):
            raise Http404(gettext("No such revision."))
        old, new = found[numbers[0]], found[numbers[-1]]
        context = self.revision_context(
            request,
            article,
            gettext("Revision %(old)d compared with revision %(new)d")
            % {"old": old.number, "new": new.number},
            old=old,
            new=new,
            changes=snapshots.compare(old.snapshot, new.snapshot),
        )
        return TemplateResponse(request, "admin/articles/article/revision_compare.html", context)

    def revision_restore_view(self, request, object_id, number):
        """GET: what restoring (or publishing a draft) would change; POST: do it."""
        article = self.article_for(request, object_id)
        revision = get_object_or_404(article.revisions, number=number)
        if request.method == "POST":
            # A scheduled article takes only signed-off text (articles.signoff, the one gate).
            refusal = signoff.publication_refusal(
                article, request.user, snapshot=revision.snapshot
            )
            if refusal:
                self.message_user(request, refusal, messages.ERROR)
                return HttpResponseRedirect(request.path)
            publishing = revision.pending
            kept = revisions.restore(article=article, revision=revision, user=request.user)
            if publishing:
                done = gettext(
                    "Draft revision %(number)d is now the live text (revision %(new)d)."
                )
            else:
                done = gettext("Revision %(number)d was restored as revision %(new)d.")
            self.log_change(request, article, done % {"number": number, "new": kept.number})
            self.message_user(
                request, done % {"number": number, "new": kept.number}, messages.SUCCESS
            )
            return HttpResponseRedirect(self.revision_url("revisions", article))
        current = snapshots.take(article)
        title = (
            gettext("Publish draft revision %(number)d?")
            if revision.pending
            else gettext("Restore revision %(number)d?")
        )
        context = self.revision_context(
            request,
            article,
            title % {"number": number},
            revision=revision,
            changes=snapshots.compare(current, revision.snapshot, revisions.WRITTEN_BACK),
            restored_fields=[str(snapshots.FIELDS[name]) for name in revisions.WRITTEN_BACK],
        )
        return TemplateResponse(request, "admin/articles/article/revision_restore.html", context)

    def revision_preview_view(self, request, object_id, number):
        article = self.article_for(request, object_id)
        revision = get_object_or_404(article.revisions, number=number)
        return RevisionPreviewView.as_view(article=article, revision=revision)(request)

    def revision_discard_view(self, request, object_id, number):
        article = self.article_for(request, object_id)
        revision = get_object_or_404(article.revisions, number=number, pending=True)
        revisions.discard_draft(revision=revision)
        self.message_user(
            request,
            gettext(
                "Draft revision %(number)d is no longer offered for publication; it stays in "
                "the history."
            )
            % {"number": number},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(self.revision_url("revisions", article))


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
    # Within what a revision number can be (a larger one is no revision, not an error).
    old = forms.IntegerField(min_value=1, max_value=2**31 - 1)
    new = forms.IntegerField(min_value=1, max_value=2**31 - 1)


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
