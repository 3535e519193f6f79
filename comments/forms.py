import secrets
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout, Submit
from django import forms
from django.core import signing
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from .models import Comment

FORM_STAMP_SALT = "comments.form-issued"
SUBMISSION_KEY_BYTES = 16
HONEYPOT_FIELD = "homepage"


# A comment id has at most 19 digits (a 64-bit integer); longer is not an id, and int() of
# more than 4,300 digits would raise.
MAX_ID_DIGITS = 19


def issue_stamp(article, *, issued_at=None, key=None):
    """A signed token of the article the form was drawn for, when it was drawn, and a one-time
    key of this drawing of the form: the comment stored from it keeps the key, so sending
    the same form again finds that comment instead of storing another."""
    issued_at = time.time() if issued_at is None else issued_at
    key = key or secrets.token_urlsafe(SUBMISSION_KEY_BYTES)
    return signing.dumps(
        {"article": article.pk, "at": issued_at, "key": key}, salt=FORM_STAMP_SALT
    )


def read_stamp(value):
    """What a form stamp says when its signature holds (whatever its age), else None."""
    try:
        stamp = signing.loads(value or "", salt=FORM_STAMP_SALT)
    except signing.BadSignature:
        return None
    return stamp if isinstance(stamp, dict) else None


def submission_key(stamp_value):
    """The one-time key inside a form stamp, or None (no stamp, a forged or an older one)."""
    key = (read_stamp(stamp_value) or {}).get("key")
    max_length = Comment._meta.get_field("submission_key").max_length
    return key if isinstance(key, str) and 0 < len(key) <= max_length else None


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
        self.fields["issued"].initial = issue_stamp(article)
        if self.is_staff_reply:
            # Staff reply under their account: no name, email or cookie to ask for.
            for name in ("name", "email", "website", "remember"):
                del self.fields[name]
        self.helper = self._helper()

    @property
    def is_staff_reply(self):
        return bool(self.user and self.user.is_authenticated and self.user.is_staff)

    def _helper(self):
        helper = FormHelper(self)
        helper.form_tag = False
        helper.disable_csrf = True
        # The fields without crispy's box of form-wide errors: the error summary lists them.
        helper.template = "comments/form_fields.html"
        author_fields = [] if self.is_staff_reply else ["name", "email", "website"]
        helper.layout = Layout(
            Field("body"),
            Div(*author_fields, css_class="comment-author-fields"),
            Field("notify"),
            *([] if self.is_staff_reply else [Field("remember")]),
            Div(Field(HONEYPOT_FIELD), css_class="comment-hp", aria_hidden="true"),
            Field("parent"),
            Field("issued"),
            Submit("submit", _("Post Comment"), css_class="btn-primary"),
        )
        return helper

    def error_summary(self):
        """Every problem of a posted form, in the order the page shows them: the form's own,
        the reply's (shown above the fields), then each field's as the layout draws them."""
        problems = [Problem(str(message)) for message in self.non_field_errors()]
        parent = self["parent"]
        problems += [Problem(str(message), f"{parent.auto_id}_error") for message in parent.errors]
        for pointer in self.helper.layout.get_field_names():
            field = self[pointer.name]
            if not field.is_hidden:
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
        raw = (self.cleaned_data.get("parent") or "").strip()
        if not raw:
            return None
        if not (raw.isascii() and raw.isdigit()) or len(raw) > MAX_ID_DIGITS:
            raise forms.ValidationError(
                _("The comment you are replying to could not be found."), code="invalid"
            )
        parent = (
            Comment.objects.public()
            .filter(pk=int(raw), article=self.article)
            .only(
                "pk", "path", "depth", "article", "author_name", "author_email", "notify", "status"
            )
            .first()
        )
        if parent is None:
            raise forms.ValidationError(
                _(
                    "The comment you are replying to is not available: it may be awaiting "
                    "moderation or have been removed."
                ),
                code="unavailable",
            )
        if not parent.accepts_replies(self.discussion_settings.max_depth):
            raise forms.ValidationError(
                _(
                    "This conversation is as deep as replies go. Reply to an earlier comment "
                    "in the thread instead."
                ),
                code="too_deep",
            )
        return parent

    def build_comment(self):
        """The unsaved comment, from valid data; the posting service decides and saves."""
        data = self.cleaned_data
        parent = data.get("parent")
        comment = Comment(
            article=self.article,
            parent=parent,
            depth=parent.depth + 1 if parent else 1,
            body=data["body"],
            notify=data.get("notify", False),
            submission_key=submission_key(self.data.get("issued")),
        )
        if self.is_staff_reply:
            comment.user = self.user
            comment.is_staff_reply = True
            name_field = Comment._meta.get_field("author_name")
            full_name = self.user.get_full_name() or self.user.get_username()
            comment.author_name = full_name[: name_field.max_length]
            comment.author_email = self.user.email
        else:
            comment.author_name = data["name"]
            comment.author_email = data["email"]
            comment.author_url = data.get("website", "")
            if self.user and self.user.is_authenticated:
                comment.user = self.user
        return comment
