"""Data migrations of the comments app, run forward on a database at the previous state."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

# The articles app at the state those migrations knew (its byline was still a text field).
BEFORE = [("comments", "0005_settings_version"), ("articles", "0006_blank_automatic_excerpts")]
AFTER = [("comments", "0006_lowercase_emails")]


def test_emails_stored_before_are_lowercased():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Article = apps.get_model("articles", "Article")
    Category = apps.get_model("articles", "Category")
    Comment = apps.get_model("comments", "Comment")
    category = Category.objects.create(name="Old", slug="old")
    article = Article.objects.create(
        title="Old", slug="old", body="Old.", category=category, status="draft"
    )
    Comment.objects.create(
        article=article, author_name="Staff", author_email="  Staff@Example.ORG ", body="Hi"
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)

    Comment = executor.loader.project_state(AFTER).apps.get_model("comments", "Comment")
    assert Comment.objects.get().author_email == "staff@example.org"
    # Every app back at its latest state, for the tests that follow.
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
