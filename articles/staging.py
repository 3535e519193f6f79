"""
Uploads kept between tries of a form.

A file input cannot be filled in again, so an image chosen in a form that came back for
another error (a missing alt text) used to be lost, and the next save went through without it.
A validated upload is stored once in a staging folder of the default storage; the form carries
a signed reference to it (so no one can point the form at another stored file), and the next
successful save uses it. Staged files that are never used are removed: when another upload
replaces them, when the save that uses or drops them commits, and by `purge_staged_uploads`
once they are older than MAX_AGE.
"""

import uuid
from dataclasses import dataclass
from datetime import timedelta
from pathlib import PurePosixPath

from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

STAGING_DIR = "staging"
MAX_AGE = timedelta(hours=24)
_SALT = "articles.staging"


class StagedUploadGone(Exception):
    """The reference is forged or too old, or its file was removed meanwhile."""


@dataclass(frozen=True)
class StagedUpload:
    path: str  # in the default storage
    name: str  # the file's name on the editor's computer

    @property
    def token(self):
        return signing.dumps([self.path, self.name], salt=_SALT)

    def open(self):
        """The staged file, to be saved as a new upload under its own name."""
        with default_storage.open(self.path) as file:
            return ContentFile(file.read(), name=self.name)

    def discard(self):
        default_storage.delete(self.path)


def stage(upload):
    """Store a validated upload until the form is saved; return its StagedUpload."""
    name = PurePosixPath(upload.name).name or "image"
    upload.seek(0)
    path = default_storage.save(f"{STAGING_DIR}/{uuid.uuid4().hex}-{name}", upload)
    upload.seek(0)
    return StagedUpload(path, name)


def staged(token):
    """The StagedUpload a form's reference points at; StagedUploadGone when there is none."""
    try:
        path, name = signing.loads(token, salt=_SALT, max_age=MAX_AGE)
    except (signing.BadSignature, TypeError, ValueError):
        raise StagedUploadGone from None
    if not default_storage.exists(path):
        raise StagedUploadGone
    return StagedUpload(path, name)


def purge(older_than=MAX_AGE):
    """Remove staged files older than `older_than`; return how many were removed."""
    try:
        _folders, names = default_storage.listdir(STAGING_DIR)
    except FileNotFoundError:
        return 0
    limit = timezone.now() - older_than
    removed = 0
    for name in names:
        path = f"{STAGING_DIR}/{name}"
        if default_storage.get_modified_time(path) < limit:
            default_storage.delete(path)
            removed += 1
    return removed
