from django import forms
from django.utils.translation import gettext_lazy as _

from ..admin_forms import StaffReplyForm
from ..models import Comment


class DeskEditForm(forms.Form):
    """What a moderator may correct in a comment: its text, the name and the website."""

    body = forms.CharField(
        label=_("Comment"),
        max_length=Comment._meta.get_field("body").max_length,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    author_name = forms.CharField(
        label=_("Name"), max_length=Comment._meta.get_field("author_name").max_length
    )
    author_url = forms.URLField(
        label=_("Website"),
        max_length=Comment._meta.get_field("author_url").max_length,
        assume_scheme="https",
        required=False,
    )


def edit_form(comment, data=None):
    return DeskEditForm(
        data,
        initial={
            "body": comment.body,
            "author_name": comment.author_name,
            "author_url": comment.author_url,
        },
        prefix=f"edit-{comment.pk}",
    )


def reply_form(comment, data=None):
    return StaffReplyForm(data, prefix=f"reply-{comment.pk}")
