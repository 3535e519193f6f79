"""Addresses an editor (or a hostile tester) can type at the revision pages: what is not a
revision is a 404 or a message, never a server error."""

import pytest

from tests.factories import ArticleFactory

from .revision_steps import compare_url, save

pytestmark = pytest.mark.django_db

HUGE = "9" * 30


@pytest.fixture
def saved_twice(staff_client):
    article = ArticleFactory(title="Sleep and light", body="Morning light helps.")
    save(staff_client, article)
    save(staff_client, article, body="Morning light helps you sleep.")
    return article


@pytest.mark.parametrize("new", [HUGE, str(2**31), str(2**63)])
def test_comparing_with_a_revision_number_too_large_for_any_revision_is_refused(
    staff_client, saved_twice, new
):
    response = staff_client.get(compare_url(saved_twice, 1, new), follow=True)
    assert response.status_code in (200, 404)
    if response.status_code == 200:
        assert "Choose two revisions to compare." in response.content.decode()
