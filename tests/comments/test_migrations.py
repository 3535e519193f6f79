"""Migrations of the comments app, run forward on a database at the previous state."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _back_to_the_latest_migrations():
    """Leave the database as the other tests expect it: every migration applied."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def comment_model_at(migration):
    """Migrate the comments app to `migration`; its Comment model as of then."""
    # The articles app at a state those migrations knew (its byline was still a text field).
    target = [("comments", migration), ("articles", "0006_blank_automatic_excerpts")]
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps.get_model("comments", "Comment")


def old_article(Comment):
    """An article made with the models of the same state as `Comment`."""
    Article = Comment._meta.get_field("article").related_model
    Category = Article._meta.get_field("category").related_model
    category = Category.objects.create(name="Old", slug="old")
    return Article.objects.create(
        title="Old", slug="old", body="Old.", category=category, status="draft"
    )


def test_emails_stored_before_are_lowercased():
    Comment = comment_model_at("0005_settings_version")
    Comment.objects.create(
        article=old_article(Comment),
        author_name="Staff",
        author_email="  Staff@Example.ORG ",
        body="Hi",
    )

    Comment = comment_model_at("0006_lowercase_emails")

    assert Comment.objects.get().author_email == "staff@example.org"


def test_comments_stored_before_submission_keys_have_none():
    Comment = comment_model_at("0006_lowercase_emails")
    article = old_article(Comment)
    for number in range(2):
        Comment.objects.create(article=article, author_name="A", body=f"Old comment {number}")

    Comment = comment_model_at("0007_comment_submission_key")

    assert list(Comment.objects.values_list("submission_key", flat=True)) == [None, None]
