"""Uploaded images: what is refused, how the kept ones are cleaned, and their renditions."""

import io
import struct
import warnings
import zlib
from datetime import UTC, datetime
from functools import cache
from unittest import mock

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from PIL import Image

from articles import images
from articles.images import Picture, rendition_widths, strip_metadata, validate_image
from articles.models import Article
from tests.factories import ArticleFactory, image_file

pytestmark = pytest.mark.django_db

ORIENTATION = 0x0112
MAKE = 0x010F


def upload(data, name="upload.png", content_type="image/png"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def image_bytes(image, image_format, **options):
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **options)
    return buffer.getvalue()


def noisy(size=(600, 400)):
    """A photo-like image: noise compresses badly, so a cut file loses real data."""
    return Image.effect_noise(size, 60).convert("RGB")


def _png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


@cache
def png_bomb(width, height):
    """A real, valid black-and-white PNG of width x height: a few KB that decode to a lot."""
    row = b"\0" * (1 + (width + 7) // 8)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", data)
        + _png_chunk(b"IEND", b"")
    )


def jpeg_with_exif(size=(400, 300), orientation=6, make="TestCam X100"):
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[MAKE] = make
    image = Image.new("RGB", size, (200, 40, 40))
    image.paste((40, 40, 200), (0, 0, size[0] // 2, size[1] // 4))  # a mark to see rotation
    return upload(
        image_bytes(image, "JPEG", exif=exif.tobytes()), "camera.jpg", content_type="image/jpeg"
    )


def stored_image(name):
    with default_storage.open(name) as file:
        return Image.open(io.BytesIO(file.read()))


def media_files(settings):
    root = settings.MEDIA_ROOT
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


# Validation: what is accepted and refused.


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP", "GIF"])
def test_accepts_jpeg_png_webp_and_gif(image_format):
    validate_image(image_file(f"photo.{image_format.lower()}", image_format=image_format))


@pytest.mark.parametrize("image_format", ["BMP", "TIFF"])
def test_refuses_other_image_formats(image_format):
    file = image_file("photo.jpg", size=(40, 30), image_format=image_format)
    with pytest.raises(ValidationError) as error:
        validate_image(file)
    assert error.value.code == "format"
    assert "JPEG, PNG, WebP or GIF" in error.value.messages[0]


def test_refuses_a_text_file_named_jpg():
    file = upload(b"Dear editor, this is not a photo.\n" * 20, "photo.jpg", "image/jpeg")
    with pytest.raises(ValidationError) as error:
        validate_image(file)
    assert error.value.code == "unreadable"


def test_refuses_a_truncated_jpeg():
    data = image_bytes(noisy(), "JPEG", quality=90)
    file = upload(data[: len(data) // 2], "cut.jpg", "image/jpeg")
    with pytest.raises(ValidationError) as error:
        validate_image(file)
    assert error.value.code == "unreadable"
    assert "damaged" in error.value.messages[0]


def test_refuses_a_png_with_a_broken_checksum():
    data = bytearray(image_bytes(Image.new("RGB", (50, 50), "white"), "PNG"))
    data[-20] ^= 0xFF  # inside the image data: the CRC no longer matches
    with pytest.raises(ValidationError) as error:
        validate_image(upload(bytes(data)))
    assert error.value.code == "unreadable"


def test_refuses_an_empty_file():
    with pytest.raises(ValidationError):
        validate_image(upload(b"", "empty.jpg"))


def test_refuses_more_than_10_mb():
    file = image_file()
    file.size = 10 * 1024 * 1024 + 1
    with pytest.raises(ValidationError) as error:
        validate_image(file)
    assert error.value.code == "too_large"
    assert error.value.messages == ["This image is 10.0 MB; the limit is 10 MB."]


def test_accepts_exactly_10_mb():
    file = image_file()
    file.size = 10 * 1024 * 1024
    validate_image(file)


def test_refuses_more_than_40_megapixels():
    file = upload(image_bytes(Image.new("1", (8000, 6000)), "PNG"))
    with pytest.raises(ValidationError) as error:
        validate_image(file)
    assert error.value.code == "too_many_pixels"
    assert error.value.messages == ["This image is 48 megapixels; the limit is 40."]


def test_accepts_40_megapixels():
    validate_image(upload(image_bytes(Image.new("1", (8000, 5000)), "PNG")))


@pytest.mark.parametrize(
    "size",
    [(10_000, 10_000), (20_000, 20_000)],
    ids=["over-pillow-warning-limit", "over-pillow-error-limit"],
)
def test_refuses_a_decompression_bomb_with_a_validation_error(size):
    """Pillow warns above ~89 MP and raises above twice that; both are a form error here."""
    data = png_bomb(*size)
    assert len(data) < 100_000
    with pytest.raises(ValidationError) as error:
        validate_image(upload(data, "small.png"))
    assert error.value.code == "too_many_pixels"


def test_failed_validations_leave_the_warnings_filters_as_they_were():
    """The filters are one list for the whole process: a filter left behind by an image that
    failed to open turned a later image's decompression-bomb warning into "not an image"."""
    before = list(warnings.filters)
    closed = image_file()
    closed.close()
    text = upload(b"Not a photo.\n" * 20, "photo.jpg", "image/jpeg")
    for bad in (closed, text, upload(png_bomb(20_000, 20_000)), upload(png_bomb(10_000, 10_000))):
        with pytest.raises(ValidationError):
            validate_image(bad)
    assert warnings.filters == before


def test_validation_leaves_the_file_at_its_start():
    file = image_file()
    validate_image(file)
    assert file.tell() == 0


# Cleaning: EXIF gone, orientation applied, real format.


def test_strip_metadata_removes_exif_and_applies_orientation():
    cleaned = strip_metadata(jpeg_with_exif(), "camera.jpg")
    assert b"TestCam" not in cleaned.read()
    image = Image.open(cleaned)
    assert image.size == (300, 400)
    assert not image.getexif()


def test_stored_original_has_no_exif_and_is_upright():
    article = ArticleFactory(featured_image=jpeg_with_exif(), featured_image_alt="A red card")
    with default_storage.open(article.featured_image.name) as file:
        data = file.read()
    assert b"TestCam" not in data
    image = Image.open(io.BytesIO(data))
    assert not image.getexif()
    assert image.size == (300, 400)
    # The blue mark, top-left of the sideways photo, is top-right once turned upright.
    assert image.getpixel((280, 10))[2] > 150
    assert image.getpixel((10, 390))[0] > 150
    assert (article.featured_image_width, article.featured_image_height) == (300, 400)


def test_renditions_are_upright_too():
    article = ArticleFactory(featured_image=jpeg_with_exif(), featured_image_alt="A red card")
    for rendition in article.image_renditions:
        assert stored_image(rendition["name"]).size == (300, 400)


def test_stored_original_gets_the_extension_of_its_real_format():
    png_named_jpg = image_file("holiday.jpg", size=(200, 100), image_format="PNG")
    article = ArticleFactory(featured_image=png_named_jpg, featured_image_alt="A green block")
    assert article.featured_image.name.endswith("/holiday.png")
    assert stored_image(article.featured_image.name).format == "PNG"


def test_animated_gif_stays_animated():
    frames = [Image.new("RGB", (60, 40), color) for color in ("red", "green", "blue")]
    data = image_bytes(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100)
    article = ArticleFactory(
        featured_image=upload(data, "wave.gif", "image/gif"), featured_image_alt="A wave"
    )
    assert stored_image(article.featured_image.name).n_frames == 3


# Renditions.


@pytest.mark.parametrize(
    ("original", "widths"),
    [(300, [300]), (480, [480]), (700, [480, 700]), (1200, [480, 960, 1200])]
    + [(1600, [480, 960, 1600]), (4000, [480, 960, 1600])],
)
def test_rendition_widths(original, widths):
    assert rendition_widths(original) == widths


def test_renditions_in_webp_and_jpeg_at_each_width():
    article = ArticleFactory(
        featured_image=image_file(size=(2000, 1000)), featured_image_alt="A green field"
    )
    renditions = article.image_renditions
    assert [(r["width"], r["height"], r["type"]) for r in renditions] == [
        (480, 240, "image/webp"),
        (480, 240, "image/jpeg"),
        (960, 480, "image/webp"),
        (960, 480, "image/jpeg"),
        (1600, 800, "image/webp"),
        (1600, 800, "image/jpeg"),
    ]
    for rendition in renditions:
        image = stored_image(rendition["name"])
        assert image.size == (rendition["width"], rendition["height"])
        assert image.format == {"image/webp": "WEBP", "image/jpeg": "JPEG"}[rendition["type"]]
    article.refresh_from_db()
    assert article.image_renditions == renditions


def test_small_image_gets_one_width():
    article = ArticleFactory(featured_image=image_file(size=(300, 200)), featured_image_alt="x")
    assert [(r["width"], r["type"]) for r in article.image_renditions] == [
        (300, "image/webp"),
        (300, "image/jpeg"),
    ]


def test_renditions_are_made_once_not_on_every_save():
    article = ArticleFactory(featured_image=image_file(), featured_image_alt="A green field")
    renditions = article.image_renditions
    with mock.patch.object(images, "make_renditions", wraps=images.make_renditions) as make:
        article.title = "A new title"
        article.save()
        reloaded = Article.objects.get(pk=article.pk)
        reloaded.body = "Edited body."
        reloaded.save()
    make.assert_not_called()
    reloaded.refresh_from_db()
    assert reloaded.image_renditions == renditions


def test_transparent_png_becomes_a_jpeg_with_a_white_background():
    image = Image.new("RGBA", (600, 400), (0, 0, 0, 0))
    image.paste((200, 0, 0, 255), (200, 100, 400, 300))
    article = ArticleFactory(
        featured_image=upload(image_bytes(image, "PNG"), "logo.png"), featured_image_alt="Logo"
    )
    jpeg = next(r for r in article.image_renditions if r["type"] == "image/jpeg")
    rendered = stored_image(jpeg["name"]).convert("RGB")
    assert all(channel > 240 for channel in rendered.getpixel((5, 5)))
    red, green, blue = rendered.getpixel((rendered.width // 2, rendered.height // 2))
    assert red > 150 and green < 60 and blue < 60


def test_replacing_the_image_deletes_old_renditions_after_commit(
    django_capture_on_commit_callbacks,
):
    article = ArticleFactory(featured_image=image_file("first.jpg"), featured_image_alt="One")
    old = [r["name"] for r in article.image_renditions]

    article.featured_image = image_file("second.jpg", color=(10, 10, 10))
    with django_capture_on_commit_callbacks() as callbacks:
        article.save()
    new = [r["name"] for r in article.image_renditions]
    assert all("second" in name for name in new)
    assert all(default_storage.exists(name) for name in old + new)  # not before the commit

    for callback in callbacks:
        callback()
    assert not any(default_storage.exists(name) for name in old)
    assert all(default_storage.exists(name) for name in new)


def test_removing_the_image_removes_its_renditions(django_capture_on_commit_callbacks):
    article = ArticleFactory(featured_image=image_file(), featured_image_alt="One")
    old = [r["name"] for r in article.image_renditions]
    article.featured_image = None
    with django_capture_on_commit_callbacks(execute=True):
        article.save()
    assert article.image_renditions == []
    assert article.picture is None
    assert not any(default_storage.exists(name) for name in old)


def test_old_renditions_survive_a_failed_save(django_capture_on_commit_callbacks):
    """A save that is rolled back must not delete the renditions the row still points at."""
    article = ArticleFactory(featured_image=image_file("first.jpg"), featured_image_alt="One")
    old = [r["name"] for r in article.image_renditions]
    article.featured_image = image_file("second.jpg")
    article.slug = ArticleFactory().slug  # the save will fail on the unique slug
    with (
        django_capture_on_commit_callbacks() as callbacks,
        pytest.raises(IntegrityError),
        transaction.atomic(),
    ):
        article.save()
    assert callbacks == []
    assert [r["name"] for r in Article.objects.get(pk=article.pk).image_renditions] == old
    assert all(default_storage.exists(name) for name in old)


# The picture a template draws.


@time_machine.travel(datetime(2030, 5, 17, tzinfo=UTC))
def test_picture_srcsets_src_and_size():
    article = ArticleFactory(
        featured_image=image_file("oats.jpg", size=(1200, 800)), featured_image_alt="Oats"
    )
    picture = article.picture
    folder = "/media/articles/2030/05/renditions"
    assert picture.webp_srcset == (
        f"{folder}/oats-480.webp 480w, {folder}/oats-960.webp 960w, {folder}/oats-1200.webp 1200w"
    )
    assert picture.jpeg_srcset == (
        f"{folder}/oats-480.jpg 480w, {folder}/oats-960.jpg 960w, {folder}/oats-1200.jpg 1200w"
    )
    assert picture.src == f"{folder}/oats-1200.jpg"
    assert (picture.width, picture.height) == (1200, 800)
    assert picture.alt == "Oats"


def test_picture_of_no_renditions_is_none():
    assert Picture.from_renditions([], "alt") is None


def test_invalid_upload_never_reaches_storage(settings):
    article = ArticleFactory.build(
        featured_image=upload(b"not an image", "x.jpg"), featured_image_alt="x"
    )
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "featured_image" in error.value.message_dict
    assert media_files(settings) == []
