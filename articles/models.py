from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from healthsite.compiled import CompiledQuery

from . import images
from .citations import Source
from .fields import KeepsImageRenditions, StoredImageField
from .library import MediaImage
from .people import Person
from .querysets import ArticleQuerySet
from .rendering import reading_time, render_markdown, summary_of_html, table_of_contents
from .reviews import SignOff
from .revisions import Revision
from .singleton import SingletonModel
from .versioning import VersionedModel, version_field

__all__ = [
    "Article",
    "Category",
    "MediaImage",
    "Person",
    "RelatedLink",
    "Revision",
    "SignOff",
    "SiteSettings",
    "Source",
    "Tag",
]

# Lengths search engines show before cutting: hints for the editor, not limits.
SEO_TITLE_HINT = 60
SEO_DESCRIPTION_HINT = 160


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
    requires_review = models.BooleanField(
        _("requires medical review"),
        default=True,
        help_text=_(
            "Articles in this category need a medical sign-off before they are published."
        ),
    )

    # Read by the version stamps of cached pages (articles.cachekeys): a renamed category is
    # a new state of every page that names it.
    modified_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:category", kwargs={"slug": self.slug})

    @classmethod
    def navigation(cls):
        """(name, url) of every category, for the site header: read lazily, once per page,
        so a page answered from its cached copy does not read it, and a drawn page never
        shows a menu older than the page (no copy of its own to go stale in one process)."""
        return SimpleLazyObject(
            lambda: [
                (name, cls(name=name, slug=slug).get_absolute_url())
                for name, slug in _category_menu()
            ]
        )


# Compiled once per process (healthsite/compiled.py): every drawn page reads it.
_category_menu = CompiledQuery(lambda: Category.objects.values_list("name", "slug"))


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=60, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    modified_at = models.DateTimeField(auto_now=True, db_index=True)  # see Category's

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:tag", kwargs={"slug": self.slug})


