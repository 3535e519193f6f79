from django import forms
from django.core.validators import FileExtensionValidator
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

MAX_EXPORT_BYTES = 512 * 2**20
MAX_UPLOADS_BYTES = 2 * 2**30


def _at_most(limit):
    def validate(file):
        if file.size > limit:
            raise forms.ValidationError(
                _("This file is %(size)s; the limit is %(limit)s."),
                code="too_large",
                params={"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
            )

    return validate


class ImportUploadForm(forms.Form):
    export = forms.FileField(
        label=_("WordPress export (.xml)"),
        help_text=_("The file of Tools → Export → All content, at most 512 MB."),
        validators=[FileExtensionValidator(["xml"]), _at_most(MAX_EXPORT_BYTES)],
    )
    uploads = forms.FileField(
        label=_("Uploads folder (.zip, optional)"),
        required=False,
        help_text=_(
            "A zip of wp-content/uploads, for featured and inline images (at most 2 GB). "
            "Only images are taken from it."
        ),
        validators=[FileExtensionValidator(["zip"]), _at_most(MAX_UPLOADS_BYTES)],
    )
    dry_run = forms.BooleanField(
        label=_("Dry run: read and report, import nothing"), required=False
    )
