"""Images in the admin: a chosen image kept between tries of a form, previews, thumbnails.

Shared by every model whose images go through the pipeline (articles' featured images,
people's photos)."""

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.html import format_html


class KeepsChosenImageAdmin:
    """With a KeepsChosenImageForm: an image chosen in a form drawn again for another error
    is kept for the next try, and its staged file removed once the save that uses (or drops)
    it commits."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if form.staged_upload is not None:
            transaction.on_commit(form.staged_upload.discard)

    def render_change_form(self, request, context, *args, **kwargs):
        context["adminform"].form.keep_upload_for_next_try()
        return super().render_change_form(request, context, *args, **kwargs)


def picture_preview(picture, empty_text):
    """The largest rendition of a picture, for a change form; `empty_text` without one."""
    if not picture:
        return empty_text
    return format_html(
        '<img src="{}" alt="{}" class="admin-image-preview">', picture.src, picture.alt
    )


def picture_thumbnail(picture):
    """The smallest rendition of a picture, for a change list."""
    if not picture:
        return "—"
    return format_html(
        '<img src="{}" alt="" width="80" class="admin-thumbnail">', smallest_url(picture)
    )


def smallest_url(picture):
    """The smallest rendition (JPEG before WebP at one width), for a list or a chooser."""
    smallest = min(picture.renditions, key=lambda r: (r["width"], r["type"] != "image/jpeg"))
    return default_storage.url(smallest["name"])
