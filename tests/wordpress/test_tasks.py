"""The background task and the progress it leaves for the admin page; the command's progress
on a terminal."""

import io
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import OutputWrapper

from articles.models import Article
from tests.factories import StaffFactory
from wordpress import progress
from wordpress.models import ImportRun
from wordpress.tasks import run_import, start_import

from . import wxr_files as wxr

pytestmark = pytest.mark.django_db


def queued(data=None, uploads=None, **options):
    export = SimpleUploadedFile("site.xml", data or wxr.export(wxr.item(1, "Queued", name="q")))
    return start_import(export=export, uploads=uploads, user=StaffFactory(), **options)


def test_a_queued_upload_is_imported_once_and_its_files_deleted(settings):
    run = queued()

    assert run_import.call(run.pk) == ImportRun.Status.DONE
    assert run_import.call(run.pk) is None  # already taken: nothing happens twice

    run.refresh_from_db()
    assert Article.objects.filter(slug="q").count() == 1
    assert (run.export_path, run.uploads_path) == ("", "")
    assert list(settings.WORDPRESS_IMPORT_ROOT.iterdir()) == []


def test_a_run_that_no_longer_exists_is_ignored():
    assert run_import.call(12345) is None


def test_an_unexpected_failure_is_recorded_and_the_upload_deleted(settings):
    run = queued()

    with mock.patch("wordpress.tasks.import_wordpress", side_effect=RuntimeError("disk full")):
        assert run_import.call(run.pk) == ImportRun.Status.FAILED

    run.refresh_from_db()
    assert run.message == "disk full"
    assert run.finished_at is not None
    assert list(settings.WORDPRESS_IMPORT_ROOT.iterdir()) == []


def test_a_damaged_uploads_zip_refuses_the_run():
    run = queued(uploads=SimpleUploadedFile("uploads.zip", b"PK broken"))

    assert run_import.call(run.pk) == ImportRun.Status.REFUSED
    run.refresh_from_db()
    assert "not a readable zip" in run.message
    assert not Article.objects.exists()


def test_progress_goes_to_the_shared_cache_for_the_admin_page():
    cached = progress.CachedProgress(7)

    cached.reading(50, 200)
    assert progress.progress_of(7) == {"phase": "reading", "percent": 25}
    cached.importing(10, 10)
    assert progress.progress_of(7) == {"phase": "importing", "percent": 100}


def test_a_cache_outage_shows_no_progress_rather_than_an_error():
    with mock.patch("wordpress.progress.cache.get", side_effect=ConnectionError):
        assert progress.progress_of(7) is None


def test_on_a_terminal_the_progress_is_one_line_redrawn():
    stream = io.StringIO()
    terminal = progress.TerminalProgress(OutputWrapper(stream), interactive=True)

    terminal.reading(3 * 2**20, 6 * 2**20)
    terminal.importing(2, 4)
    terminal.importing(4, 4)
    terminal.close()

    text = stream.getvalue()
    assert text.startswith("\rReading    [##########          ]  50% 3.0 MB of 6.0 MB")
    assert "\rImporting  [####################] 100% 4 of 4 items" in text
    assert text.endswith("\n")
