"""The media library in the admin: upload once (through the image pipeline), describe, find;
and the chooser the article form opens to place a library image in a body."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import JsonResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from .admin_forms import KeepsChosenImageForm
from .admin_images import (
    KeepsChosenImageAdmin,
    picture_preview,
    picture_thumbnail,
    smallest_url,
)
from .library import MediaImage, markdown_for

CHOOSER_PAGE = 24


class MediaImageForm(KeepsChosenImageForm):
    image_field = "image"
    staged_note = _("it will be saved with this library image.")

    class Meta:
        model = MediaImage
        fields = ["image", "alt", "caption", "credit"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Required, but an image kept from the last try counts: checked in clean().
        self.fields["image"].required = False

    def clean(self):
        cleaned_data = super().clean()
        if not (self.instance.image or cleaned_data.get("image")) and "image" not in self.errors:
            self.add_error("image", forms.Field.default_error_messages["required"])
        return cleaned_data


@admin.register(MediaImage)
class MediaImageAdmin(KeepsChosenImageAdmin, admin.ModelAdmin):
    form = MediaImageForm
    list_display = ["thumbnail", "alt", "caption", "credit", "uploaded_at"]
    list_display_links = ["thumbnail", "alt"]
    search_fields = ["alt", "caption", "credit"]
    readonly_fields = ["preview", "markdown", "uploaded_at"]
    fields = ["image", "staged_image", "alt", "caption", "credit", "preview", "markdown"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("image"))
    def thumbnail(self, media):
        return picture_thumbnail(media.picture)

    @admin.display(description=_("preview"))
    def preview(self, media):
        return picture_preview(media.picture, _("No image yet; it appears here once saved."))

    @admin.display(description=_("Markdown for an article body"))
    def markdown(self, media):
        return markdown_for(media) if media.pk else "—"

    def get_urls(self):
        chooser = self.admin_site.admin_view(self.chooser_view)
        return [
            path("chooser/", chooser, name="articles_mediaimage_chooser"),
            *super().get_urls(),
        ]

    def chooser_view(self, request):
        """The newest library images (or those matching ?q=), as the chooser lists them."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        images = MediaImage.objects.all()
        query = request.GET.get("q", "").strip()
        if query:
            images = images.filter(
                Q(alt__icontains=query) | Q(caption__icontains=query) | Q(credit__icontains=query)
            )
        return JsonResponse(
            {
                "results": [
                    {
                        "id": media.pk,
                        "alt": media.alt,
                        "caption": media.caption,
                        "thumbnail": smallest_url(media.picture) if media.picture else "",
                        "markdown": markdown_for(media),
                    }
                    for media in images[:CHOOSER_PAGE]
                ]
            }
        )
