from django import forms
from django.utils.translation import gettext_lazy as _


class StaffReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        min_length=2,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8, "cols": 80}),
    )
    notify = forms.BooleanField(label=_("Email me when someone replies"), required=False)
