"""Images come from a local copy of wp-content/uploads, through the image pipeline; never from
the network, never from outside that folder."""

import io
import stat
import zipfile

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from articles.models import Article
from wordpress.media import MediaFolder
from wordpress.uploads import UploadRefused, unpack_images

from . import wxr_files as wxr
from .conftest import jpeg_bytes, row

pytestmark = pytest.mark.django_db

INLINE = f"{wxr.SITE}/wp-content/uploads/2021/03/inline.jpg"


def post_with_image(thumbnail="9", content=""):
    return wxr.item(
        1, "Pictured", name="pictured", content=content, meta=[("_thumbnail_id", thumbnail)]
    )


def exif_with_gps():
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    return exif


def test_the_featured_image_goes_through_the_image_pipeline(run_import, uploads, client):
    uploads.add("2021/03/photo.jpg", jpeg_bytes(size=(1200, 800), exif=exif_with_gps()))
    run = run_import(
        post_with_image(),
        wxr.attachment(9, "2021/03/photo.jpg", alt="A bowl of oats"),
        media_dir=uploads.path,
    )

    article = Article.objects.get(slug="pictured")
    assert article.featured_image_alt == "A bowl of oats"
    assert {r["width"] for r in article.image_renditions} == {480, 960, 1200}
    with default_storage.open(article.featured_image.name) as stored:
        assert not Image.open(stored).getexif()
    assert row(run, "attachment")["imported"] == 1
    page = client.get(article.get_absolute_url()).content.decode()
    assert default_storage.url(article.image_renditions[0]["name"]) in page


def test_a_missing_featured_image_is_reported_and_the_post_imported(run_import, uploads):
    run = run_import(
        post_with_image(), wxr.attachment(9, "2021/03/gone.jpg"), media_dir=uploads.path
    )

    article = Article.objects.get(slug="pictured")
    assert not article.featured_image
    assert row(run, "post")["notes"] == {"featured image not imported": 1}
    assert row(run, "attachment")["reasons"] == {"file not found in the uploads folder": 1}


def test_a_file_that_is_not_an_image_is_not_imported(run_import, uploads):
    uploads.add("2021/03/fake.jpg", b"<?php echo 'not an image'; ?>")
    run = run_import(
        post_with_image(), wxr.attachment(9, "2021/03/fake.jpg"), media_dir=uploads.path
    )

    assert not Article.objects.get(slug="pictured").featured_image
    assert row(run, "attachment")["reasons"] == {
        "not a readable JPEG, PNG, WebP or GIF (left linking to the old address)": 1
    }


def test_an_unused_attachment_is_not_imported(run_import, uploads):
    uploads.add("2021/03/spare.jpg")
    run = run_import(
        wxr.item(1, "x"), wxr.attachment(9, "2021/03/spare.jpg"), media_dir=uploads.path
    )

    assert row(run, "attachment")["reasons"] == {"not used by any imported post": 1}


def test_inline_images_are_stored_and_their_addresses_rewritten(run_import, uploads, client):
    uploads.add("2021/03/inline.jpg")
    run = run_import(
        wxr.item(
            1,
            "Inline",
            name="inline",
            content=f'<img src="{INLINE}" alt="Inline">\n\n<a href="{INLINE}">Full size</a>\n\n'
            f'<img src="{wxr.SITE}/wp-content/uploads/2021/03/missing.png" alt="Missing">',
        ),
        media_dir=uploads.path,
    )

    html = Article.objects.get(slug="inline").body_html
    stored = default_storage.url("wordpress/2021/03/inline.jpg")
    assert f'src="{stored}"' in html
    assert f'href="{stored}"' in html
    assert f"{wxr.SITE}/wp-content/uploads/2021/03/missing.png" in html
    assert default_storage.exists("wordpress/2021/03/inline.jpg")
    assert client.get(stored).status_code == 200
    assert (row(run, "file")["imported"], row(run, "file")["skipped"]) == (1, 1)


