"""An image chosen in a form that comes back for another error is kept for the next save."""

import io
import os
import time

import pytest
from django.core import signing
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from articles import staging
from articles.models import Article
from tests.factories import CategoryFactory, image_file
from tests.markup import parse

from .editor import (
    ADD_URL,
    all_errors,
    article_with_image,
    change_url,
    field_errors,
    open_form,
    resubmit,
)
from .test_images import jpeg_with_exif

pytestmark = pytest.mark.django_db

ALT_MISSING = "Describe the image for readers who cannot see it."


def staged_files():
    try:
        return sorted(default_storage.listdir(staging.STAGING_DIR)[1])
    except FileNotFoundError:
        return []


def chosen_note(response):
    """The row that tells the editor which image is kept, as read on the page."""
    row = parse(response).find("div", class_="field-staged_image")
    return row.text if row is not None and "hidden" not in row.classes else None


@pytest.fixture
def refused(staff_client):
    """An article with an image; the editor chooses a new one but clears the alt text."""
    article = article_with_image(title="Oats")
    data = open_form(staff_client, article)
    response = staff_client.post(
        change_url(article),
        {**data, "featured_image": image_file("pears.jpg"), "featured_image_alt": ""},
    )
    assert response.status_code == 200
    return article, response


def test_the_chosen_image_is_named_and_kept_for_the_next_save(
    staff_client, refused, django_capture_on_commit_callbacks
):
    article, response = refused
    assert field_errors(response, "featured_image_alt") == [ALT_MISSING]
    assert chosen_note(response) == (
        "Image chosen: pears.jpg — it will be saved with the article. Do not use this image"
    )
    assert len(staged_files()) == 1
    assert Article.objects.get().featured_image.name == article.featured_image.name

    with django_capture_on_commit_callbacks(execute=True):
        saved = staff_client.post(
            change_url(article), {**resubmit(response), "featured_image_alt": "Two pears"}
        )

    assert saved.status_code == 302, all_errors(saved)
    article.refresh_from_db()
    assert article.featured_image.name.endswith("pears.jpg")
    assert article.featured_image_alt == "Two pears"
    assert default_storage.exists(article.featured_image.name)
    assert {r["width"] for r in article.image_renditions} == {480, 960, 1200}
    assert staged_files() == []


def test_a_kept_image_is_stored_without_its_metadata(staff_client):
    article = article_with_image()
    data = open_form(staff_client, article)
    staff_client.post(
        change_url(article), {**data, "featured_image": jpeg_with_exif(), "featured_image_alt": ""}
    )
    [name] = staged_files()
    with default_storage.open(f"{staging.STAGING_DIR}/{name}") as file:
        assert b"TestCam" not in file.read()


def test_the_kept_image_survives_a_second_refusal(staff_client, refused):
    article, response = refused
    again = staff_client.post(change_url(article), resubmit(response))
    assert field_errors(again, "featured_image_alt") == [ALT_MISSING]
    assert chosen_note(again).startswith("Image chosen: pears.jpg")
    assert len(staged_files()) == 1


def test_another_choice_replaces_the_kept_image(
    staff_client, refused, django_capture_on_commit_callbacks
):
    article, response = refused
    first = staged_files()
    again = staff_client.post(
        change_url(article),
        {**resubmit(response), "featured_image": image_file("plums.png", image_format="PNG")},
    )
    assert chosen_note(again).startswith("Image chosen: plums.png")
    assert len(staged_files()) == 1 and staged_files() != first  # the old one is gone

    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(change_url(article), {**resubmit(again), "featured_image_alt": "Plums"})

    assert Article.objects.get().featured_image.name.endswith("plums.png")
    assert staged_files() == []


