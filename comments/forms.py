import functools
from dataclasses import dataclass
from urllib.parse import urlsplit

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from .form_markup import CommentFormRenderer
from .identity import staff_public_name
from .replies import reply_parent
from .stamps import issue_stamp

HONEYPOT_FIELD = "homepage"
# The visible fields in the order templates/comments/form_body.html draws them.
DRAWN_FIELDS = ("body", "name", "email", "website", "notify", "remember")
WEBSITE_INVALID = _("Enter a web address starting with http:// or https://.")


def validate_port(value):
    """URLValidator takes any five digits as a port; one above 65535 is no address."""
    try:
        urlsplit(value).port  # noqa: B018 (reading it is the check)
    except ValueError:
        raise forms.ValidationError(WEBSITE_INVALID, code="invalid") from None


class WebsiteField(forms.URLField):
    # The field's own "invalid" message replaces its validators' (Field.run_validators), so
    # the explanation is set on both.
    default_error_messages = {"invalid": WEBSITE_INVALID}
    default_validators = [
        URLValidator(schemes=["http", "https"], message=WEBSITE_INVALID),
        validate_port,
    ]


@dataclass(frozen=True)
class Problem:
    """One line of the error summary: the message, and the id of the element it links to
    (None for a problem of the whole form)."""

    message: str
    target: str | None = None


class CommentForm(forms.Form):
    """Checks what a commenter typed and builds the unsaved comment; posting decides the rest.

    Each message names its field, as it is also read alone in the error summary.
    """

    default_renderer = CommentFormRenderer

    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        error_messages={
            "required": _("Enter your name."),
            "max_length": _(
                "Your name can have at most %(limit_value)d characters (it has %(show_value)d)."
            ),
        },
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        help_text=_("Never published."),
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter a valid email address, like name@example.com."),
            "max_length": _(
                "Your email address can have at most %(limit_value)d characters (it has "
                "%(show_value)d)."
            ),
        },
    )
    website = WebsiteField(
        label=_("Website"),
        max_length=200,
        required=False,
        assume_scheme="https",
        error_messages={
            "max_length": _(
                "Your website address can have at most %(limit_value)d characters (it has "
                "%(show_value)d)."
            ),
        },
    )
    body = forms.CharField(
        label=_("Comment"),
        min_length=2,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Write your comment."),
            "min_length": _(
                "Your comment needs at least %(limit_value)d characters (it has %(show_value)d)."
            ),
            "max_length": _(
                "Your comment can have at most %(limit_value)d characters (it has %(show_value)d)."
            ),
        },
    )
    notify = forms.BooleanField(label=_("Email me when someone replies"), required=False)
    remember = forms.BooleanField(
        label=_("Save my name, email and website in this browser for the next time I comment"),
        required=False,
    )
    parent = forms.CharField(required=False, widget=forms.HiddenInput)
    # Anti-spam: a field people never see, and when the form was drawn (signed).
    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    issued = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, article, user, discussion_settings, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = article
        self.user = user
        self.discussion_settings = discussion_settings
        # Signed when drawn (Django calls a callable initial): a form drawn into a cached
        # copy gets a hole instead (comments/templatetags/comment_tags.py).
        self.fields["issued"].initial = functools.partial(issue_stamp, article)
        if self.is_staff_reply:
            # Staff reply under their account: no name, email or cookie to ask for.
            for name in ("name", "email", "website", "remember"):
                del self.fields[name]

    @property
    def is_staff_reply(self):
        return bool(self.user and self.user.is_authenticated and self.user.is_staff)

    def error_summary(self):
        """Every problem of a posted form, in the order the page shows them: the form's own,
        the reply's (shown above the fields), then each field's in the order the form draws
        them (templates/comments/form_body.html)."""
        problems = [Problem(str(message)) for message in self.non_field_errors()]
        parent = self["parent"]
        problems += [Problem(str(message), f"{parent.auto_id}_error") for message in parent.errors]
        for name in DRAWN_FIELDS:
            field = self[name] if name in self.fields else None
            if field is not None and not field.is_hidden:
                problems += [Problem(str(message), field.auto_id) for message in field.errors]
        return problems

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Enter your name."), code="required")
        return name

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_parent(self):
        """A reply needs an approved parent on this article, below the maximum depth."""
        return reply_parent(
            self.article,
            self.cleaned_data.get("parent"),
            max_depth=self.discussion_settings.max_depth,
        )

    @property
    def staff_name(self):
        """The name a staff reply from this form appears under."""
        return staff_public_name(self.user) if self.is_staff_reply else ""

    def posting_fields(self):
        """What the person typed, checked, as plain values for the posting service."""
        data = self.cleaned_data
        return {
            "name": data.get("name", ""),
            "email": data.get("email", ""),
            "website": data.get("website", ""),
            "body": data["body"],
            "notify": data.get("notify", False),
            "parent": data.get("parent"),
        }
