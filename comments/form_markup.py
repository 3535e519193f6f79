"""The comment form's fields drawn in Python, in Bootstrap's markup as crispy-forms drew them
(the same ids, classes and ARIA links). Django's widget templates and an include per field
cost a fifth of an uncached article page; this draws the same HTML, every value escaped as
Django's templates escape it (`_escaped` is conditional_escape without its lazy wrappers,
which cost more than the rest of the form: this runs for each of a few hundred values).
"""

import html

from django.forms import Textarea
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import SafeString

WIDGET_CLASSES = {
    "checkbox": "checkboxinput form-check-input",
    "email": "emailinput form-control",
    "url": "urlinput form-control",
    "textarea": "textarea form-control",
}
# Django's own templates of these widgets, drawn here to the letter.
INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in ("input", "text", "email", "url", "hidden", "checkbox")
)
TEXTAREA_TEMPLATE = "django/forms/widgets/textarea.html"
REQUIRED_MARK = '<span class="asteriskField">*</span>'


class CommentFormRenderer(DjangoTemplates):
    """Draws the inputs and the text area without templates; anything else as Django does."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if template_name in INPUT_TEMPLATES:
            value = "" if widget["value"] is None else f' value="{_escaped(widget["value"])}"'
            return SafeString(
                f'<input type="{_escaped(widget["type"])}" name="{_escaped(widget["name"])}"'
                f"{value}{_attributes(widget['attrs'])}>"
            )
        if template_name == TEXTAREA_TEMPLATE:
            return SafeString(
                f'<textarea name="{_escaped(widget["name"])}"{_attributes(widget["attrs"])}>\n'
                f"{_escaped(widget['value'] or '')}</textarea>"
            )
        return super().render(template_name, context, request)


def _escaped(value):
    """As django.utils.html.conditional_escape: HTML stays as it is, anything else is
    escaped."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def _attributes(attrs):
    return "".join(
        f" {_escaped(name)}" if value is True else f' {_escaped(name)}="{_escaped(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def kind_of(field):
    widget = field.field.widget
    return "textarea" if isinstance(widget, Textarea) else getattr(widget, "input_type", "text")


def widget_html(field):
    """The field's input with Bootstrap's classes, marked invalid and linked to its error
    and help text (aria-describedby)."""
    css = WIDGET_CLASSES.get(kind_of(field), "textinput form-control")
    described = []
    if field.errors:
        css += " is-invalid"
        described.append(f"{field.auto_id}_error")
    if field.help_text:
        described.append(f"{field.auto_id}_helptext")
    attrs = {"class": css}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


def field_html(field):
    """One field with its label, errors and help text."""
    auto_id, label, errors = _escaped(field.auto_id), _escaped(field.label), _errors_html(field)
    for_id = _escaped(field.id_for_label)
    if kind_of(field) == "checkbox":
        return SafeString(
            f'<div id="div_{auto_id}" class="form-check">{widget_html(field)} '
            f'<label for="{for_id}" class="form-check-label">{label}</label>{errors}</div>'
        )
    required = field.field.required
    help_text = (
        f'<div id="{auto_id}_helptext" class="form-text">{_escaped(field.help_text)}</div>'
        if field.help_text
        else ""
    )
    return SafeString(
        f'<div id="div_{auto_id}" class="mb-3"><label for="{for_id}" class="form-label'
        f'{" requiredField" if required else ""}">{label}{REQUIRED_MARK if required else ""}'
        f"</label> {widget_html(field)}{errors}{help_text}</div>"
    )


def _errors_html(field):
    if not field.errors:
        return ""
    auto_id = _escaped(field.auto_id)
    spans = "".join(
        f'<span id="error_{number}_{auto_id}"><strong>{_escaped(error)}</strong></span>'
        for number, error in enumerate(field.errors, 1)
    )
    return f'<div id="{auto_id}_error" class="invalid-feedback">{spans}</div>'
