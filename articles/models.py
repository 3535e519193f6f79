import re

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import images
from .fields import StoredImageField
from .querysets import ArticleQuerySet
from .rendering import render_markdown, summary_of_html
from .singleton import SingletonModel
from .versioning import VersionedModel, version_field

_URL_IN_TEXT = re.compile(r"https?://[^\s<>\"']+")


def validate_link(value):
    """A path on this site ("/…", not "//…") or an http(s) address."""
    if value.startswith("/") and not value.startswith("//"):
        return
    URLValidator(
        schemes=["http", "https"],
        message=_("Enter a path on this site, starting with /, or an http(s):// address."),
    )(value)


class Category(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Shown at the top of the category page.")
    )

    NAVIGATION_CACHE_KEY = "articles:category-navigation"

    class Meta:
        ordering = ["name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        cache.delete(self.NAVIGATION_CACHE_KEY)

    def get_absolute_url(self):
        return reverse("articles:category", kwargs={"slug": self.slug})

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        cache.delete(self.NAVIGATION_CACHE_KEY)
        return result

    @classmethod
    def navigation(cls):
        """(name, url) of every category, for the site header, from the shared cache."""
        links = cache.get(cls.NAVIGATION_CACHE_KEY)
        if links is None:
            links = [(c.name, c.get_absolute_url()) for c in cls.objects.all()]
            cache.set(cls.NAVIGATION_CACHE_KEY, links, timeout=300)
        return links


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=60, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:tag", kwargs={"slug": self.slug})


class Source:
    """One entry of an article's sources list: its text and, when it has one, its link."""

    def __init__(self, line):
        self.text = line
        match = _URL_IN_TEXT.search(line)
        self.url = match.group(0).rstrip(".,;)") if match else ""

    def __eq__(self, other):
        return isinstance(other, Source) and (self.text, self.url) == (other.text, other.url)


class Article(VersionedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=200, unique=True, help_text=_("The address: /articles/<slug>/.")
    )
    excerpt = models.TextField(
        _("excerpt"),
        blank=True,
        max_length=500,
        help_text=_(
            "One or two sentences for lists, search results and sharing. Left blank, the "
            "opening paragraphs of the body are used, and follow it when it changes."
        ),
    )
    body = models.TextField(
        _("body"),
        help_text=_("Markdown. Use ## for section headings; the title is the page's heading."),
    )
    body_html = models.TextField(editable=False, default="")
    featured_image = StoredImageField(
        _("featured image"),
        upload_to="articles/%Y/%m/",
        blank=True,
        validators=[images.validate_new_upload],
        width_field="featured_image_width",
        height_field="featured_image_height",
        help_text=_("JPEG, PNG, WebP or GIF, at most 10 MB and 40 megapixels."),
    )
    featured_image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    featured_image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    featured_image_alt = models.CharField(
        _("image description (alt text)"),
        max_length=250,
        blank=True,
        help_text=_(
            "What the image shows, for readers who cannot see it. Required with an image."
        ),
    )
    image_renditions = models.JSONField(default=list, editable=False)
    byline = models.CharField(
        _("byline"),
        max_length=120,
        blank=True,
        help_text=_('The author\'s name. Left blank, the byline is "The editorial team".'),
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="articles", verbose_name=_("category")
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="articles", verbose_name=_("tags"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("publication date"),
        null=True,
        blank=True,
        help_text=_(
            "When the article becomes public. A future date schedules it; left blank when "
            "publishing, it is now."
        ),
    )
    updated_at = models.DateTimeField(
        _("updated on"),
        null=True,
        blank=True,
        help_text=_('Set when the content changed in substance; shown as "Updated".'),
    )
    reviewed_by = models.CharField(
        _("medically reviewed by"),
        max_length=120,
        blank=True,
        help_text=_("Name and credentials."),
    )
    reviewed_on = models.DateField(_("last medically reviewed"), null=True, blank=True)
    sources = models.TextField(
        _("sources"),
        blank=True,
        help_text=_("One source per line. A web address in the line becomes its link."),
    )
    cta_text = models.TextField(
        _("call to action"), blank=True, help_text=_("A sentence inviting the reader further.")
    )
    cta_url = models.CharField(
        _("call to action link"),
        max_length=500,
        blank=True,
        validators=[validate_link],
        help_text=_("A page of this site (/category/nutrition/) or a full https:// address."),
    )
    cta_label = models.CharField(
        _("call to action button"), max_length=60, blank=True, default="Learn more"
    )
    comments_open = models.BooleanField(
        _("comments open"),
        default=True,
        help_text=_("Untick to close the discussion on this article."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)
    # Also filled by the database, so that code from before the field (another app server
    # during a rolling deploy, an older migration's model) can still add articles.
    version = version_field(db_default=0)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        get_latest_by = "published_at"
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [models.Index(fields=["status", "-published_at"], name="article_public_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(published_at__isnull=False),
                name="article_published_has_date",
                violation_error_message=_("A published or scheduled article needs a date."),
            )
        ]

    # As loaded from the database: the image name, to notice a newly uploaded one on save, and
    # the publication date, to tell a scheduled time already reached from a newly typed one.
    _stored_image_name = None
    _stored_published_at = None

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body_html = render_markdown(self.body)
        self._normalise_publication()
        self._process_new_image()
        super().save(*args, **kwargs)
        self._stored_image_name = self.featured_image.name
        self._stored_published_at = self.published_at

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        if "featured_image" in instance.__dict__:
            instance._stored_image_name = instance.featured_image.name
        if "published_at" in instance.__dict__:
            instance._stored_published_at = instance.published_at
        return instance

    def _normalise_publication(self):
        """Publishing without a date means now; a future date means scheduled, a past one
        published. (A scheduled article without a date is refused by `clean`, and by the
        database's constraint when saved without it.)"""
        if self.status == self.Status.DRAFT:
            return
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        if self.published_at is not None:
            self.status = (
                self.Status.SCHEDULED
                if self.published_at > timezone.now()
                else self.Status.PUBLISHED
            )

    def clean(self):
        errors = {}
        schedule_error = self._schedule_error()
        if schedule_error:
            errors["published_at"] = schedule_error
        else:
            # Before the constraints are checked, so "published, date left blank" is valid.
            self._normalise_publication()
        if self.reviewed_on and self.reviewed_on > timezone.localdate():
            errors["reviewed_on"] = _(
                "A medical review cannot be dated in the future: give the day it took place."
            )
        if self.featured_image and not self.featured_image_alt.strip():
            errors["featured_image_alt"] = _("Describe the image for readers who cannot see it.")
        if bool(self.cta_text.strip()) != bool(self.cta_url):
            field = "cta_url" if self.cta_text.strip() else "cta_text"
            errors[field] = _("A call to action needs both its sentence and its link.")
        if errors:
            raise ValidationError(errors)

    def _schedule_error(self):
        """Scheduling needs a time to come. A scheduled time already reached is kept as it was
        stored (the article went public then); a past time typed now is refused rather than
        published at once, as "Scheduled" promised it would not be public yet."""
        if self.status != self.Status.SCHEDULED:
            return None
        if self.published_at is None:
            return _("Choose the date and time to publish it.")
        unchanged = self._stored_published_at is not None and _same_second(
            self.published_at, self._stored_published_at
        )
        if self.published_at <= timezone.now() and not unchanged:
            return _(
                "This time has passed. Choose a later one to schedule the article, or choose "
                "Published to publish it now."
            )
        return None

    def _process_new_image(self):
        """Clean and resize a newly uploaded image once; delete the files of a replaced one."""
        if self.featured_image.name == self._stored_image_name:
            return
        old_files = [r["name"] for r in self.image_renditions or []]
        if self._stored_image_name:
            old_files.append(self._stored_image_name)
        self.image_renditions = []
        if self.featured_image and not self.featured_image._committed:
            cleaned = images.strip_metadata(self.featured_image.file, self.featured_image.name)
            self.featured_image.save(cleaned.name, cleaned, save=False)
            self.image_renditions = images.make_renditions(cleaned, self.featured_image.name)
        if old_files:
            transaction.on_commit(lambda: images.delete_files(old_files))

    @property
    def is_public(self):
        return (
            self.status != self.Status.DRAFT
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def byline_or_team(self):
        return self.byline or _("The editorial team")

    @property
    def picture(self):
        return images.Picture.from_renditions(self.image_renditions, self.featured_image_alt)

    @property
    def summary(self):
        """What describes the article everywhere (meta and social descriptions, JSON-LD, cards,
        feeds, search results, related posts, share links): the excerpt the editor wrote, else
        the opening paragraphs of the body as it reads now. Never stored, so never stale."""
        return self.excerpt.strip() or summary_of_html(self.body_html)

    @property
    def source_list(self):
        return [Source(line.strip()) for line in self.sources.splitlines() if line.strip()]

    @property
    def cta(self):
        return bool(self.cta_text.strip() and self.cta_url)


def _same_second(first, second):
    return first.replace(microsecond=0) == second.replace(microsecond=0)


class RelatedLink(models.Model):
    """A curated "related post": another article of ours, or a page elsewhere."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="related_links", verbose_name=_("article")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    target = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("article linked to"),
    )
    url = models.URLField(_("or an external address"), blank=True)
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("Left blank, the article's title.")
    )
    excerpt = models.TextField(
        _("excerpt"), blank=True, max_length=500, help_text=_("Left blank, the article's excerpt.")
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("related link")
        verbose_name_plural = _("related links")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(target__isnull=False, url="")
                    | (models.Q(target__isnull=True) & ~models.Q(url=""))
                ),
                name="relatedlink_one_target",
                violation_error_message=_(
                    "Link to one of our articles or to an external address."
                ),
            )
        ]

    def __str__(self):
        return self.display_title

    def clean(self):
        if bool(self.target_id) == bool(self.url):
            raise ValidationError(
                _("Choose one of our articles or give an external address, not both.")
            )
        if self.target_id and self.target_id == self.article_id:
            raise ValidationError({"target": _("An article cannot be related to itself.")})
        if self.url and not self.title.strip():
            raise ValidationError({"title": _("An external link needs a title.")})

    @property
    def display_title(self):
        return self.title or (self.target.title if self.target_id else self.url)

    @property
    def display_excerpt(self):
        return self.excerpt or (self.target.summary if self.target_id else "")

    @property
    def href(self):
        return self.target.get_absolute_url() if self.target_id else self.url

    @property
    def picture(self):
        return self.target.picture if self.target_id else None

    @property
    def is_external(self):
        return not self.target_id


class SiteSettings(SingletonModel):
    """The publication's own settings: one row, edited in the admin, cached for every page."""

    site_name = models.CharField(_("site name"), max_length=100, default="Healthsite")
    tagline = models.CharField(
        _("tagline"), max_length=200, blank=True, default="Evidence-minded health, plainly told"
    )
    disclaimer = models.TextField(
        _("medical disclaimer"),
        blank=True,
        help_text=_(
            "Shown in the footer of every page. Plain text; blank lines separate paragraphs."
        ),
    )
    copyright = models.CharField(
        _("copyright line"),
        max_length=200,
        blank=True,
        default="© {year} Healthsite. All rights reserved.",
        help_text=_("{year} becomes the current year."),
    )
    twitter_handle = models.CharField(
        _("X (Twitter) account"), max_length=50, blank=True, help_text=_("Without the @.")
    )
    share_pinterest = models.BooleanField(_("Pinterest"), default=True)
    share_facebook = models.BooleanField(_("Facebook"), default=True)
    share_x = models.BooleanField(_("X (Twitter)"), default=True)
    share_linkedin = models.BooleanField(_("LinkedIn"), default=True)
    share_email = models.BooleanField(_("Email"), default=True)
    share_copy = models.BooleanField(_("Copy link"), default=True)

    class Meta(SingletonModel.Meta):
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    @property
    def copyright_line(self):
        return self.copyright.replace("{year}", str(timezone.now().year))

    @property
    def share_networks(self):
        return [
            network
            for network in ("pinterest", "facebook", "x", "linkedin", "email", "copy")
            if getattr(self, f"share_{network}")
        ]
