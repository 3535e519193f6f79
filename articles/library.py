"""
The media library: images uploaded once, through the image pipeline, and placed in any
article's body by reference.

A body refers to a library image as `![alt](media:42 "caption")`; rendering (articles.
rendering) replaces the reference with the image's renditions (a `srcset`, its size, loaded
lazily) and the caption in a <figure>, so the files can move and the Markdown stays short.
"""

import re

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from healthsite.ids import parse_ids

from . import images
from .fields import KeepsImageRenditions, StoredImageField

# How a body refers to a library image: the "address" of a Markdown image.
REFERENCE_SCHEME = "media:"
REFERENCE = re.compile(r"media:(\d+)")
REFERENCE_IN_SOURCE = re.compile(r"\]\(\s*<?media:(\d+)")


def reference_for(image_id):
    return f"{REFERENCE_SCHEME}{image_id}"


def referenced_ids(markdown_source):
    """The library images a body refers to (by the address of a Markdown image)."""
    return {int(number) for number in REFERENCE_IN_SOURCE.findall(markdown_source or "")}


def markdown_for(media):
    """The Markdown that places a library image: `![alt](media:42 "caption")`, its alt text
    and caption escaped so that neither can end the reference early nor lose a character to
    Markdown (a `code` span, an entity)."""
    alt, caption = " ".join(media.alt.split()), " ".join(media.caption.split())
    alt = alt.replace("&", "&amp;")
    for special in "\\[]`":
        alt = alt.replace(special, "\\" + special)
    caption = caption.replace('"', "&quot;").replace("`", "\\`")
    title = f' "{caption}"' if caption else ""
    return f"![{alt}]({reference_for(media.pk)}{title})"


def images_by_id(ids):
    """{id: MediaImage} of the library images among `ids`, in one query (none for no ids).
    A number too large to be any image's id is simply not found."""
    ids = parse_ids(str(number) for number in ids)
    return MediaImage.objects.in_bulk(ids) if ids else {}


def missing_images(markdown_source):
    """The library images a body refers to that are not in the library, in order."""
    ids = referenced_ids(markdown_source)
    return sorted(ids - set(images_by_id(ids)))


class MediaImage(KeepsImageRenditions, models.Model):
    """An image of the library: checked, cleaned of EXIF and resized once, when uploaded."""

    RENDITIONS = {"image": ("renditions", images.RENDITION_WIDTHS)}

    image = StoredImageField(
        _("image"),
        upload_to="library/%Y/%m/",
        validators=[images.validate_new_upload],
        width_field="width",
        height_field="height",
        help_text=images.UPLOAD_HELP_TEXT,
    )
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    renditions = models.JSONField(default=list, editable=False)
    alt = models.CharField(
        _("image description (alt text)"),
        max_length=250,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    caption = models.CharField(
        _("caption"),
        max_length=300,
        blank=True,
        help_text=_("Shown under the image; the chooser puts it in the Markdown."),
    )
    credit = models.CharField(
        _("credit"),
        max_length=200,
        blank=True,
        help_text=_('Who made it, shown after the caption, such as "Photo: Ana Ruiz".'),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("library image")
        verbose_name_plural = _("media library")

    def __str__(self):
        return self.alt

    @property
    def picture(self):
        return images.Picture.from_renditions(self.renditions, self.alt)

    @property
    def reference(self):
        return reference_for(self.pk)
