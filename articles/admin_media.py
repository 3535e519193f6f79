"""The media library in the admin: upload once (through the image pipeline), describe, find;
and the chooser the article form opens to place a library image in a body."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import JsonResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .admin_forms import KeepsChosenImageForm
from .admin_images import (
    KeepsChosenImageAdmin,
    picture_preview,
    picture_thumbnail,
    smallest_url,
)
from .library import MediaImage, markdown_for, reference_for, referenced_ids
from .models import Article
from .rendering import render_markdown
from .revisions import Revision

CHOOSER_PAGE = 24


def articles_using(media_ids):
    """The articles whose body, or whose unpublished draft revision, places any of these
    library images (a draft published without its image would lose it unseen)."""
    ids = set(media_ids)
    if not ids:
        return []
    mentions, drafted = Q(), Q()
    for number in ids:
        mentions |= Q(body__contains=reference_for(number))
        drafted |= Q(snapshot__body__icontains=reference_for(number))
    candidates = Article.objects.filter(mentions).only("pk", "title", "body")
    drafts = Revision.objects.filter(drafted, pending=True).select_related("article")
    using = {article.pk: article for article in candidates if referenced_ids(article.body) & ids}
    for draft in drafts:
        if referenced_ids(draft.snapshot.get("body")) & ids:
            using.setdefault(draft.article_id, draft.article)
    return list(using.values())


def rerender_bodies(articles):
    """Draw the bodies again (a library image's caption, credit or alt changed). Only the
    derived HTML and the time of the change are written: no editor's open form is made
    stale by it (that is the version), and every cached copy of the page is (the time)."""
    for article in articles:
        Article.objects.filter(pk=article.pk).update(
            body_html=render_markdown(article.body), modified_at=timezone.now()
        )


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


class MediaDetailsForm(forms.ModelForm):
    """A stored library image: its words change, its file does not (so nothing is staged
    between tries, as KeepsChosenImageAdmin asks of its forms)."""

    staged_upload = None

    class Meta:
        model = MediaImage
        fields = ["alt", "caption", "credit"]

    def keep_upload_for_next_try(self):
        pass


@admin.register(MediaImage)
class MediaImageAdmin(KeepsChosenImageAdmin, admin.ModelAdmin):
    form = MediaImageForm
    list_display = ["thumbnail", "alt", "caption", "credit", "uploaded_at"]
    list_display_links = ["thumbnail", "alt"]
    search_fields = ["alt", "caption", "credit"]
    readonly_fields = ["preview", "markdown", "uploaded_at"]

    def get_fields(self, request, obj=None):
        """The file is uploaded once: articles show its renditions, which a new file would
        delete. (A different image is a new library image.)"""
        if obj is None:
            return ["image", "staged_image", "alt", "caption", "credit"]
        return ["preview", "alt", "caption", "credit", "markdown", "uploaded_at"]

    def get_form(self, request, obj=None, **kwargs):
        if obj is not None:
            kwargs["form"] = MediaDetailsForm
        return super().get_form(request, obj, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
        if change and form.changed_data:
            rerender_bodies(articles_using([obj.pk]))

    def get_deleted_objects(self, objs, request):
        """An image placed in an article cannot be deleted: the article is listed as what
        protects it (Django's own refusal), to be edited first."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        using = articles_using([media.pk for media in objs])
        protected = [
            *protected,
            *(
                format_html(
                    '{}: <a href="{}">{}</a>',
                    gettext("Article"),
                    reverse("admin:articles_article_change", args=[article.pk]),
                    article.title,
                )
                for article in using
            ),
        ]
        return deleted, counts, perms_needed, protected

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
