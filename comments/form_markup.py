"""The comment form's fields drawn in Python, in Bootstrap's markup as crispy-forms drew them
(the same ids, classes and ARIA links). Django's widget templates and an include per field
cost a fifth of an uncached article page; this draws the same HTML, escaped by format_html.
"""

from django.forms import Textarea
from django.forms.renderers import DjangoTemplates
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

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


class CommentFormRenderer(DjangoTemplates):
    """Draws the inputs and the text area without templates; anything else as Django does."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if template_name in INPUT_TEMPLATES:
            value = "" if widget["value"] is None else format_html(' value="{}"', widget["value"])
            return format_html(
                '<input type="{}" name="{}"{}{}>',
                widget["type"],
                widget["name"],
                value,
                _attributes(widget["attrs"]),
            )
        if template_name == TEXTAREA_TEMPLATE:
            return format_html(
                '<textarea name="{}"{}>\n{}</textarea>',
                widget["name"],
                _attributes(widget["attrs"]),
                widget["value"] or "",
            )
        return super().render(template_name, context, request)


def _attributes(attrs):
    return mark_safe(  # noqa: S308 (every part escaped by format_html)
        "".join(
            format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
            for name, value in attrs.items()
            if value is not False
        )
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
    errors = _errors_html(field)
    if kind_of(field) == "checkbox":
        return format_html(
            '<div id="div_{}" class="form-check">{} '
            '<label for="{}" class="form-check-label">{}</label>{}</div>',
            field.auto_id,
            widget_html(field),
            field.id_for_label,
            field.label,
            errors,
        )
    required = field.field.required
    help_text = (
        format_html(
            '<div id="{}_helptext" class="form-text">{}</div>', field.auto_id, field.help_text
        )
        if field.help_text
        else ""
    )
    return format_html(
        '<div id="div_{}" class="mb-3"><label for="{}" class="form-label{}">{}{}</label> '
        "{}{}{}</div>",
        field.auto_id,
        field.id_for_label,
        " requiredField" if required else "",
        field.label,
        mark_safe('<span class="asteriskField">*</span>') if required else "",
        widget_html(field),
        errors,
        help_text,
    )


def _errors_html(field):
    if not field.errors:
        return ""
    return format_html(
        '<div id="{}_error" class="invalid-feedback">{}</div>',
        field.auto_id,
        format_html_join(
            "",
            '<span id="error_{}_{}"><strong>{}</strong></span>',
            ((number, field.auto_id, error) for number, error in enumerate(field.errors, 1)),
        ),
    )
