"""People in the admin: authors, medical reviewers and teams, with their article counts."""

from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .admin_forms import PersonAdminForm
from .admin_images import KeepsChosenImageAdmin, picture_preview, picture_thumbnail
from .models import Person


@admin.register(Person)
class PersonAdmin(KeepsChosenImageAdmin, admin.ModelAdmin):
    form = PersonAdminForm
    list_display = [
        "name",
        "credentials",
        "role",
        "kind",
        "written_count",
        "reviewed_count",
        "thumbnail",
    ]
    list_filter = ["kind"]
    ordering = ["name", "pk"]
    search_fields = ["name", "credentials", "role"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]
    readonly_fields = ["photo_preview", "page_link"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "credentials", "role", "bio", "page_link"]}),
        (_("Photo"), {"fields": ["photo", "staged_image", "photo_preview"]}),
        (_("Elsewhere"), {"fields": ["profile_links", "user"]}),
    ]

    class Media:
        css = {"all": ["css/admin-editing.css"]}

    def get_readonly_fields(self, request, obj=None):
        """The staff account a person is decides whose sign-off carries their name and
        credentials (articles.signoff.reviewer_of), and a reviewer without credentials may not
        sign off: only those who manage accounts link one or write the credentials."""
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.has_perm("auth.change_user"):
            fields += ["credentials", "user"]
        return fields

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                written_count=Count("articles_written", distinct=True),
                reviewed_count=Count("articles_reviewed", distinct=True),
            )
        )

    @admin.display(description=_("articles written"), ordering="written_count")
    def written_count(self, person):
        return person.written_count

    @admin.display(description=_("articles reviewed"), ordering="reviewed_count")
    def reviewed_count(self, person):
        return person.reviewed_count

    @admin.display(description=_("photo"))
    def thumbnail(self, person):
        return picture_thumbnail(person.picture)

    @admin.display(description=_("preview"))
    def photo_preview(self, person):
        return picture_preview(person.picture, _("No photo yet; it appears here once saved."))

    @admin.display(description=_("public page"))
    def page_link(self, person):
        if not person.pk:
            return _("The page exists once the person is saved.")
        url = person.get_absolute_url()
        return format_html('<a href="{}">{}</a>', url, url)
