"""Files of the old site's wp-content/uploads, found in a local copy of that folder (never
fetched over the network) and brought in through the image pipeline."""

from pathlib import Path, PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage

from articles import images

STORAGE_FOLDER = "wordpress"
# Where a copy of uploads may keep the files: the folder itself, or a parent of it.
LAYOUTS = ("", "uploads", "wp-content/uploads")

MISSING = "file not found in the uploads folder"
NO_FOLDER = "no copy of the uploads folder given (--media-dir, or a zip in the admin)"
NOT_AN_IMAGE = "not a readable JPEG, PNG, WebP or GIF (left linking to the old address)"


class MediaFolder:
    """A copy of wp-content/uploads; `find` never leaves it, even through a symlink."""

    def __init__(self, root):
        self.root = Path(root).resolve() if root else None

    def find(self, upload_path):
        if self.root is None or not upload_path:
            return None
        relative = PurePosixPath(upload_path)
        if relative.is_absolute() or ".." in relative.parts:
            return None
        for layout in LAYOUTS:
            candidate = (self.root / layout / relative).resolve()
            if candidate.is_relative_to(self.root) and candidate.is_file():
                return candidate
        return None

    def why_missing(self):
        return NO_FOLDER if self.root is None else MISSING


def checked_image(path):
    """The file opened as a Django File when it is an image the pipeline accepts, else None.

    The caller closes it.
    """
    file = File(path.open("rb"), name=path.name)
    try:
        images.validate_image(file)
    except ValidationError:
        file.close()
        return None
    return file


def store_image(file, upload_path):
    """Clean the image once (orientation applied, metadata dropped) and store it; its name."""
    cleaned = images.strip_metadata(file, file.name)
    folder = PurePosixPath(STORAGE_FOLDER) / PurePosixPath(upload_path).parent
    return default_storage.save(str(folder / cleaned.name), cleaned)


def delete_stored(names):
    images.delete_files(names)
