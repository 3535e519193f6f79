from django.contrib import admin, messages
from django.contrib.flatpages.admin import FlatPageAdmin
from django.contrib.flatpages.models import FlatPage
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, F
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from . import (
    admin_media,  # noqa: F401 (registers the media library admin)
    admin_people,  # noqa: F401 (registers the People admin)
    revisions,
    signoff,
)
from .admin_forms import SanitisedFlatpageForm
from .admin_images import KeepsChosenImageAdmin, picture_preview, picture_thumbnail
from .admin_review import SignedOffArticleForm, SignOffAdminMixin
from .admin_revisions import KeepsRevisionsAdmin
from .admin_writing import WritingAidsAdmin
from .models import Article, Category, RelatedLink, SiteSettings, Source, Tag
from .versioning import VersionCheckedForm

# A web address typed without its scheme gets https:// (Django 6's default; 5.2 warns without).
HTTPS_URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class RelatedLinkInline(admin.TabularInline):
    model = RelatedLink
    formfield_overrides = HTTPS_URL_FIELDS
    fk_name = "article"
    extra = 1
    fields = ["position", "target", "url", "title", "excerpt"]
    autocomplete_fields = ["target"]
    ordering = ["position", "pk"]


class SourceInline(admin.TabularInline):
    """The article's sources, each shown as a citation: title (the link), publisher, date."""

    model = Source
    formfield_overrides = HTTPS_URL_FIELDS
    extra = 1
    fields = ["position", "title", "url", "publisher", "date"]
    ordering = ["position", "pk"]


class StateFilter(admin.SimpleListFilter):
    """Draft, scheduled or published, as the dates make it now (the stored status alone
    cannot tell a scheduled article from a published one)."""

    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return Article.State.choices

    def queryset(self, request, queryset):
        by_state = {
            Article.State.DRAFT: queryset.drafts,
            Article.State.SCHEDULED: queryset.scheduled,
            Article.State.PUBLISHED: queryset.published,
        }
        return by_state[self.value()]() if self.value() in by_state else queryset


class VersionCheckedAdmin(admin.ModelAdmin):
    """A change form that refuses to save over someone else's newer save and shows both
    versions (see articles.versioning): the settings pages and articles."""

    form = VersionCheckedForm
    change_form_template = "admin/version_checked_change_form.html"

    class Media:
        css = {"all": ["css/admin-editing.css"]}

    def get_fieldsets(self, request, obj=None):
        return [*super().get_fieldsets(request, obj), (None, {"fields": ["seen_version"]})]


