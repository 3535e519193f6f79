"""
Saves counted in a version number, so a form opened before someone else's save cannot undo it.

One mechanism for every page that more than one person edits (the settings pages, articles):
the model counts its saves (`VersionedModel`), its admin form carries the version it was drawn
from (`VersionCheckedForm`) and refuses to save over a newer one. The refused form keeps what
the person typed and lists, field by field, how it differs from what was saved meanwhile.
"""

import datetime
import difflib
from dataclasses import dataclass

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, router, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

# Unchanged lines shown around each changed passage of a long text.
CONTEXT_LINES = 1


def version_field(**options):
    return models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text="Counts saves, so a stale form cannot undo a change.",
        **options,
    )


class VersionedModel(models.Model):
    version = version_field()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.version += 1
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        super().save(*args, **kwargs)

    def stored_copy(self):
        """The row as stored now; locked until the transaction ends when there is one (the
        admin's change view), so no other save can slip in between the check and this save."""
        rows = type(self)._default_manager.filter(pk=self.pk)
        if transaction.get_connection(router.db_for_write(type(self))).in_atomic_block:
            rows = rows.select_for_update()
        return rows.get()


@dataclass(frozen=True)
class Passage:
    """One row of a side-by-side comparison: the saved text and the typed text."""

    theirs: str
    yours: str
    changed: bool = True
    gap: bool = False


@dataclass(frozen=True)
class Difference:
    """One field whose saved value is not what this person typed."""

    label: str
    passages: tuple


class VersionCheckedForm(forms.ModelForm):
    """Refuses to save over a change made since the page was opened (another editor, or "block
    this commenter" adding to the lists) and shows both versions, keeping what was typed.

    Refused once, the form carries the newer version: saving again, having read the
    comparison, saves this person's version on purpose.
    """

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    changed_meanwhile = _(
        "These settings were changed by someone else since you opened this page."
    )
    both_versions_kept = _(
        "What they saved and what you typed are compared below, and everything you typed is "
        "still in the form. Press Save again to save your version over theirs, or reload the "
        "page to start from theirs."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seen_version"].initial = self.instance.version
        self.version_conflict = ()

    def clean(self):
        cleaned_data = super().clean()
        seen = cleaned_data.get("seen_version")
        if seen is None or self.instance.pk is None:
            return cleaned_data
        stored = self.stored_copy()
        if stored.version != seen:
            self.version_conflict = tuple(differences(self, stored))
            rebind(self, "seen_version", stored.version)
            raise ValidationError(
                "%(changed)s %(explained)s",
                code="stale",
                params={"changed": self.changed_meanwhile, "explained": self.both_versions_kept},
            )
        return cleaned_data

    def stored_copy(self):
        """The row as stored now (locked: see VersionedModel.stored_copy), to compare with."""
        return self.instance.stored_copy()


def rebind(form, name, value):
    """Change what a bound form shows again for one field (the data itself is read-only)."""
    form.data = form.data.copy()
    form.data[form.add_prefix(name)] = value


def differences(form, stored):
    """The form's fields whose typed value differs from `stored`, in the form's order."""
    found = []
    for name, field in form.fields.items():
        try:
            model_field = stored._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if isinstance(model_field, models.FileField):
            continue
        labels = _choice_labels(field)
        theirs = shown(model_field, _stored_value(stored, model_field), labels)
        if name in form.cleaned_data:
            yours = shown(model_field, form.cleaned_data[name], labels)
        else:  # the typed value did not validate: as typed
            yours = _text(form[name].value())
        if theirs != yours:
            found.append(Difference(str(field.label), tuple(side_by_side(theirs, yours))))
    return found


def _stored_value(instance, model_field):
    if model_field.many_to_many:
        return list(getattr(instance, model_field.name).all())
    return getattr(instance, model_field.name)


def _choice_labels(form_field):
    """The labels of a form's own choices (the article's Draft / Scheduled / Published), which
    may differ from its model field's; None for other fields."""
    if isinstance(form_field, forms.ChoiceField) and not isinstance(
        form_field, forms.ModelChoiceField
    ):
        return dict(form_field.choices)
    return None


def shown(model_field, value, labels=None):
    """A value as a person reads it: choices by label, dates localised, lists joined."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if labels is None and model_field.choices:
        labels = dict(model_field.flatchoices)
    if labels is not None:
        return str(labels.get(value, value))
    if isinstance(value, models.QuerySet | list | tuple):
        return ", ".join(sorted(str(item) for item in value))
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return formats.localize(timezone.localtime(value))
    if isinstance(value, datetime.date | datetime.time):
        return formats.localize(value)
    return _text(value)


def _text(value):
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    # As a form field cleans it (stripped), so that only typing makes a difference.
    lines = str(value).replace("\r\n", "\n").strip().split("\n")
    return "\n".join(line.rstrip() for line in lines)


def side_by_side(theirs, yours):
    """Passages of two texts: whole when one line each, else the changed lines with a line of
    context around them, and a gap where unchanged lines were left out."""
    old, new = theirs.split("\n"), yours.split("\n")
    if len(old) == 1 and len(new) == 1:
        yield Passage(theirs, yours)
        return
    groups = list(
        difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_grouped_opcodes(CONTEXT_LINES)
    )
    for group in groups:
        if group[0][1] > 0 or group is not groups[0]:
            yield Passage("…", "…", changed=False, gap=True)
        for tag, i1, i2, j1, j2 in group:
            yield Passage("\n".join(old[i1:i2]), "\n".join(new[j1:j2]), changed=tag != "equal")
    if groups and groups[-1][-1][2] < len(old):
        yield Passage("…", "…", changed=False, gap=True)
