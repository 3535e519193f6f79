"""Running it twice gets it once; a later export adds only what is new; a dry run and a failed
run leave nothing behind; the command reports and shows its progress."""

import pytest
from django.contrib.flatpages.models import FlatPage
from django.contrib.redirects.models import Redirect
from django.core.management.base import CommandError

from articles.models import Article, Category, Tag
from comments.models import Comment
from wordpress.models import ImportedItem, ImportRun

from . import wxr_files as wxr
from .conftest import row

pytestmark = pytest.mark.django_db


def whole_site(extra_comments=()):
    return [
        wxr.category("health", "Health"),
        wxr.tag("naps", "Naps"),
        wxr.item(
            1,
            "Naps",
            name="naps",
            content=f'See <img src="{wxr.SITE}/wp-content/uploads/2021/03/nap.jpg" alt="">',
            terms=(("category", "health", "Health"), ("post_tag", "naps", "Naps")),
            meta=[("_thumbnail_id", "9")],
            comments=[
                wxr.comment(1, content="First"),
                wxr.comment(2, content="Reply", parent=1, approved="0"),
                *extra_comments,
            ],
        ),
        wxr.item(2, "About", post_type="page", link=f"{wxr.SITE}/about/", content="Us"),
        wxr.attachment(9, "2021/03/nap.jpg", alt="A nap"),
    ]


def counts():
    return {
        "articles": Article.objects.count(),
        "comments": Comment.objects.count(),
        "pages": FlatPage.objects.count(),
        "categories": Category.objects.count(),
        "tags": Tag.objects.count(),
        "redirects": Redirect.objects.count(),
        "memory": ImportedItem.objects.count(),
    }


def test_the_second_run_adds_nothing_and_changes_nothing(run_import, uploads):
    uploads.add("2021/03/nap.jpg")
    first = run_import(*whole_site(), media_dir=uploads.path)
    before = counts()
    stamps = list(Article.objects.values_list("modified_at", flat=True))

    second = run_import(*whole_site(), media_dir=uploads.path)

    assert first.report["added"] > 0
    assert (second.report["added"], second.report["changed"]) == (0, 0)
    assert counts() == before
    assert list(Article.objects.values_list("modified_at", flat=True)) == stamps
    assert row(second, "post")["reasons"] == {"already imported, unchanged": 1}
    assert row(second, "comment")["reasons"] == {"already imported": 2}
    assert row(second, "attachment")["reasons"] == {"already imported": 1}
    assert row(second, "file")["reasons"] == {"already imported": 1}


def test_a_later_export_adds_only_what_is_new(run_import):
    run_import(*whole_site())
    later = run_import(
        *whole_site(extra_comments=[wxr.comment(3, content="New reply", parent=2)]),
        wxr.item(3, "A new post", name="new-post"),
        name="later.xml",
    )

    assert later.report["added"] == 3  # the post, its redirect and the new comment
    assert row(later, "post")["imported"] == 1
    assert row(later, "comment")["imported"] == 1
    new = Comment.objects.get(body="New reply")
    assert new.parent == Comment.objects.get(body="Reply")
    assert new.depth == 3
    assert Article.objects.filter(slug="new-post").exists()


def test_a_post_changed_in_wordpress_is_updated_when_untouched_here(run_import):
    run_import(wxr.item(1, "Old title", name="post", content="Old body"))
    run = run_import(wxr.item(1, "New title", name="post", content="New body"), name="2.xml")

    article = Article.objects.get(slug="post")
    assert (article.title, article.body_html) == ("New title", "<p>New body</p>")
    assert (run.report["added"], run.report["changed"]) == (0, 1)


def test_a_post_edited_here_is_kept_as_it_is(run_import):
    run_import(wxr.item(1, "Old title", name="post"))
    article = Article.objects.get(slug="post")
    article.title = "Our better title"
    article.save()

    run = run_import(wxr.item(1, "New title", name="post"), name="2.xml")

    assert Article.objects.get(slug="post").title == "Our better title"
    assert row(run, "post")["reasons"] == {
        "changed in WordPress and edited here: kept as it is": 1
    }