class ReportsSanitiserRemovals:
    """After a save, tells the editor in words what the sanitiser removed from the HTML."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        for note in getattr(form, "sanitiser_notes", ()):
            self.message_user(request, note, messages.WARNING)


@admin.register(Article)
class ArticleAdmin(
    SignOffAdminMixin,
    WritingAidsAdmin,
    KeepsChosenImageAdmin,
    ReportsSanitiserRemovals,
    KeepsRevisionsAdmin,
    VersionCheckedAdmin,
):
    form = SignedOffArticleForm
    list_display = [
        "title",
        "state",
        "sign_off",
        "author",
        "category",
        "published_at",
        "thumbnail",
    ]
    list_filter = [StateFilter, "category", "tags", "published_at"]
    list_select_related = ["category", "author"]
    search_fields = ["title", "excerpt", "body"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["tags"]
    autocomplete_fields = ["author", "reviewer"]
    readonly_fields = ["image_preview", "modified_at", "review_state"]
    inlines = [SourceInline, RelatedLinkInline]
    actions = ["publish", "unpublish", "submit_for_review"]
    save_on_top = True
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "author",
                    "category",
                    "tags",
                    "excerpt",
                    "key_points",
                    "body",
                ]
            },
        ),
        (
            _("Publication"),
            {"fields": ["status", "published_at", "updated_at", "comments_open", "modified_at"]},
        ),
        (
            _("Featured image"),
            {
                "fields": [
                    "featured_image",
                    "staged_image",
                    "featured_image_alt",
                    "image_preview",
                ]
            },
        ),
        (_("Medical review"), {"fields": ["review_state", "reviewer", "reviewed_on"]}),
        (_("Call to action"), {"fields": ["cta_text", "cta_url", "cta_label"]}),
    ]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.state == Article.State.SCHEDULED:
            self.message_user(
                request,
                gettext(
                    "“%(title)s” is scheduled to become public on %(when)s; until then only "
                    "staff can see it."
                )
                % {
                    "title": obj.title,
                    "when": formats.date_format(
                        timezone.localtime(obj.published_at), "DATETIME_FORMAT"
                    ),
                },
                messages.INFO,
            )

    @admin.display(description=_("state"), ordering="published_at")
    def state(self, article):
        if article.state == Article.State.SCHEDULED:
            return _("Scheduled for %(when)s") % {
                "when": timezone.localtime(article.published_at).strftime("%Y-%m-%d %H:%M")
            }
        return article.state.label

    @admin.display(description=_("image"))
    def thumbnail(self, article):
        return picture_thumbnail(article.picture)

    @admin.display(description=_("preview"))
    def image_preview(self, article):
        return picture_preview(article.picture, _("No image yet; it appears here once saved."))

    @admin.action(description=_("Publish the selected articles now"), permissions=["publish"])
    def publish(self, request, queryset):
        """Makes the selected articles public now. A date already past is kept (an article
        published before, or a draft given its date); only a date to come becomes now. An
        article the sign-off rule refuses (articles.signoff) is left as it was, and said."""
        now = timezone.now()
        count = 0
        articles = queryset.exclude(pk__in=queryset.published().values("pk"))
        for article in articles.select_related("category"):
            published_at = now
            if article.published_at is not None and article.published_at <= now:
                published_at = article.published_at
            refusal = signoff.publication_refusal(
                article, request.user, status=Article.Status.PUBLISHED, published_at=published_at
            )
            if refusal:
                self.message_user(request, f"“{article}”: {refusal}", messages.WARNING)
                continue
            article.status, article.published_at = Article.Status.PUBLISHED, published_at
            article.save()
            revisions.record(article=article, user=request.user)
            count += 1
        self.message_user(
            request,
            ngettext("%d article published.", "%d articles published.", count) % count,
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Unpublish the selected articles (back to draft)"), permissions=["publish"]
    )
    def unpublish(self, request, queryset):
        unpublished = list(queryset.exclude(status=Article.Status.DRAFT))
        count = queryset.filter(pk__in=[a.pk for a in unpublished]).update(
            status=Article.Status.DRAFT, modified_at=timezone.now(), version=F("version") + 1
        )
        for article in unpublished:
            article.status = Article.Status.DRAFT
            revisions.record(article=article, user=request.user)
        self.message_user(
            request,
            ngettext("%d article unpublished.", "%d articles unpublished.", count) % count,
            messages.SUCCESS,
        )


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "article_count"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    def get_readonly_fields(self, request, obj=None):
        """Whether a category requires medical review is the administrators' policy: a
        publisher who could untick it could publish unreviewed text (articles.signoff)."""
        fields = list(super().get_readonly_fields(request, obj))
        if self.model is Category and not request.user.is_superuser:
            fields.append("requires_review")
        return fields

    def save_model(self, request, obj, form, change):
        """The sign-off rule is asked when an article is scheduled, not at its hour: requiring
        review names the scheduled articles of the category that are not signed off."""
        super().save_model(request, obj, form, change)
        if self.model is not Category or "requires_review" not in form.changed_data:
            return
        scheduled = obj.articles.scheduled() if obj.requires_review else []
        unsigned = [a for a in scheduled if signoff.publication_refusal(a, None)]
        if unsigned:
            count = len(unsigned)
            self.message_user(
                request,
                ngettext(
                    "%(count)d scheduled article in “%(category)s” is not signed off: "
                    "%(titles)s. It goes public at its hour unless it is unscheduled.",
                    "%(count)d scheduled articles in “%(category)s” are not signed off: "
                    "%(titles)s. They go public at their hour unless they are unscheduled.",
                    count,
                )
                % {
                    "count": count,
                    "category": obj.name,
                    "titles": ", ".join(f"“{a.title}”" for a in unsigned),
                },
                messages.WARNING,
            )

    @admin.display(description=_("articles"), ordering="article_count")
    def article_count(self, category):
        return category.article_count


@admin.register(Tag)
class TagAdmin(CategoryAdmin):
    pass


class SingletonAdmin(VersionCheckedAdmin):
    """A settings row: the list page opens it, and it can be neither added twice nor deleted."""

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_object(self, request, object_id, from_field=None):
        """The one row as stored (never a cached copy), created with defaults on a new site."""
        if str(object_id) != "1":
            return None
        return self.model.objects.get_or_create(pk=1)[0]

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        instance = self.model.load()
        opts = self.model._meta
        return HttpResponseRedirect(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[instance.pk])
        )


@admin.register(SiteSettings)
class SiteSettingsAdmin(SingletonAdmin):
    fieldsets = [
        (None, {"fields": ["site_name", "tagline", "twitter_handle"]}),
        (_("Footer"), {"fields": ["disclaimer", "copyright"]}),
        (
            _("Share buttons"),
            {
                "fields": [
                    "share_pinterest",
                    "share_facebook",
                    "share_x",
                    "share_linkedin",
                    "share_email",
                    "share_copy",
                ]
            },
        ),
    ]


class SanitisedFlatPageAdmin(ReportsSanitiserRemovals, FlatPageAdmin):
    form = SanitisedFlatpageForm


admin.site.unregister(FlatPage)
admin.site.register(FlatPage, SanitisedFlatPageAdmin)
admin.site.site_header = _("Healthsite administration")
admin.site.site_title = _("Healthsite admin")
