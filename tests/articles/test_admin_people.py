"""People in the admin: the list with their article counts, search, the photo (through the
same upload checks and staging as a featured image) and the link to their page."""

import re

import pytest
from django.core.files.storage import default_storage

from articles import staging
from articles.models import Person
from tests.factories import ArticleFactory, PersonFactory, image_file
from tests.form_data import form_data
from tests.markup import parse

from .test_admin import media_files, truncated_jpeg
from .test_images import jpeg_with_exif

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/articles/person/"
ADD = "/admin/articles/person/add/"


def change_url(person):
    return f"/admin/articles/person/{person.pk}/change/"


def person_form(**fields):
    return {
        "name": "Priya Raman",
        "slug": "priya-raman",
        "kind": "person",
        "credentials": "RD",
        "role": "Registered dietitian",
        "bio": "Priya writes about food.",
        "profile_links": "",
        "user": "",
        "staged_image": "",
        **fields,
    }


def test_the_list_counts_each_persons_articles_written_and_reviewed(staff_client):
    amira, tom = PersonFactory(name="Amira Haddad"), PersonFactory(name="Tom Whitaker")
    ArticleFactory.create_batch(2, author=tom, reviewer=amira)
    ArticleFactory(author=amira)

    response = staff_client.get(CHANGELIST)

    assert response.status_code == 200
    rows = {
        p.name: (p.written_count, p.reviewed_count) for p in response.context["cl"].result_list
    }
    assert rows == {"Amira Haddad": (1, 2), "Tom Whitaker": (2, 0)}


def test_the_list_finds_people_by_name_credentials_or_role(staff_client):
    PersonFactory(name="Amira Haddad", credentials="MD")
    PersonFactory(name="Tom Whitaker", role="Health writer")

    by_credentials = staff_client.get(CHANGELIST, {"q": "md"}).context["cl"].result_list
    by_role = staff_client.get(CHANGELIST, {"q": "writer"}).context["cl"].result_list

    assert [p.name for p in by_credentials] == ["Amira Haddad"]
    assert [p.name for p in by_role] == ["Tom Whitaker"]


def test_add_a_person_with_a_photo(admin_client):
    response = admin_client.post(ADD, person_form(photo=jpeg_with_exif(size=(600, 600))))

    assert response.status_code == 302
    person = Person.objects.get()
    assert person.name_with_credentials == "Priya Raman, RD"
    with default_storage.open(person.photo.name) as file:
        assert b"TestCam" not in file.read()
    assert {r["width"] for r in person.photo_renditions} == {96, 240, 480}


def test_the_change_form_previews_the_photo_and_links_the_page(staff_client):
    person = PersonFactory(slug="amira", photo=image_file("amira.jpg", size=(300, 300)))

    response = staff_client.get(change_url(person))

    html = response.content.decode()
    assert re.search(r'<img src="[^"]+amira-300\.jpg" alt="" class="admin-image-preview"', html)
    assert parse(response).find("a", href="/authors/amira/") is not None


def test_a_bad_photo_is_refused_like_a_bad_featured_image(staff_client, settings):
    response = staff_client.post(ADD, person_form(photo=truncated_jpeg()))

    assert response.status_code == 200
    assert "This file is not a readable image, or it is damaged." in response.content.decode()
    assert not Person.objects.exists()
    assert media_files(settings) == []


def test_a_photo_chosen_in_a_form_that_comes_back_is_kept_for_the_next_try(
    staff_client, django_capture_on_commit_callbacks
):
    refused = staff_client.post(
        ADD,
        person_form(photo=image_file("priya.jpg", size=(300, 300)), profile_links="not a link"),
    )
    assert refused.status_code == 200
    note = parse(refused).one("div", class_="staged-upload").text
    assert note.startswith("priya.jpg — it will be saved with this person.")
    assert len(default_storage.listdir(staging.STAGING_DIR)[1]) == 1

    data = {**form_data(refused, "person_form"), "profile_links": ""}
    with django_capture_on_commit_callbacks(execute=True):
        saved = staff_client.post(ADD, data)

    assert saved.status_code == 302
    person = Person.objects.get()
    assert person.photo.name.endswith("priya.jpg")
    assert person.photo_renditions
    assert default_storage.listdir(staging.STAGING_DIR)[1] == []
