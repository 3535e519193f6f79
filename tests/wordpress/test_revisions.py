"""An imported post's article starts its history with an "Imported" revision; an import that
changes nothing adds none."""

import pytest

from articles.models import Article, Revision

from . import wxr_files as wxr

pytestmark = pytest.mark.django_db


def test_an_imported_article_has_an_imported_revision(run_import):
    post = wxr.item(7, "Walking after meals", name="walking", content="A short walk helps.")

    run_import(post)
    run_import(post)

    revision = Revision.objects.get(article=Article.objects.get(slug="walking"))
    assert (revision.number, revision.kind, revision.created_by) == (1, "imported", None)
    assert "A short walk helps." in revision.snapshot["body"]
    assert revision.description == "Imported"
