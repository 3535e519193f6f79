"""The admin's imports are queued and run here, in the background (Django's Tasks API)."""

import logging
import uuid
from pathlib import Path

from django.db import transaction
from django_tasks import task

from .importer import WXRError, finish, import_wordpress
from .models import ImportRun
from .progress import CachedProgress
from .uploads import UploadRefused, discard_files, import_root, unpack_images

logger = logging.getLogger(__name__)


@task()
def run_import(run_id):
    """Import an uploaded export; the run records how it went, and the upload is deleted."""
    queued = ImportRun.objects.filter(pk=run_id, status=ImportRun.Status.QUEUED)
    if not queued.update(status=ImportRun.Status.RUNNING):
        return None  # gone, or another worker took it
    run = ImportRun.objects.get(pk=run_id)
    try:
        media_dir = None
        if run.uploads_path:
            media_dir = Path(run.uploads_path).with_suffix("")
            unpack_images(run.uploads_path, media_dir)
        import_wordpress(
            run.export_path, media_dir=media_dir, run=run, progress=CachedProgress(run.pk)
        )
    except (WXRError, UploadRefused) as refusal:
        finish(run, ImportRun.Status.REFUSED, message=str(refusal))
    except Exception as error:
        logger.exception("WordPress import %s failed", run.pk)
        if run.status != ImportRun.Status.FAILED:
            finish(run, ImportRun.Status.FAILED, message=str(error) or type(error).__name__)
    finally:
        discard_files(run)
    return run.status


def _save(upload, path):
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)


def start_import(*, export, uploads=None, dry_run=False, user):
    """Keep the uploaded files and queue their import; the ImportRun to follow it by."""
    folder = import_root() / uuid.uuid4().hex
    folder.mkdir(parents=True, mode=0o700)
    _save(export, folder / "export.xml")
    if uploads is not None:
        _save(uploads, folder / "uploads.zip")
    run = ImportRun.objects.create(
        file_name=Path(export.name).name[:255],
        started_by=user,
        dry_run=dry_run,
        export_path=str(folder / "export.xml"),
        uploads_path=str(folder / "uploads.zip") if uploads is not None else "",
    )
    transaction.on_commit(lambda: run_import.enqueue(run.pk))
    return run
