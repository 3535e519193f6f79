from django import forms
from django.utils.translation import gettext_lazy as _

from .search import MAX_QUERY_LENGTH


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search articles"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        widget=forms.SearchInput(attrs={"placeholder": _("Search articles")}),
    )
