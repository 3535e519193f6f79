"""The "Import from WordPress" page: for holders of the import permission, running in the
background, its progress and report on the run's page."""

import io
import zipfile

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from articles.models import Article
from tests.factories import StaffFactory, UserFactory
from tests.markup import parse
from wordpress.models import ImportRun
from wordpress.progress import cache_key

from . import wxr_files as wxr
from .conftest import jpeg_bytes

pytestmark = pytest.mark.django_db

IMPORT_URL = "/admin/wordpress/importrun/import/"
LIST_URL = "/admin/wordpress/importrun/"


def importer_client():
    user = StaffFactory(username="mover")
    user.user_permissions.add(Permission.objects.get(codename="import_wordpress"))
    client = Client()
    client.force_login(user)
    return client


def export_upload(data=None, name="site.xml"):
    data = (
        data
        if data is not None
        else wxr.export(
            wxr.item(1, "Imported here", name="imported-here", meta=[("_thumbnail_id", "9")]),
            wxr.attachment(9, "2021/03/photo.jpg"),
        )
    )
    return SimpleUploadedFile(name, data, content_type="text/xml")


def zip_upload(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return SimpleUploadedFile("uploads.zip", buffer.getvalue(), content_type="application/zip")


def upload(client, capture, **fields):
    with capture(execute=True):
        return client.post(IMPORT_URL, fields)


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(IMPORT_URL)

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_staff_without_the_permission_cannot_import_or_read_reports(staff_client):
    assert staff_client.get(IMPORT_URL).status_code == 403
    assert staff_client.get(LIST_URL).status_code == 403
    assert staff_client.post(IMPORT_URL, {"export": export_upload()}).status_code == 403
    assert not ImportRun.objects.exists()


@pytest.mark.parametrize("pk", ["abc", "0", "9" * 30, "999"])
def test_an_import_that_does_not_exist_is_not_found(pk):
    response = importer_client().get(f"/admin/wordpress/importrun/{pk}/change/")

    assert response.status_code == 404


def test_the_list_of_imports_offers_the_import_page():
    response = importer_client().get(LIST_URL)

    assert response.status_code == 200
    links = [a["href"] for a in parse(response).find_all("a")]
    assert IMPORT_URL in links


def test_the_import_page_has_a_labelled_upload_form():
    response = importer_client().get(IMPORT_URL)

    form = parse(response).find("form", id="wordpress-import-form")
    assert form["enctype"] == "multipart/form-data"
    labels = {label["for"] for label in form.find_all("label")}
    assert {"id_export", "id_uploads", "id_dry_run"} <= labels
    assert form.find("input", name="csrfmiddlewaretoken") is not None


def test_an_upload_that_is_not_xml_is_refused_in_the_form(django_capture_on_commit_callbacks):
    client = importer_client()

    response = upload(
        client,
        django_capture_on_commit_callbacks,
        export=SimpleUploadedFile("site.txt", b"hello"),
    )

    assert response.status_code == 200
    assert "errornote" in response.content.decode()
    assert not ImportRun.objects.exists()


def test_an_upload_is_imported_in_the_background_and_reported(
    django_capture_on_commit_callbacks, settings
):
    client = importer_client()

    response = upload(
        client,
        django_capture_on_commit_callbacks,
        export=export_upload(),
        uploads=zip_upload({"uploads/2021/03/photo.jpg": jpeg_bytes()}),
    )

    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{LIST_URL}{run.pk}/change/"
    assert run.status == ImportRun.Status.DONE
    assert run.started_by.username == "mover"
    article = Article.objects.get(slug="imported-here")
    assert article.featured_image
    assert (run.export_path, run.uploads_path) == ("", "")
    assert list(settings.WORDPRESS_IMPORT_ROOT.iterdir()) == []
    page = client.get(response["Location"])
    report = parse(page).find("table", id="import-report")
    assert report is not None
    assert "Added" in parse(page).find("p", id="import-totals").text
    assert 'http-equiv="refresh"' not in page.content.decode()


def test_a_refused_export_says_what_and_where(django_capture_on_commit_callbacks):
    client = importer_client()
    broken = wxr.export(wxr.item(1, "x"))[:200]

    upload(client, django_capture_on_commit_callbacks, export=export_upload(broken))

    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.REFUSED
    page = client.get(f"{LIST_URL}{run.pk}/change/").content.decode()
    assert "ends too early" in page
    assert "line" in page
    assert not Article.objects.exists()


def test_a_dry_run_from_the_admin_keeps_its_report_and_nothing_else(
    django_capture_on_commit_callbacks,
):
    client = importer_client()

    upload(client, django_capture_on_commit_callbacks, export=export_upload(), dry_run="on")

    run = ImportRun.objects.get()
    assert run.dry_run
    assert run.status == ImportRun.Status.DONE
    assert run.report["rows"]["post"]["imported"] == 1
    assert not Article.objects.exists()


def test_a_running_import_shows_its_progress_and_refreshes():
    run = ImportRun.objects.create(file_name="big.xml", status=ImportRun.Status.RUNNING)
    cache.set(cache_key(run.pk), {"phase": "importing", "percent": 42})

    response = importer_client().get(f"{LIST_URL}{run.pk}/change/")

    page = parse(response)
    bar = page.find("progress", id="import-progress-bar")
    assert bar["value"] == "42"
    assert 'http-equiv="refresh"' in response.content.decode()


def test_a_queued_import_without_progress_says_it_is_working():
    run = ImportRun.objects.create(file_name="big.xml")

    response = importer_client().get(f"{LIST_URL}{run.pk}/change/")

    assert "Working" in parse(response).find("p", id="import-progress").text


def test_a_plain_user_with_the_permission_but_not_staff_gets_no_admin(client):
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="import_wordpress"))
    client.force_login(user)

    assert client.get(IMPORT_URL).status_code == 302