def test_a_page_changed_in_wordpress_is_updated_and_one_deleted_here_stays_deleted(
    run_import,
):
    run_import(
        wxr.item(5, "Page", post_type="page", link=f"{wxr.SITE}/a/", content="One"),
        wxr.item(6, "Gone", post_type="page", link=f"{wxr.SITE}/b/"),
    )
    FlatPage.objects.get(url="/b/").delete()

    run = run_import(
        wxr.item(5, "Page", post_type="page", link=f"{wxr.SITE}/a/", content="Two"),
        wxr.item(6, "Gone", post_type="page", link=f"{wxr.SITE}/b/"),
        name="2.xml",
    )

    assert FlatPage.objects.get(url="/a/").content == "<p>Two</p>"
    assert not FlatPage.objects.filter(url="/b/").exists()
    assert row(run, "page")["updated"] == 1
    assert row(run, "page")["reasons"] == {"deleted here since an earlier import": 1}


def test_a_dry_run_reports_everything_and_writes_nothing(command, write_export, uploads):
    uploads.add("2021/03/nap.jpg")
    path = write_export(*whole_site())

    out, _err = command(path, "--dry-run", "--media-dir", uploads.path, verbosity=1)

    assert counts() == dict.fromkeys(counts(), 0)
    assert not ImportRun.objects.exists()
    assert "Dry run: nothing was written." in out
    assert "posts" in out
    assert list(uploads.path.parent.glob("media/**/*.jpg")) == []


def test_an_error_midway_rolls_everything_back(run_import, uploads, monkeypatch, settings):
    uploads.add("2021/03/nap.jpg")

    def broken(self, article, post):
        raise RuntimeError("the database went away")

    monkeypatch.setattr("wordpress.discussion.DiscussionLoader.load", broken)

    with pytest.raises(RuntimeError):
        run_import(*whole_site(), media_dir=uploads.path)

    assert counts() == dict.fromkeys(counts(), 0)
    stored = [path for path in settings.MEDIA_ROOT.rglob("*") if path.is_file()]
    assert stored == []
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.FAILED
    assert "database went away" in run.message


def test_the_command_prints_a_table_keeps_the_report_and_shows_progress(command, write_export):
    path = write_export(*whole_site())

    out, err = command(path, verbosity=1)

    lines = out.splitlines()
    assert lines[0].split() == ["read", "imported", "updated", "skipped"]
    assert any(line.split()[:3] == ["posts", "1", "1"] for line in lines)
    assert "skipped: file not found" not in out  # no uploads folder given: said so instead
    assert "skipped: no copy of the uploads folder given" in out
    assert out.strip().endswith("changed 0.")
    assert "Reading: 100%" in err
    assert "Importing: 100% 3 of 3 items" in err
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.DONE
    assert run.report["rows"]["post"]["imported"] == 1
    assert run.site == wxr.SITE
    assert run.file_name == "export.xml"


def test_verbosity_zero_is_silent(command, write_export):
    out, err = command(write_export(*whole_site()), verbosity=0)

    assert (out, err) == ("", "")


def test_verbosity_two_lists_the_items_worth_a_look(command, write_export):
    out, _err = command(
        write_export(wxr.item(4, "Locked", password="x"), wxr.item(5, "Binned", status="trash")),
        verbosity=2,
    )

    assert "post 4 (line" in out
    assert "post 5 (line" in out


def test_a_missing_media_folder_is_a_clear_error(command, write_export, tmp_path):
    with pytest.raises(CommandError, match="no such folder"):
        command(write_export(*whole_site()), "--media-dir", tmp_path / "nope")


def test_the_command_says_a_failed_import_was_rolled_back(command, write_export, monkeypatch):
    monkeypatch.setattr(
        "wordpress.importer.Importer.import_files",
        lambda self: (_ for _ in ()).throw(OSError("no space left")),
    )

    with pytest.raises(CommandError, match="failed and was rolled back: no space left"):
        command(write_export(*whole_site()))

    assert not Article.objects.exists()
    assert ImportRun.objects.get().status == ImportRun.Status.FAILED
