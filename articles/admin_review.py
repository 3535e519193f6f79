"""
The medical sign-off in the admin: the article form's publishing gate and review status, the
"submit for review" button and action, the list's review columns and filters, and the review
queue and review page for holders of `review_article`. The rules are in articles.signoff.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from . import review_due, signoff, snapshots
from .admin_forms import ArticleAdminForm
from .models import Article, SignOff

REVIEW = "articles.review_article"


class SignedOffArticleForm(ArticleAdminForm):
    """The article form, refusing a status or date that would publish or schedule the article
    when articles.signoff says this person may not (no permission, or no sign-off of the
    text as typed, sources included)."""

    publisher = None  # the user saving, set by the admin (SignOffAdminMixin.get_form)
    sources_formset = None  # the admin's sources formset class, to read the typed sources

    def clean(self):
        cleaned_data = super().clean()
        # With any of these in error the form comes back anyway: no guess at the rest.
        checked = {"status", "published_at", "category", "title", "key_points", "body"}
        if self.publisher is None or checked & self.errors.keys():
            return cleaned_data
        refusal = signoff.publication_refusal(
            self.instance,
            self.publisher,
            status=cleaned_data.get("status"),
            published_at=cleaned_data.get("published_at") or timezone.now(),
            category=cleaned_data["category"],
            snapshot=self.typed_text,
        )
        if refusal:
            self.add_error("status", refusal)
        return cleaned_data

    def clean_reviewer(self):
        """The public "medically reviewed by" names someone with credentials (a sign-off
        stamps the reviewer's own Person; by hand, only reviewers change it)."""
        reviewer = self.cleaned_data.get("reviewer")
        changed = reviewer is not None and reviewer.pk != self.instance.reviewer_id
        if changed and not reviewer.credentials.strip():
            raise forms.ValidationError(
                gettext(
                    "A medical reviewer needs credentials: choose a person with credentials, "
                    "or add theirs under People."
                ),
                code="no_credentials",
            )
        return reviewer

    def typed_text(self):
        """The reviewed fields as typed: what a sign-off must match."""
        text = {name: self.cleaned_data.get(name, "") for name in ("title", "key_points", "body")}
        text["sources"] = self.typed_sources()
        return text

    def typed_sources(self):
        stored = list(self.instance.sources.all()) if self.instance.pk else []
        if self.sources_formset is None:
            return [snapshots.source_line(source) for source in stored]
        formset = self.sources_formset(
            self.data, self.files, instance=self.instance, prefix="sources"
        )
        if not formset.is_valid():
            return [snapshots.source_line(source) for source in stored]
        kept = [
            form.instance
            for form in formset.forms
            if form.has_changed() or form.instance.pk
            if not formset.can_delete or not form.cleaned_data.get("DELETE")
        ]
        kept.sort(key=lambda source: (source.position, source.pk or float("inf")))
        return [snapshots.source_line(source) for source in kept]


class ReviewStateFilter(admin.SimpleListFilter):
    title = _("medical sign-off")
    parameter_name = "sign_off"

    def lookups(self, request, model_admin):
        return [
            ("submitted", _("submitted for review")),
            ("changed", _("changed since review")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "submitted":
            return queryset.filter(pk__in=signoff.pending_sign_offs().values("article"))
        if self.value() == "changed":
            return queryset.filter(pk__in=[a.pk for a in signoff.changed_since_review(queryset)])
        return queryset


class ReviewDueFilter(admin.SimpleListFilter):
    title = _("review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return review_due.CHOICES

    def queryset(self, request, queryset):
        return review_due.filter_by(queryset, self.value()) if self.value() else queryset


class SignOffAdminMixin:
    """For ArticleAdmin: everything of the sign-off the editor and the reviewer see."""

    review_list_filters = [ReviewStateFilter, ReviewDueFilter]

    @property
    def media(self):
        return super().media + forms.Media(css={"all": ["css/review.css"]})

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), *self.review_list_filters]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.publisher = request.user
        for inline in self.get_inline_instances(request, obj):
            if inline.model._meta.model_name == "source":
                form.sources_formset = inline.get_formset(request, obj)
        return form

    def get_readonly_fields(self, request, obj=None):
        """Who reviewed and when is what a sign-off stamps: only reviewers change it by hand."""
        fields = list(super().get_readonly_fields(request, obj))
        if not self.has_review_permission(request):
            fields += ["reviewer", "reviewed_on"]
        return fields

    def get_changelist_instance(self, request):
        """The page's review statuses in a few queries, for the list's column."""
        changelist = super().get_changelist_instance(request)
        statuses = signoff.review_statuses(changelist.result_list)
        for article in changelist.result_list:
            article.review_status = statuses[article.pk]
        return changelist

    @admin.display(description=_("medical sign-off"))
    def sign_off(self, article):
        status = getattr(article, "review_status", None) or signoff.review_status(article)
        if not article.category.requires_review and status.state == "never":
            return "—"
        return status.label

    @admin.display(description=_("medical sign-off"))
    def review_state(self, article):
        if not article.pk:
            return gettext("Save the article, then submit it for review.")
        return render_to_string(
            "admin/articles/review_state.html",
            {
                "status": signoff.review_status(article),
                "article": article,
                "expires": review_due.expires_on(article.reviewed_on)
                if article.reviewed_on
                else None,
                "due": review_due.state_of(article),
            },
        )

    def has_publish_permission(self, request):
        return request.user.has_perm("articles.publish_article")

    def has_review_permission(self, request):
        return request.user.has_perm(REVIEW)

    @admin.action(
        description=_("Submit the selected articles for medical review"), permissions=["change"]
    )
    def submit_for_review(self, request, queryset):
        sent = 0
        for article in queryset:
            try:
                signoff.submit(article, request.user)
                sent += 1
            except signoff.SignOffRefused as refusal:
                self.message_user(request, f"“{article}”: {refusal}", messages.WARNING)
        self.message_user(
            request,
            ngettext("%d article submitted for review.", "%d articles submitted for review.", sent)
            % sent,
            messages.SUCCESS,
        )

    def response_change(self, request, obj):
        if "_submit_for_review" in request.POST:
            self._submit(request, obj)
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        if "_submit_for_review" in request.POST:
            self._submit(request, obj)
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[obj.pk]))
        return super().response_add(request, obj, post_url_continue)

    def _submit(self, request, article):
        try:
            signoff.submit(article, request.user)
        except signoff.SignOffRefused as refusal:
            self.message_user(request, str(refusal), messages.WARNING)
        else:
            self.message_user(
                request,
                gettext("“%(title)s” is saved and submitted for medical review.")
                % {"title": article.title},
                messages.SUCCESS,
            )

    # The review queue and the review page.

    def get_urls(self):
        return [
            path(
                "review/",
                self.admin_site.admin_view(self.review_queue_view),
                name="articles_article_review_queue",
            ),
            path(
                "<int:pk>/review/",
                self.admin_site.admin_view(self.review_view),
                name="articles_article_review",
            ),
            *super().get_urls(),
        ]

    def _review_context(self, request, title):
        if not self.has_review_permission(request):
            raise PermissionDenied
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
        }

    def review_queue_view(self, request):
        context = self._review_context(request, _("Medical review queue"))
        submitted = signoff.awaiting_review()
        statuses = signoff.review_statuses(submitted)
        changed = signoff.changed_since_review(
            Article.objects.exclude(pk__in=[a.pk for a in submitted])
        )
        statuses.update(signoff.review_statuses(changed))
        context.update(
            submitted=[statuses[a.pk] for a in submitted],
            # Sent back: waiting for its editor, not for a reviewer.
            changed=[statuses[a.pk] for a in changed if statuses[a.pk].state == "changed"],
            due=review_due.due_articles(),
        )
        return TemplateResponse(request, "admin/articles/review_queue.html", context)

    def review_view(self, request, pk):
        context = self._review_context(request, _("Medical review"))
        article = get_object_or_404(
            Article.objects.select_related("category", "author", "reviewer"), pk=pk
        )
        if request.method == "POST":
            return self._decide(request, article)
        status = signoff.review_status(article)
        current = snapshots.take(article)
        if status.approval is not None:
            changes = snapshots.compare(status.approval.snapshot, current)
        else:
            changes = snapshots.compare({}, current, snapshots.REVIEWED_FIELDS)
        context.update(
            article=article,
            status=status,
            changes=changes,
            since=status.approval,
        )
        return TemplateResponse(request, "admin/articles/review_article.html", context)

    def _decide(self, request, article):
        decision = request.POST.get("decision")
        note = request.POST.get("note", "")
        try:
            seen = int(request.POST.get("seen_version", ""))
        except ValueError:
            seen = -1
        try:
            if decision == "approve":
                signoff.approve(article, request.user, note, seen_version=seen)
                done = gettext("“%(title)s” is signed off.")
            elif decision == "send_back":
                sent = signoff.send_back(article, request.user, note, seen_version=seen)
                done = gettext("“%(title)s” is sent back to its editor with your note.")
                if getattr(sent, "unscheduled", False):
                    done += " " + gettext("It is no longer scheduled: it is a draft again.")
            else:
                raise signoff.SignOffRefused(gettext("Choose to sign off or to send back."))
        except signoff.SignOffRefused as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
            return HttpResponseRedirect(request.path)
        self.message_user(request, done % {"title": article.title}, messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:articles_article_review_queue"))


@admin.register(SignOff)
class SignOffAdmin(admin.ModelAdmin):
    """The record of every submission and decision, read only: who asked, who decided, when,
    with the note. Decisions are made on the review page, never here."""

    list_display = ["article", "state", "reviewer", "requested_by", "created_at", "decided_at"]
    list_filter = ["state", "reviewer"]
    list_select_related = ["article", "reviewer", "requested_by"]
    search_fields = ["article__title", "note"]
    date_hierarchy = "created_at"
    fields = [
        "article",
        "state",
        "note",
        "requested_by",
        "created_at",
        "reviewer",
        "decided_by",
        "decided_at",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
