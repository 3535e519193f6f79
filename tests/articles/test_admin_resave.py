"""An article with a featured image saves again, as often as the editor likes, and its image
is never read again; a damaged upload leaves nothing behind for the next one."""

import io
import struct
import warnings
from unittest import mock

import pytest
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.models import Article
from tests.factories import image_file

from .editor import article_with_image, change_url, demo_article, field_errors, open_form

pytestmark = pytest.mark.django_db


def huge_jpeg(width=12_000, height=12_000):
    """A real 16 x 16 JPEG whose frame header (SOF0) says width x height: a few hundred bytes
    that Pillow opens as a 144-megapixel image."""
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), "white").save(buffer, format="JPEG")
    data = bytearray(buffer.getvalue())
    position = 2
    while data[position + 1] != 0xC0:
        position += 2 + struct.unpack(">H", data[position + 2 : position + 4])[0]
    data[position + 5 : position + 9] = struct.pack(">HH", height, width)
    return SimpleUploadedFile("huge.jpg", bytes(data), content_type="image/jpeg")


def truncated_jpeg():
    buffer = io.BytesIO()
    Image.effect_noise((600, 400), 60).convert("RGB").save(buffer, format="JPEG")
    data = buffer.getvalue()
    return SimpleUploadedFile("cut.jpg", data[: len(data) // 2], content_type="image/jpeg")


@pytest.mark.parametrize(
    "change",
    [
        {"status": "published"},
        {"body": "A new opening paragraph.\n\n## Still a section\n\nAnd more."},
    ],
    ids=["status-only", "body-only"],
)
def test_an_article_with_an_image_saves_again(staff_client, change):
    article = article_with_image(status="draft", published_at=None)
    image, renditions = article.featured_image.name, article.image_renditions
    data = open_form(staff_client, article)

    response = staff_client.post(change_url(article), {**data, **change}, follow=True)

    assert response.redirect_chain, field_errors(response, "featured_image")
    assert "was changed successfully" in response.content.decode()
    article.refresh_from_db()
    for name, value in change.items():
        assert getattr(article, name) == value
    # The same image, its files where they were.
    assert (article.featured_image.name, article.image_renditions) == (image, renditions)
    assert default_storage.exists(image)
    assert all(default_storage.exists(r["name"]) for r in renditions)


def test_every_demo_article_saves_again_unchanged(staff_client):
    """The editor's first try: open a demo article and press Save without changing a thing."""
    article = demo_article("sleep-hygiene")
    version = article.version

    response = staff_client.post(change_url(article), open_form(staff_client, article))

    assert response.status_code == 302, field_errors(response, "featured_image")
    article.refresh_from_db()
    assert article.version == version + 1


def test_saving_again_never_opens_the_stored_image(staff_client):
    article = article_with_image()
    data = open_form(staff_client, article)
    opened = []
    real_open = FileSystemStorage._open

    def spy(storage, name, mode="rb"):
        opened.append(name)
        return real_open(storage, name, mode)

    with mock.patch.object(FileSystemStorage, "_open", spy):
        response = staff_client.post(change_url(article), {**data, "title": "Oats, again"})

    assert response.status_code == 302
    assert opened == []


def test_replacing_the_image_still_checks_the_new_one(staff_client):
    article = article_with_image()
    data = open_form(staff_client, article)

    response = staff_client.post(change_url(article), {**data, "featured_image": truncated_jpeg()})

    assert response.status_code == 200
    assert field_errors(response, "featured_image") == [
        "This file is not a readable image, or it is damaged."
    ]
    assert Article.objects.get().featured_image.name == article.featured_image.name


def test_a_damaged_upload_leaves_no_state_for_the_next_image(staff_client):
    """After images that fail to open (a stored image read after it was closed, a text file,
    a cut JPEG), a 12,000 x 12,000 JPEG is still refused for its pixels, in the same process:
    nothing is left in the process-wide warnings filters."""
    filters = list(warnings.filters)
    article = article_with_image()
    data = open_form(staff_client, article)
    staff_client.post(change_url(article), data)
    text_file = SimpleUploadedFile("notes.jpg", b"Not a photo.\n" * 50, content_type="image/jpeg")
    for damaged in (text_file, truncated_jpeg()):
        response = staff_client.post(
            change_url(article), {**open_form(staff_client, article), "featured_image": damaged}
        )
        assert response.status_code == 200
    assert warnings.filters == filters

    response = staff_client.post(
        change_url(article), {**open_form(staff_client, article), "featured_image": huge_jpeg()}
    )

    assert response.status_code == 200
    assert field_errors(response, "featured_image") == [
        "This image is 144 megapixels; the limit is 40."
    ]
    assert warnings.filters == filters


def test_a_new_image_with_its_alt_text_replaces_the_old_one(staff_client):
    article = article_with_image()
    old_image = article.featured_image.name
    data = open_form(staff_client, article)

    response = staff_client.post(
        change_url(article),
        {
            **data,
            "featured_image": image_file("pears.png", image_format="PNG"),
            "featured_image_alt": "Pears",
        },
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.featured_image.name != old_image
    assert article.featured_image.name.endswith("pears.png")
    assert article.featured_image_alt == "Pears"
