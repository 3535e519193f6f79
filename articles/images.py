"""
Uploaded images: validation, EXIF stripping and resized renditions, with Pillow.

An upload is checked before anything is stored (format, bytes, pixels, a full decode), cleaned
once (orientation applied, metadata dropped) and resized once, when it is saved; pages then
only read the stored renditions.
"""

import io
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

ACCEPTED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
RENDITION_WIDTHS = (480, 960, 1600)
# A portrait beside a name or a byline is small: a person's photo needs no more.
PORTRAIT_WIDTHS = (96, 240, 480)
RENDITION_FORMATS = (("webp", "WEBP", "image/webp"), ("jpg", "JPEG", "image/jpeg"))
RENDITION_DIR = "renditions"
UPLOAD_HELP_TEXT = _("JPEG, PNG, WebP or GIF, at most 10 MB and 40 megapixels.")


def validate_new_upload(file):
    """The featured image field's validator: only a file being uploaded now is checked.

    The stored image was checked when it arrived. Checking it again on every save read the
    stored file after Django had closed it (having read its dimensions), and refused the save.
    """
    if getattr(file, "_committed", False):
        return
    validate_image(file)


def validate_image(file):
    """Refuse anything but a sound JPEG, PNG, WebP or GIF of at most 10 MB and 40 megapixels."""
    if file.size is not None and file.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("This image is %(size)s MB; the limit is 10 MB."),
            code="too_large",
            params={"size": f"{file.size / 1024 / 1024:.1f}"},
        )
    try:
        with _opened(file) as image:
            if image.format not in ACCEPTED_FORMATS:
                raise ValidationError(_("Upload a JPEG, PNG, WebP or GIF image."), code="format")
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ValidationError(
                    _("This image is %(pixels)s megapixels; the limit is 40."),
                    code="too_many_pixels",
                    params={"pixels": f"{width * height / 1_000_000:.0f}"},
                )
            image.verify()
        with _opened(file) as image:
            image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            _("This image has too many pixels; the limit is 40 megapixels."),
            code="too_many_pixels",
        ) from None
    except Exception:
        # Not code "invalid": a form's FileField would show its own message for that code
        # ("No file was submitted...") instead of this one.
        raise ValidationError(
            _("This file is not a readable image, or it is damaged."), code="unreadable"
        ) from None


@contextmanager
def _opened(file):
    """The file opened with Pillow, read from its start and left at its start afterwards.

    No warnings filter is touched: the filters are one list for the whole process, and a filter
    set here (once left in place when opening failed) turned a later image's decompression-bomb
    warning into an error elsewhere ("not an image"). Pixels are counted by `validate_image`
    itself; Pillow's own DecompressionBombError (above twice its limit) is caught there.
    """
    file.seek(0)
    try:
        # Pillow's own exit, not image.close(): close() also closes the file we were given
        # (for PNG and GIF, which keep it for their frames), and the caller still needs it.
        with Image.open(file) as image:
            yield image
    finally:
        file.seek(0)


def _flatten(image):
    """RGB for JPEG: transparent areas become white rather than black."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def strip_metadata(file, name):
    """The upload re-encoded with its orientation applied and its EXIF and other metadata gone.

    The returned file is named after the upload, with the extension of its real format.
    """
    out = io.BytesIO()
    with _opened(file) as image:
        image_format = image.format
        if getattr(image, "is_animated", False):
            image.save(out, format=image_format, save_all=True)
        else:
            upright = ImageOps.exif_transpose(image)
            if image_format == "JPEG":
                upright = upright.convert("RGB")
            options = {"quality": 90, "optimize": True} if image_format in ("JPEG", "WEBP") else {}
            upright.save(out, format=image_format, **options)
    stem = PurePosixPath(name).stem or "image"
    return ContentFile(out.getvalue(), name=f"{stem}.{ACCEPTED_FORMATS[image_format]}")


def rendition_widths(original_width, standard=RENDITION_WIDTHS):
    """The standard widths below the original, plus the original itself (at most the largest
    standard width)."""
    widths = [width for width in standard if width < original_width]
    widths.append(min(original_width, standard[-1]))
    return sorted(set(widths))


def make_renditions(file, name, storage=default_storage, widths=RENDITION_WIDTHS):
    """Write each width in WebP and JPEG; return their descriptions for the model to keep."""
    stem = PurePosixPath(name).stem
    folder = PurePosixPath(name).parent / RENDITION_DIR
    renditions = []
    with _opened(file) as image:
        image.seek(0)
        source = _flatten(ImageOps.exif_transpose(image))
    for width in rendition_widths(source.width, widths):
        height = max(1, round(source.height * width / source.width))
        resized = (
            source
            if width == source.width
            else source.resize((width, height), Image.Resampling.LANCZOS)
        )
        for extension, image_format, mime in RENDITION_FORMATS:
            out = io.BytesIO()
            resized.save(out, format=image_format, quality=82, optimize=True)
            stored = storage.save(
                str(folder / f"{stem}-{width}.{extension}"), ContentFile(out.getvalue())
            )
            renditions.append({"width": width, "height": height, "type": mime, "name": stored})
    return renditions


def delete_files(names, storage=default_storage):
    for name in names:
        storage.delete(name)


@dataclass(frozen=True)
class Picture:
    """What a template needs to draw a responsive <picture>: sources, fallback, size, alt."""

    renditions: tuple
    alt: str

    @classmethod
    def from_renditions(cls, renditions, alt):
        return cls(tuple(renditions), alt) if renditions else None

    def _srcset(self, mime):
        return ", ".join(
            f"{default_storage.url(r['name'])} {r['width']}w"
            for r in self.renditions
            if r["type"] == mime
        )

    @property
    def webp_srcset(self):
        return self._srcset("image/webp")

    @property
    def jpeg_srcset(self):
        return self._srcset("image/jpeg")

    @property
    def largest(self):
        return max(
            (r for r in self.renditions if r["type"] == "image/jpeg"), key=lambda r: r["width"]
        )

    @property
    def src(self):
        return default_storage.url(self.largest["name"])

    @property
    def width(self):
        return self.largest["width"]

    @property
    def height(self):
        return self.largest["height"]
