"""A published article's changes kept as a draft revision, from the article's change form.

"Save as draft revision" validates the form as Save does (the version check included) but
saves nothing of the article: the text typed, with the sources as the inline shows them, is
kept as a draft revision (articles.revisions.save_draft). The change form opened with
`?revision=N` holds that revision's text and sources, to go on editing a draft; it saves only
as a draft revision (publishing is the history's "Publish").
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.text import get_text_list
from django.utils.translation import gettext

from healthsite.ids import parse_id

from . import revisions
from .citations import Source

SAVE_DRAFT = "_save_draft_revision"
FROM_REVISION = "_from_revision"  # the form holds this revision's text, not the live one
PENDING_SEEN = "_pending_draft_seen"  # the unpublished draft the form was drawn beside
# Fields of the article form a draft revision keeps (with the sources), and the form's own
# bookkeeping; a change to any other field needs a plain Save.
DRAFT_FORM_FIELDS = {*revisions.RESTORED_FIELDS, "author", "seen_version", "staged_image"}


class DraftRevisionForm:
    """Mixed into the article form when "Save as draft revision" is pressed: a draft revision
    keeps the text only, so a change to another field is refused rather than lost; and a
    draft kept by someone else since the form was opened is not replaced unseen. Keeping one
    publishes nothing, so the sign-off rule is not asked here (a scheduled article's draft of
    unreviewed text is kept); publishing it from the history is."""

    superseded_draft = None  # set by DraftRevisionsAdmin.get_form

    def clean(self):
        self.publisher = None  # SignedOffArticleForm: no publication to check
        cleaned_data = super().clean()
        if self.superseded_draft is not None:
            self.add_error(
                None,
                ValidationError(
                    gettext(
                        "Another draft revision (revision %(number)d) was saved since you "
                        "opened this form; yours would replace it as the draft to publish. It "
                        "is announced above: save again to replace it, or go on editing it "
                        "instead."
                    )
                    % {"number": self.superseded_draft.number},
                    code="draft_superseded",
                ),
            )
        others = [
            str(self.fields[name].label)
            for name in self.changed_data
            if name not in DRAFT_FORM_FIELDS and name in self.fields
        ]
        if (cleaned_data.get("staged_image") or ("", False))[0]:
            others.append(str(self.fields["featured_image"].label))
        if others:
            raise ValidationError(
                gettext(
                    "A draft revision keeps the title, excerpt, key points, body, author and "
                    "sources only. Save the change to %(fields)s with Save, or undo it."
                )
                % {"fields": get_text_list(others, gettext("and"))},
                code="draft_fields",
            )
        return cleaned_data


class HoldsRevisionForm:
    """Mixed into the article form posted from a form that held a revision's text: Save would
    put that text live beside the live sources, so only a draft revision is kept from it."""

    def clean(self):
        super().clean()
        raise ValidationError(
            gettext(
                "This form holds the text of a draft revision: save it as a draft revision, "
                "then publish it from the history. To edit the live text, open the article "
                "again."
            ),
            code="holds_revision",
        )


class DraftRevisionsAdmin:
    """The change form's "Save as draft revision", and the form holding a draft's text."""

    @staticmethod
    def saving_draft(request, obj):
        return obj is not None and request.method == "POST" and SAVE_DRAFT in request.POST

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """Only the change form opens a revision's text (GET ?revision=N): every other page
        that reads the article (the history, a restore) is about the live text."""
        if request.method == "GET":
            request.revision_asked = parse_id(request.GET.get("revision"))
        return super().change_view(request, object_id, form_url, extra_context)

    @staticmethod
    def held_revision(request, obj):
        """The revision whose text the change form is opened with."""
        number = getattr(request, "revision_asked", None)
        if obj is None or number is None:
            return None
        return obj.revisions.filter(number=number).first()

    def get_object(self, request, object_id, from_field=None):
        article = super().get_object(request, object_id, from_field)
        revision = self.held_revision(request, article)
        if revision is not None:
            revisions.apply_text(article, revision.snapshot)
            request.held_revision = revision
        return article

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if self.saving_draft(request, obj):
            pending = revisions.pending_draft(obj)
            seen = {parse_id(request.POST.get(name)) for name in (PENDING_SEEN, FROM_REVISION)}
            superseded = pending if pending is not None and pending.number not in seen else None
            return type(form.__name__, (DraftRevisionForm, form), {"superseded_draft": superseded})
        if request.method == "POST" and FROM_REVISION in request.POST:
            return type(form.__name__, (HoldsRevisionForm, form), {})
        return form

    def get_formsets_with_inlines(self, request, obj=None):
        """With a revision's text, the sources inline offers its sources as new rows."""
        records = self._held_sources(request)
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            if records is not None and inline.model is Source:
                extra = len(records) + 1
                formset = type(formset.__name__, (formset,), {"extra": extra})
            yield formset, inline

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        records = self._held_sources(request)
        if records is not None and inline.model is Source:
            kwargs["queryset"] = Source.objects.none()
            kwargs["initial"] = [
                {"position": position, **record} for position, record in enumerate(records, 1)
            ]
        return kwargs

    @staticmethod
    def _held_sources(request):
        revision = getattr(request, "held_revision", None)
        return None if revision is None else revision.snapshot.get("source_records")

    def save_model(self, request, obj, form, change):
        if not self.saving_draft(request, obj):
            super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        article = form.instance
        if not self.saving_draft(request, article):
            super().save_related(request, form, formsets, change)
            return
        sources = next(fs for fs in formsets if fs.model is Source)
        request.draft_revision = revisions.save_draft(
            article=article, user=request.user, sources=formset_objects(sources)
        )
        if any(fs.has_changed() for fs in formsets if fs is not sources):
            self.message_user(
                request,
                gettext(
                    "Related links are not part of a draft revision: changes to them were "
                    "not saved."
                ),
                messages.WARNING,
            )

    def construct_change_message(self, request, form, formsets, add=False):
        if getattr(request, "draft_revision", None) is not None:
            return []  # nothing was saved (log_change says what was kept)
        return super().construct_change_message(request, form, formsets, add)

    def log_change(self, request, obj, message):
        draft = getattr(request, "draft_revision", None)
        if draft is not None:
            message = gettext("Saved as draft revision %(number)d.") % {"number": draft.number}
        return super().log_change(request, obj, message)

    def response_change(self, request, obj):
        draft = getattr(request, "draft_revision", None)
        if draft is None:
            return super().response_change(request, obj)
        self.message_user(
            request,
            gettext(
                "Your changes were kept as draft revision %(number)d. The live article is "
                "unchanged until the draft is published."
            )
            % {"number": draft.number},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:articles_article_revisions", args=[obj.pk]))

    def render_change_form(self, request, context, add=False, change=False, **kwargs):
        article = context.get("original")
        if change and article is not None:
            held = getattr(request, "held_revision", None)
            posted = parse_id(request.POST.get(FROM_REVISION))
            if held is None and posted is not None:
                held = article.revisions.filter(number=posted).first()
            if held is not None:
                keep_apart_in_browser(context["adminform"].form, held)
            # The revision pages are the editors' (KeepsRevisionsAdmin.article_for): no link
            # to them, nor a draft to publish, for someone who may only view the article.
            may_change = self.has_change_permission(request, article)
            context.update(
                pending_draft=revisions.pending_draft(article) if may_change else None,
                offers_draft=may_change
                and (held is not None or article.status == article.Status.PUBLISHED),
                held_revision=held,
            )
            if not may_change:
                context["revisions_url"] = ""
        return super().render_change_form(request, context, add, change, **kwargs)


def keep_apart_in_browser(form, revision):
    """Unsaved edits of a revision's text are kept in the browser under their own key
    (static/js/article-editor.js), never offered back in the live text's form."""
    body = form.fields.get("body")
    if body is not None and "data-draft-key" in body.widget.attrs:
        body.widget.attrs["data-draft-key"] += f":revision-{revision.number}"


def formset_objects(formset):
    """The rows an inline formset would save, unsaved, in their order: changed and unchanged
    ones, not the deleted ones nor the blank extra forms."""
    kept = [
        form.instance
        for form in formset.forms
        if form.cleaned_data and not (formset.can_delete and formset._should_delete_form(form))
    ]
    return sorted(kept, key=lambda row: (row.position, row.pk or 0))
