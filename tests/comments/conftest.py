"""Fixtures of the comments tests: valid form data, posting through the test client, and a
discussion of several threads and depths."""

from types import SimpleNamespace

import pytest

from comments.models import DiscussionSettings
from tests.factories import ArticleFactory

from .factories import CommentFactory, comment_form_data, post_comment
from .staff_helpers import client_for, make_moderator

# The discussion fixture's shape: (name, replies). "e" is at depth 5 (the default maximum) and
# the next comment, "f", is at depth 2: the list closes three levels at once.
DISCUSSION_TREE = [
    ("a", [("b", [("c", [("d", [("e", [])])])]), ("f", [])]),
    ("g", []),
    ("h", [("i", [])]),
]


@pytest.fixture(name="comment_data")
def comment_data_fixture():
    return comment_form_data


@pytest.fixture(name="post_comment")
def post_comment_fixture():
    return post_comment


@pytest.fixture
def discussion_settings(db):
    """The discussion policy row; change attributes and call save() to apply them."""
    return DiscussionSettings.load()


def _grow(article, tree, parent, comments):
    for name, replies in tree:
        comments[name] = CommentFactory(article=article, parent=parent, author_name=name.upper())
        _grow(article, replies, comments[name], comments)


@pytest.fixture
def discussion(db):
    """An article whose approved comments follow DISCUSSION_TREE, created in reading order.

    Attributes: `article`, one per comment name ("a" to "i"), and `tree`.
    """
    article = ArticleFactory()
    comments = {}
    _grow(article, DISCUSSION_TREE, None, comments)
    return SimpleNamespace(article=article, tree=DISCUSSION_TREE, **comments)


@pytest.fixture
def moderator(db):
    """A staff account in the Moderators group, with an email for moderator alerts."""
    return make_moderator(email="mo@example.org")


@pytest.fixture
def moderator_client(moderator):
    return client_for(moderator)


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run what the request registered for after commit, as the real transaction would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
