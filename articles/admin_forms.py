"""The admin's article and flat page forms: what an editor types, checked before it is saved."""

from django import forms
from django.contrib.flatpages.forms import FlatpageForm
from django.core.files.uploadedfile import UploadedFile
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import images, staging
from .models import Article
from .rendering import markdown_html
from .sanitize import STAFF, sanitize_and_report
from .versioning import VersionCheckedForm


class StagedUploadWidget(forms.Widget):
    """The image kept from the last try, its signed reference and a box to drop it; hidden
    (its admin row too) while there is none."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.chosen = None

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
            gettext("it will be saved with the article."),
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


class ArticleAdminForm(VersionCheckedForm):
    staged_image = StagedUploadField()
    changed_meanwhile = _("This article was changed by someone else since you opened this page.")

    class Meta:
        model = Article
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sanitiser_notes = []
        self.staged_upload = None  # the staged upload this save uses or drops
        if self.instance.pk and "status" in self.fields:
            self.initial["status"] = _status_shown(self.instance)

    def stored_copy(self):
        stored = super().stored_copy()
        stored.status = _status_shown(stored)
        return stored

    def clean_featured_image(self):
        """A new upload, or False to remove the image; None (keep the stored one, and never
        read it again) when the editor left the field alone."""
        upload = self.cleaned_data.get("featured_image")
        return upload if isinstance(upload, UploadedFile) or upload is False else None

    def clean_body(self):
        body = self.cleaned_data["body"]
        _html, self.sanitiser_notes = sanitize_and_report(
            markdown_html(body), STAFF, where=gettext("body")
        )
        return body

    def clean(self):
        self._use_staged_upload()
        return super().clean()

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
                "featured_image",
                _("The image you chose before was not kept; please choose it again."),
            )
            self.set_bound_value("staged_image", "")
            return
        upload = self.cleaned_data.get("featured_image", "refused")
        if not discard and (upload is None or upload is False):
            self.cleaned_data["featured_image"] = self.staged_upload.open()

    def keep_upload_for_next_try(self):
        """The form is shown again unsaved: stage a new, valid upload (replacing one staged
        before), or show again the one still chosen, so that the next save uses it."""
        if not self.is_bound:
            return
        name = self.add_prefix("featured_image")
        upload = self.files.get(name)
        token, discard = self["staged_image"].value()
        previous = self._still_staged(token)
        if upload is not None and "featured_image" not in self.errors:
            if previous is not None:
                previous.discard()
            # Its metadata (a camera's GPS position) is dropped before it is stored anywhere.
            cleaned = images.strip_metadata(upload, upload.name)
            previous, discard = staging.stage(cleaned), False
        elif previous is not None and discard:
            previous.discard()
            previous = None
        self.set_bound_value("staged_image", previous.token if previous else "")
        self.data.pop(self.add_prefix("staged_image") + "-discard", None)
        self.fields["staged_image"].widget.chosen = previous

    @staticmethod
    def _still_staged(token):
        try:
            return staging.staged(token) if token else None
        except staging.StagedUploadGone:
            return None


def _status_shown(article):
    """Scheduled, and its time has come: it is published, and the form says so."""
    return Article.Status.PUBLISHED if article.is_public else article.status


class SanitisedFlatpageForm(FlatpageForm):
    """Flat pages are rendered as trusted HTML, so their content is sanitised when saved."""

    def clean_content(self):
        content, self.sanitiser_notes = sanitize_and_report(
            self.cleaned_data["content"], STAFF, where=gettext("content")
        )
        return content
