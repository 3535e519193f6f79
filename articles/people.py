"""
The people behind the articles: authors, medical reviewers and editorial teams.

An article's byline and its "medically reviewed by" line name a Person, whose page
(/authors/<slug>/) shows their credentials, role, bio and articles. A Person may be a staff
account's public face (`Person.user`): `public_name_for` is the one place that says how a
staff member appears in public.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import images
from .fields import KeepsImageRenditions, StoredImageField

MAX_PROFILE_LINKS = 10


def profile_link_list(text):
    """The non-blank lines of a profile links field, each stripped."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def validate_profile_links(text):
    """One http(s) address per line, at most MAX_PROFILE_LINKS."""
    links = profile_link_list(text)
    if len(links) > MAX_PROFILE_LINKS:
        raise ValidationError(
            _("Give at most %(limit)d profile links."), params={"limit": MAX_PROFILE_LINKS}
        )
    check = URLValidator(schemes=["http", "https"])
    for number, link in enumerate(links, 1):
        try:
            check(link)
        except ValidationError:
            raise ValidationError(
                _("Line %(number)d is not an http(s):// address: %(line)s"),
                params={"number": number, "line": link},
            ) from None


class Person(KeepsImageRenditions, models.Model):
    """An author or a medical reviewer, or a team writing as one (schema.org Organization)."""

    class Kind(models.TextChoices):
        PERSON = "person", _("Person")
        TEAM = "team", _("Team")

    RENDITIONS = {"photo": ("photo_renditions", images.PORTRAIT_WIDTHS)}

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("slug"), max_length=120, unique=True, help_text=_("The address: /authors/<slug>/.")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PERSON)
    credentials = models.CharField(
        _("credentials"),
        max_length=80,
        blank=True,
        help_text=_('Letters after the name, such as "MD" or "RD, MPH".'),
    )
    role = models.CharField(
        _("role"), max_length=120, blank=True, help_text=_('Job title, such as "Dietitian".')
    )
    bio = models.TextField(
        _("bio"),
        max_length=1500,
        blank=True,
        help_text=_("A few sentences, plain text; blank lines separate paragraphs."),
    )
    photo = StoredImageField(
        _("photo"),
        upload_to="people/%Y/%m/",
        blank=True,
        validators=[images.validate_new_upload],
        help_text=images.UPLOAD_HELP_TEXT,
    )
    photo_renditions = models.JSONField(default=list, editable=False)
    # Read by the version stamps of cached pages (articles.cachekeys): a byline or a review
    # line follows a change to its person at once.
    modified_at = models.DateTimeField(auto_now=True, db_index=True)
    profile_links = models.TextField(
        _("profile links"),
        blank=True,
        validators=[validate_profile_links],
        help_text=_(
            "Pages that are this person elsewhere (a professional register, a university "
            "page), one https:// address per line."
        ),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("staff account"),
        help_text=_("The staff account of this person, if they have one."),
    )

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.name_with_credentials

    def get_absolute_url(self):
        return reverse("articles:author", kwargs={"slug": self.slug})

    @property
    def name_with_credentials(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name

    @property
    def is_team(self):
        return self.kind == self.Kind.TEAM

    @property
    def links(self):
        return profile_link_list(self.profile_links)

    @property
    def picture(self):
        """The photo beside the name: decorative there (alt ""), as the name is written."""
        return images.Picture.from_renditions(self.photo_renditions, "")


def team_name():
    """The site's team ("The Healthsite team"): the byline of an article with no author,
    and the public name of a staff member who is no Person."""
    from .models import SiteSettings  # models imports this module

    return gettext("The %(site_name)s team") % {"site_name": SiteSettings.load().site_name}


def public_name_for(user):
    """How a staff member appears in public: their Person's name, else the full name on
    their account, else the site's team. Never a login name."""
    person = _person_of(user)
    if person is not None:
        return person.name
    authenticated = user is not None and user.is_authenticated
    full_name = " ".join(user.get_full_name().split()) if authenticated else ""
    return full_name or team_name()


def staff_name_for(user):
    """How a staff member is named to other staff (an article's history): their Person's
    name, else the full name on their account, else their login name."""
    person = _person_of(user)
    if person is not None:
        return person.name
    if user is None:
        return ""
    return " ".join(user.get_full_name().split()) or user.get_username()


def public_role_for(user):
    """A staff member's public role (their Person's), or "" when none is given."""
    person = _person_of(user)
    return person.role if person is not None else ""


def _person_of(user):
    if user is None or not user.is_authenticated:
        return None
    try:
        return user.person
    except Person.DoesNotExist:
        return None
