"""The default page of a 10,000-comment discussion stays under 1 MB of HTML, and a comment's
permalink still finds the page it is on."""

import pytest

from comments import demo
from comments.models import Comment, DiscussionSettings
from tests.factories import ArticleFactory, StaffFactory

pytestmark = [pytest.mark.django_db, pytest.mark.paged_by_default]

COMMENTS = 10_000
MAX_PAGE_BYTES = 1_000_000


@pytest.fixture
def large():
    article = ArticleFactory()
    demo.seed_bulk_comments(article=article, count=COMMENTS, staff_user=StaffFactory())
    return article


def test_the_default_is_fifty_threads_a_page():
    assert DiscussionSettings.load().comments_per_page == 50


def test_every_page_of_a_huge_discussion_is_under_a_megabyte(client, large):
    first = client.get(large.get_absolute_url())
    pages = first.content.decode().count('class="page-link"')

    sizes = [len(first.content)]
    for number in (1, pages // 2):
        sizes.append(len(client.get(f"{large.get_absolute_url()}?cpage={number}").content))

    assert pages > 1
    assert max(sizes) < MAX_PAGE_BYTES, sizes


def test_a_permalink_finds_its_comment_on_its_page(client, large):
    oldest = Comment.objects.filter(article=large).order_by("pk").first()

    answer = client.get(f"/comments/{oldest.pk}/", follow=True)

    assert f'id="comment-{oldest.pk}"' in answer.content.decode()
    assert "cpage=1" in answer.redirect_chain[-1][0]
