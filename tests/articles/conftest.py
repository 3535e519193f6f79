"""Fixtures of the articles tests: the staff of the sign-off tests (an editor, a publisher
and a medical reviewer, each only in their group of articles.groups) and an article to
review."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group

from articles import groups
from tests.factories import ArticleFactory, CategoryFactory, PersonFactory, UserFactory


def member(username, *group_names, **fields):
    groups.sync_groups(apps)  # in case a transactional test emptied what the migration made
    user = UserFactory(username=username, is_staff=True, **fields)
    user.groups.add(*Group.objects.filter(name__in=group_names))
    return user


@pytest.fixture
def editor_user(db):
    return member("erin", groups.EDITORS)


@pytest.fixture
def publisher_user(db):
    return member("pat", groups.PUBLISHERS)


@pytest.fixture
def reviewer_user(db):
    user = member("rowan", groups.REVIEWERS)
    PersonFactory(name="Rowan Reid", slug="rowan-reid", credentials="MD", user=user)
    return user


@pytest.fixture
def review_category(db):
    return CategoryFactory(name="Nutrition", slug="nutrition", requires_review=True)


@pytest.fixture
def draft_for_review(review_category):
    return ArticleFactory(
        title="Oats for breakfast",
        body="Oats are a good source of fibre.",
        category=review_category,
        status="draft",
        published_at=None,
    )