def test_the_network_is_never_used(run_import, uploads, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the importer opened a network connection")

    monkeypatch.setattr("socket.socket.connect", no_network)
    monkeypatch.setattr("urllib.request.urlopen", no_network)
    run = run_import(
        post_with_image(content=f'<img src="{INLINE}" alt="">'),
        wxr.attachment(9, "2021/03/photo.jpg"),
        media_dir=uploads.path,
    )

    assert row(run, "file")["reasons"] == {"file not found in the uploads folder": 1}


def test_paths_leaving_the_uploads_folder_are_never_followed(tmp_path, uploads):
    secret = tmp_path / "secret.jpg"
    secret.write_bytes(jpeg_bytes())
    (uploads.path / "2021").mkdir()
    (uploads.path / "2021" / "link.jpg").symlink_to(secret)
    folder = MediaFolder(uploads.path)

    assert folder.find("../secret.jpg") is None
    assert folder.find("/etc/passwd") is None
    assert folder.find("2021/../../secret.jpg") is None
    assert folder.find("2021/link.jpg") is None
    assert folder.find("") is None


def test_the_copy_may_be_the_uploads_folder_or_a_parent_of_it(tmp_path):
    (tmp_path / "wp-content" / "uploads" / "2021").mkdir(parents=True)
    image = tmp_path / "wp-content" / "uploads" / "2021" / "a.jpg"
    image.write_bytes(jpeg_bytes())

    assert MediaFolder(tmp_path).find("2021/a.jpg") == image.resolve()


# Zips uploaded in the admin ------------------------------------------------------------


def make_zip(path, members):
    with zipfile.ZipFile(path, "w") as archive:
        for name, data, *mode in members:
            info = zipfile.ZipInfo(name)
            if mode:
                info.external_attr = mode[0] << 16
            archive.writestr(info, data)
    return path


def test_only_images_inside_the_folder_are_unpacked(tmp_path):
    archive = make_zip(
        tmp_path / "uploads.zip",
        [
            ("uploads/2021/03/a.jpg", jpeg_bytes()),
            ("../escape.jpg", jpeg_bytes()),
            ("/absolute.jpg", jpeg_bytes()),
            ("C:/windows.jpg", jpeg_bytes()),
            ("uploads/shell.php", b"<?php ?>"),
            ("uploads/link.jpg", "/etc/passwd", stat.S_IFLNK | 0o777),
        ],
    )
    target = tmp_path / "out"

    unpacked, left_out = unpack_images(archive, target)

    assert (unpacked, left_out) == (1, 5)
    files = sorted(str(p.relative_to(target)) for p in target.rglob("*") if p.is_file())
    assert files == ["uploads/2021/03/a.jpg"]
    assert not (tmp_path / "escape.jpg").exists()
    assert MediaFolder(target).find("2021/03/a.jpg") is not None


def test_a_member_bigger_than_an_image_may_be_is_not_kept(tmp_path, monkeypatch):
    monkeypatch.setattr("articles.images.MAX_UPLOAD_BYTES", 1000)
    archive = make_zip(tmp_path / "u.zip", [("big.jpg", b"\0" * 5000), ("ok.jpg", b"\0" * 10)])

    assert unpack_images(archive, tmp_path / "out") == (1, 1)
    assert not (tmp_path / "out" / "big.jpg").exists()


def test_a_zip_bomb_is_stopped_by_the_total_size(tmp_path, monkeypatch):
    monkeypatch.setattr("wordpress.uploads.MAX_UNPACKED_BYTES", 3000)
    archive = make_zip(tmp_path / "u.zip", [(f"{n}.jpg", b"\0" * 1000) for n in range(5)])

    with pytest.raises(UploadRefused, match="unpacks to more than"):
        unpack_images(archive, tmp_path / "out")


def test_a_file_that_is_not_a_zip_is_refused(tmp_path):
    bogus = tmp_path / "u.zip"
    bogus.write_bytes(b"not a zip")

    with pytest.raises(UploadRefused, match="not a readable zip"):
        unpack_images(bogus, tmp_path / "out")


def test_an_image_with_a_lying_size_header_is_cut_off(tmp_path, monkeypatch):
    """The copy counts what it reads, not what the header claims."""
    monkeypatch.setattr("articles.images.MAX_UPLOAD_BYTES", 1000)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.jpg", b"\0" * 5000)
    data = bytearray(buffer.getvalue())
    # Rewrite the central directory's uncompressed size (offset 24 in its entry) to 10 bytes.
    central = data.rfind(b"PK\x01\x02")
    data[central + 24 : central + 28] = (10).to_bytes(4, "little")
    path = tmp_path / "lying.zip"
    path.write_bytes(bytes(data))

    unpacked, left_out = unpack_images(path, tmp_path / "out")

    assert (unpacked, left_out) == (0, 1)
    assert not (tmp_path / "out" / "a.jpg").exists()
