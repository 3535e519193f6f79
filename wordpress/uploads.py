"""
Exports uploaded in the admin: kept in a private folder (never under MEDIA_ROOT: an export holds
commenters' emails and IP addresses) until the background task has imported them, then deleted.

A zip of wp-content/uploads is unpacked there safely: only image files, no path leaving the
folder, no links, within limits of count and size that the zip's own headers cannot lie past.
"""

import shutil
import stat
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.utils.translation import gettext as _

from articles import images

from .models import ImportRun

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".webp"}
MAX_ZIP_MEMBERS = 200_000
MAX_UNPACKED_BYTES = 4 * 2**30
COPY_CHUNK = 1 << 20


class UploadRefused(Exception):
    """The zip cannot be unpacked; the message says why."""


def import_root():
    return Path(settings.WORDPRESS_IMPORT_ROOT)


def discard_files(run):
    """Delete what the run's upload left in the private folder."""
    if run.export_path:
        shutil.rmtree(Path(run.export_path).parent, ignore_errors=True)
    run.export_path = run.uploads_path = ""
    ImportRun.objects.filter(pk=run.pk).update(export_path="", uploads_path="")


def _is_link(info):
    return stat.S_ISLNK(info.external_attr >> 16)


def _safe_relative(name):
    """The member's path when it stays inside the folder, else None."""
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or not path.parts or ":" in path.parts[0]:
        return None
    return path


def unpack_images(zip_path, destination):
    """Unpack the zip's images into `destination`; return (unpacked, left out)."""
    destination = Path(destination)
    destination.mkdir(parents=True, exist_ok=True)
    root = destination.resolve()
    unpacked = left_out = total = 0
    try:
        archive = zipfile.ZipFile(zip_path)
    except (zipfile.BadZipFile, OSError):
        raise UploadRefused(_("The uploads file is not a readable zip archive.")) from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_ZIP_MEMBERS:
            raise UploadRefused(
                _("The zip holds more than %(count)s files.") % {"count": f"{MAX_ZIP_MEMBERS:,}"}
            )
        for info in members:
            if info.is_dir():
                continue
            relative = _safe_relative(info.filename)
            if (
                relative is None
                or _is_link(info)
                or relative.suffix.lower() not in IMAGE_SUFFIXES
                or info.file_size > images.MAX_UPLOAD_BYTES
            ):
                left_out += 1
                continue
            target = (root / relative).resolve()
            if not target.is_relative_to(root):
                left_out += 1
                continue
            written, copied = _copy(archive, info, target)
            total += written
            if total > MAX_UNPACKED_BYTES:
                raise UploadRefused(
                    _("The zip unpacks to more than %(size)s GB.")
                    % {"size": MAX_UNPACKED_BYTES // 2**30}
                )
            unpacked, left_out = unpacked + copied, left_out + (not copied)
    return unpacked, left_out


def _copy(archive, info, target):
    """(bytes read, copied?) for one member: never more bytes than an image may have,
    whatever the zip's header says; a damaged or oversized member is not kept."""
    target.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    try:
        with archive.open(info) as source, target.open("wb") as out:
            while chunk := source.read(COPY_CHUNK):
                written += len(chunk)
                if written > images.MAX_UPLOAD_BYTES:
                    raise ValueError("larger than its header says")
                out.write(chunk)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, ValueError):
        target.unlink(missing_ok=True)
        return written, False
    return written, True
