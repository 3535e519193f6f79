"""Fixtures of the WordPress import tests: exports written to disk, a copy of the old site's
uploads folder, and the import run the way staff run it."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from PIL import Image

from wordpress.importer import import_wordpress

from . import wxr_files as wxr


@pytest.fixture(autouse=True)
def _private_import_folder(settings, tmp_path):
    settings.WORDPRESS_IMPORT_ROOT = tmp_path / "imports"


@pytest.fixture
def write_export(tmp_path):
    """write_export(bytes or parts…, name=…) → the path of an export file."""

    def write(*parts, name="export.xml", **options):
        data = parts[0] if len(parts) == 1 and isinstance(parts[0], bytes) else None
        path = Path(tmp_path) / name
        path.write_bytes(data if data is not None else wxr.export(*parts, **options))
        return path

    return write


def jpeg_bytes(size=(640, 480), color=(200, 120, 40), exif=None):
    buffer = io.BytesIO()
    image = Image.new("RGB", size, color)
    options = {"exif": exif} if exif else {}
    image.save(buffer, format="JPEG", **options)
    return buffer.getvalue()


@pytest.fixture
def uploads(tmp_path):
    """A copy of wp-content/uploads: add(path, bytes) puts a file in it."""
    root = Path(tmp_path) / "uploads"
    root.mkdir()

    class Uploads:
        path = root

        def add(self, relative, data=None):
            target = root / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(jpeg_bytes() if data is None else data)
            return target

    return Uploads()


@pytest.fixture
def run_import(write_export):
    """Import parts of an export (or bytes) and return the run, as the command would."""

    def run(*parts, media_dir=None, dry_run=False, version="1.2", name="export.xml", **options):
        path = write_export(*parts, version=version, name=name, **options)
        return import_wordpress(path, media_dir=media_dir, dry_run=dry_run)

    return run


@pytest.fixture
def command(write_export, capsys):
    """Run manage.py import_wordpress; returns (stdout, stderr)."""

    def run(*args, **options):
        call_command("import_wordpress", *[str(arg) for arg in args], **options)
        captured = capsys.readouterr()
        return captured.out, captured.err

    return run


def row(run, kind):
    return run.report["rows"][kind]