def test_an_image_chosen_with_an_error_in_a_related_link_is_kept_too(
    staff_client, django_capture_on_commit_callbacks
):
    """The article's own fields are valid, its related links are not: still nothing saved,
    and the image waits for the next save."""
    article = article_with_image(title="Oats")
    data = open_form(staff_client, article)
    with django_capture_on_commit_callbacks(execute=True):
        refused = staff_client.post(
            change_url(article),
            {
                **data,
                "featured_image": image_file("pears.jpg"),
                "related_links-0-url": "https://example.org/guide",
            },
        )
    assert "An external link needs a title." in all_errors(refused)
    assert chosen_note(refused).startswith("Image chosen: pears.jpg")
    assert len(staged_files()) == 1

    with django_capture_on_commit_callbacks(execute=True):
        saved = staff_client.post(
            change_url(article), {**resubmit(refused), "related_links-0-title": "A guide"}
        )

    assert saved.status_code == 302, all_errors(saved)
    article.refresh_from_db()
    assert article.featured_image.name.endswith("pears.jpg")
    assert [link.title for link in article.related_links.all()] == ["A guide"]
    assert staged_files() == []


def test_the_editor_may_drop_the_kept_image(
    staff_client, refused, django_capture_on_commit_callbacks
):
    article, response = refused
    data = {
        **resubmit(response),
        "featured_image_alt": "A bowl of oats",
        "staged_image-discard": "1",
    }
    with django_capture_on_commit_callbacks(execute=True):
        saved = staff_client.post(change_url(article), data)

    assert saved.status_code == 302
    assert Article.objects.get().featured_image.name == article.featured_image.name
    assert staged_files() == []


def test_a_dropped_image_is_gone_even_when_the_form_comes_back_again(staff_client, refused):
    article, response = refused
    again = staff_client.post(
        change_url(article), {**resubmit(response), "staged_image-discard": "1"}
    )
    assert field_errors(again, "featured_image_alt") == [ALT_MISSING]
    assert chosen_note(again) is None
    assert staged_files() == []
    assert resubmit(again)["staged_image"] == ""


def test_a_kept_image_on_the_add_form_is_saved_with_the_new_article(staff_client):
    data = {
        **open_form(staff_client),
        "title": "Pears",
        "slug": "pears",
        "category": CategoryFactory().pk,
        "body": "Pears are good.",
    }
    refused = staff_client.post(ADD_URL, {**data, "featured_image": image_file("pears.jpg")})
    assert chosen_note(refused).startswith("Image chosen: pears.jpg")

    saved = staff_client.post(ADD_URL, {**resubmit(refused), "featured_image_alt": "Pears"})

    assert saved.status_code == 302, all_errors(saved)
    assert Article.objects.get().featured_image.name.endswith("pears.jpg")


def test_a_forged_reference_is_refused_and_nothing_saved(staff_client, settings):
    article = article_with_image()
    outside = article.featured_image.name
    forged = signing.dumps([outside, "x.jpg"], salt="not-ours")
    data = {**open_form(staff_client, article), "staged_image": forged}

    response = staff_client.post(change_url(article), data)

    assert response.status_code == 200
    assert field_errors(response, "featured_image") == [
        "The image you chose before was not kept; please choose it again."
    ]
    assert default_storage.exists(outside)
    assert Article.objects.get().featured_image.name == outside


def test_only_valid_images_are_kept(staff_client):
    article = article_with_image()
    data = open_form(staff_client, article)
    bad = io.BytesIO(b"not an image")
    bad.name = "bad.jpg"
    response = staff_client.post(change_url(article), {**data, "featured_image": bad})
    assert response.status_code == 200
    assert chosen_note(response) is None
    assert staged_files() == []


def test_purge_removes_staged_files_older_than_a_day(settings):
    old = staging.stage(image_file("old.jpg"))
    new = staging.stage(image_file("new.jpg"))
    day_and_a_bit = time.time() - 25 * 3600
    os.utime(settings.MEDIA_ROOT / old.path, (day_and_a_bit, day_and_a_bit))
    out = io.StringIO()

    call_command("purge_staged_uploads", stdout=out)

    assert out.getvalue().strip() == "Removed 1 staged upload(s) older than 24 hours."
    assert not default_storage.exists(old.path)
    assert default_storage.exists(new.path)
    with pytest.raises(staging.StagedUploadGone):
        staging.staged(old.token)


def test_purge_with_nothing_staged_and_a_bad_argument():
    out = io.StringIO()
    call_command("purge_staged_uploads", "--hours", "0", stdout=out)
    assert "Removed 0 staged upload(s)" in out.getvalue()
    with pytest.raises(CommandError, match="--hours cannot be negative"):
        call_command("purge_staged_uploads", "--hours", "-1")
