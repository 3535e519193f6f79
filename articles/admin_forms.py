"""The admin's article and flat page forms: what an editor types, checked before it is saved."""

from django import forms
from django.contrib.flatpages.forms import FlatpageForm
from django.core.files.uploadedfile import UploadedFile
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import images, library, staging
from .models import Article, Person
from .preview import missing_images_note
from .rendering import markdown_html
from .sanitize import STAFF, sanitize_and_report
from .versioning import VersionCheckedForm, rebind


class StagedUploadWidget(forms.Widget):
    """The image kept from the last try, its signed reference and a box to drop it; hidden
    (its admin row too) while there is none."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.chosen = None
        self.note = ""  # what happens to it: "it will be saved with the article."

    @property
    def is_hidden(self):
        return self.chosen is None

    def id_for_label(self, id_):
        return None  # the label introduces the name of the file; there is no input to label

    def value_from_datadict(self, data, files, name):
        return data.get(name, ""), bool(data.get(f"{name}-discard"))

    def value_omitted_from_data(self, data, files, name):
        return name not in data

    def format_value(self, value):
        return value[0] if isinstance(value, tuple | list) else value

    def render(self, name, value, attrs=None, renderer=None):
        token = self.format_value(value) or ""
        if self.chosen is None:
            return format_html('<input type="hidden" name="{}" value="{}">', name, token)
        return format_html(
            '<div class="staged-upload"><p><strong>{}</strong> — {}</p>'
            '<input type="hidden" name="{}" value="{}">'
            '<label><input type="checkbox" name="{}-discard" value="1"> {}</label></div>',
            self.chosen.name,
            self.note,
            name,
            self.chosen.token,
            name,
            gettext("Do not use this image"),
        )


class StagedUploadField(forms.Field):
    """(signed reference, drop it?) as the widget read them; the form decides what to do."""

    widget = StagedUploadWidget

    def __init__(self, **kwargs):
        super().__init__(required=False, label=_("Image chosen"), **kwargs)

    def clean(self, value):
        token, discard = value if isinstance(value, tuple | list) else (value or "", False)
        return (token, discard)

    def has_changed(self, initial, data):
        return False


class KeepsChosenImageForm(forms.ModelForm):
    """A model form whose image, chosen in a try that came back for another error, is kept
    (staged) and saved with the next successful try (see articles.staging). The admin calls
    `keep_upload_for_next_try` when it draws the form again, and discards the staged file once
    the save commits (KeepsChosenImageAdmin)."""

    image_field = "featured_image"
    staged_note = _("it will be saved with the article.")
    staged_image = StagedUploadField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.staged_upload = None  # the staged upload this save uses or drops
        self.fields["staged_image"].widget.note = self.staged_note

    def clean(self):
        self._keep_only_a_new_upload()
        self._use_staged_upload()
        return super().clean()

    def _keep_only_a_new_upload(self):
        """A new upload, or False to remove the image; None (keep the stored one, and never
        read it again) when the editor left the field alone."""
        if self.image_field in self.cleaned_data:
            upload = self.cleaned_data[self.image_field]
            kept = upload if isinstance(upload, UploadedFile) or upload is False else None
            self.cleaned_data[self.image_field] = kept

    def _use_staged_upload(self):
        """An image kept from the last try is saved now, unless a new upload replaces it or
        the editor dropped it. (Either way the admin removes its staged file once saved.)"""
        token, discard = self.cleaned_data.get("staged_image") or ("", False)
        if not token:
            return
        try:
            self.staged_upload = staging.staged(token)
        except staging.StagedUploadGone:
            self.add_error(
                self.image_field,
                _("The image you chose before was not kept; please choose it again."),
            )
            rebind(self, "staged_image", "")
            return
        upload = self.cleaned_data.get(self.image_field, "refused")
        if not discard and (upload is None or upload is False):
            self.cleaned_data[self.image_field] = self.staged_upload.open()

    def keep_upload_for_next_try(self):
        """The form is shown again unsaved: stage a new, valid upload (replacing one staged
        before), or show again the one still chosen, so that the next save uses it."""
        if not self.is_bound:
            return
        upload = self.files.get(self.add_prefix(self.image_field))
        token, discard = self["staged_image"].value()
        previous = self._still_staged(token)
        if upload is not None and self.image_field not in self.errors:
            if previous is not None:
                previous.discard()
            # Its metadata (a camera's GPS position) is dropped before it is stored anywhere.
            cleaned = images.strip_metadata(upload, upload.name)
            previous, discard = staging.stage(cleaned), False
        elif previous is not None and discard:
            previous.discard()
            previous = None
        rebind(self, "staged_image", previous.token if previous else "")
        self.data.pop(self.add_prefix("staged_image") + "-discard", None)
        self.fields["staged_image"].widget.chosen = previous

    @staticmethod
    def _still_staged(token):
        try:
            return staging.staged(token) if token else None
        except staging.StagedUploadGone:
            return None


class ArticleAdminForm(KeepsChosenImageForm, VersionCheckedForm):
    """The article form. Its status offers Draft, Scheduled and Published, read from the
    stored status and the date; it stores draft or published (scheduled is published with a
    date to come), after checking that "Scheduled" has a date to come."""

    status = forms.ChoiceField(label=_("Status"), choices=Article.State.choices)
    changed_meanwhile = _("This article was changed by someone else since you opened this page.")

    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007 (the admin's fieldsets choose the fields)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sanitiser_notes = []
        self.initial["status"] = self.instance.state if self.instance.pk else Article.State.DRAFT

    def stored_copy(self):
        stored = super().stored_copy()
        stored.status = stored.state
        return stored

    def clean_body(self):
        body = self.cleaned_data["body"]
        _html, self.sanitiser_notes = sanitize_and_report(
            markdown_html(body), STAFF, where=gettext("body")
        )
        missing = library.missing_images(body)
        if missing:
            raise forms.ValidationError(missing_images_note(missing), code="missing_image")
        return body

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("status") == Article.State.SCHEDULED:
            if "published_at" not in self.errors:
                error = self.instance.schedule_error(cleaned_data.get("published_at"))
                if error:
                    self.add_error("published_at", error)
            cleaned_data["status"] = Article.Status.PUBLISHED
        return cleaned_data


class PersonAdminForm(KeepsChosenImageForm):
    image_field = "photo"
    staged_note = _("it will be saved with this person.")

    class Meta:
        model = Person
        fields = "__all__"  # noqa: DJ007 (the admin's fieldsets choose the fields)


class SanitisedFlatpageForm(FlatpageForm):
    """Flat pages are rendered as trusted HTML, so their content is sanitised when saved."""

    def clean_content(self):
        content, self.sanitiser_notes = sanitize_and_report(
            self.cleaned_data["content"], STAFF, where=gettext("content")
        )
        return content