class Article(KeepsImageRenditions, VersionedModel):
    class Status(models.TextChoices):
        """What is stored: a draft, or published (public from `published_at` on)."""

        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    class State(models.TextChoices):
        """What the dates make of the status: published with a date to come is scheduled."""

        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLISHED = "published", _("Published")

    RENDITIONS = {"featured_image": ("image_renditions", images.RENDITION_WIDTHS)}

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
        help_text=images.UPLOAD_HELP_TEXT,
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
    author = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles_written",
        verbose_name=_("author"),
        help_text=_("A person or a team. Left blank, the byline is the site's team."),
    )
    key_points = models.TextField(
        _("key points"),
        blank=True,
        max_length=2000,
        help_text=_("Optional: the article's main points, one per line, shown above the body."),
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
    reviewer = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles_reviewed",
        verbose_name=_("medical reviewer"),
    )
    reviewed_on = models.DateField(_("last medically reviewed"), null=True, blank=True)
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
    seo_title = models.CharField(
        _("headline for search and sharing"),
        max_length=200,
        blank=True,
        help_text=format_lazy(
            _(
                "Optional: the title search results and shares show, best up to {hint} "
                "characters. Left blank, the title."
            ),
            hint=SEO_TITLE_HINT,
        ),
    )
    seo_description = models.TextField(
        _("meta description"),
        max_length=500,
        blank=True,
        help_text=format_lazy(
            _(
                "Optional: the description search results and shares show, best up to {hint} "
                "characters. Left blank, the excerpt."
            ),
            hint=SEO_DESCRIPTION_HINT,
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)
    # Also filled by the database, so that code from before the field (another app server
    # during a rolling deploy, an older migration's model) can still add articles.
    version = version_field(db_default=0)
    # Counts changes to the discussion (posts, moderation, edits, settings), made in the same
    # transaction by comments.freshness.discussion_changed: cached copies of the thread and the
    # page are keyed by it, so any process sees a change on its next request.
    discussion_version = models.PositiveIntegerField(default=0, db_default=0, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        get_latest_by = "published_at"
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [models.Index(fields=["status", "-published_at"], name="article_public_idx")]
        permissions = [
            ("publish_article", _("Can publish articles")),
            ("review_article", _("Can sign off articles medically")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(published_at__isnull=False),
                name="article_published_has_date",
                violation_error_message=_("A published or scheduled article needs a date."),
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "published"]),
                name="article_status_stored",
                violation_error_message=_("An article is stored as a draft or as published."),
            ),
        ]

    # As loaded from the database: the publication date, to tell a scheduled time already
    # reached from a newly typed one.
    _stored_published_at = None

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body_html = render_markdown(self.body)
        self._normalise_publication()
        super().save(*args, **kwargs)
        self._stored_published_at = self.published_at

    def get_absolute_url(self):
        """Kept on the instance while its slug is the same: a page asks for it four times."""
        return _kept(
            self,
            "_url",
            (self.slug, get_script_prefix()),
            lambda: reverse("articles:detail", kwargs={"slug": self.slug}),
        )

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        if "published_at" in instance.__dict__:
            instance._stored_published_at = instance.published_at
        return instance

    def _normalise_publication(self):
        """Publishing without a date means now. (A future date is kept: the article is
        scheduled, and public from then on, with nothing else to change.)"""
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()

    def clean(self):
        errors = {}
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

    def schedule_error(self, published_at):
        """Why `published_at` cannot schedule this article, or None.

        Scheduling needs a time to come. A scheduled time already reached is kept as it was
        stored (the article went public then); a past time typed now is refused rather than
        published at once, as "Scheduled" promised it would not be public yet."""
        if published_at is None:
            return _("Choose the date and time to publish it.")
        unchanged = self._stored_published_at is not None and _same_second(
            published_at, self._stored_published_at
        )
        if published_at <= timezone.now() and not unchanged:
            return _(
                "This time has passed. Choose a later one to schedule the article, or choose "
                "Published to publish it now."
            )
        return None

    @property
    def is_public(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def state(self):
        """Draft, scheduled or published, as the dates make it now."""
        if self.status == self.Status.DRAFT:
            return self.State.DRAFT
        return self.State.PUBLISHED if self.is_public else self.State.SCHEDULED

    @property
    def key_point_list(self):
        return [line.strip() for line in self.key_points.splitlines() if line.strip()]

    @property
    def table_of_contents(self):
        """The body's section headings, when the body is long enough to need a table of
        contents (see rendering.table_of_contents); else an empty list."""
        return table_of_contents(self.body_html, words=self.reading_time[0])

    @property
    def picture(self):
        return images.Picture.from_renditions(self.image_renditions, self.featured_image_alt)

    @property
    def summary(self):
        """What describes the article everywhere (meta and social descriptions, JSON-LD, cards,
        feeds, search results, related posts, share links): the excerpt the editor wrote, else
        the opening paragraphs of the body as it reads now. Never stored, so never stale;
        kept on the instance for as long as the text it was read from (a page asks three
        times)."""
        return _kept(
            self,
            "_summary",
            (self.excerpt, self.body_html),
            lambda: self.excerpt.strip() or summary_of_html(self.body_html),
        )

    @property
    def search_title(self):
        """The title of the page for search engines and shares: <title>, og:title, JSON-LD."""
        return self.seo_title.strip() or self.title

    @property
    def search_description(self):
        """The meta and og:description and JSON-LD's: the editor's own, else the summary."""
        return " ".join(self.seo_description.split()) or self.summary

    @property
    def reading_time(self):
        """(words, minutes) of the body as the page shows it (rendering.reading_time); kept
        while the body is the same, as the table of contents counts the same words."""
        return _kept(self, "_reading_time", self.body_html, lambda: reading_time(self.body_html))

    @property
    def cta(self):
        return bool(self.cta_text.strip() and self.cta_url)


def _kept(instance, name, source, compute):
    """`compute()`, kept on the instance under `name` for as long as `source` (what it is
    computed from) stays the same."""
    kept = instance.__dict__.get(name)
    if kept is None or kept[0] != source:
        kept = instance.__dict__[name] = (source, compute())
    return kept[1]


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
