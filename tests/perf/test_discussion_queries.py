"""The article page costs the same SQL queries whatever the size of its discussion, and the
thread is drawn without recursive template includes.

Each page is requested once to warm the shared cache (site and discussion settings), then
every cached copy is dropped (`drawn_afresh`) and the page is measured exactly with
django_assert_num_queries: the cost of drawing it.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings

from comments import demo
from comments.models import Comment, DiscussionSettings
from tests.comments.factories import CommentFactory, post_comment
from tests.comments.thread_markup import thread_tree
from tests.factories import ArticleFactory, StaffFactory
from tests.perf.test_queries import ARTICLE_PAGE_QUERIES, SHARED_COPY_QUERIES, drawn_afresh

pytestmark = pytest.mark.django_db

# What the comments app adds to the article page (ARTICLE_PAGE_QUERIES are the articles app's):
THREAD_QUERIES = 1
# 1. the public thread in path order (and the reader's own pending comments), one SELECT
HIDDEN_ANCESTOR_QUERIES = 1
# +1 when shown replies hang from removed or spam comments: those ancestors, one SELECT ... IN
PAGING_QUERIES = 1
# +1 with comments_per_page: the thread roots (to cut the page), each with its number of
#    approved comments, which add up to the heading's count (the page no longer holds them all)

SIZES = [10, 1000]


def build(count, *, removed_parents):
    """An article with `count` approved comments in a realistic threaded shape."""
    article = ArticleFactory()
    demo.seed_bulk_comments(article=article, count=count, staff_user=StaffFactory())
    if removed_parents:
        # Some parents in the seeded threads, and a new thread (on the newest page) whose
        # top-level comment and first reply are removed while a reply below stays public.
        parents = Comment.objects.filter(article=article, replies__isnull=False).distinct()
        Comment.objects.filter(pk__in=[c.pk for c in parents[: max(1, count // 50)]]).update(
            status=Comment.Status.REMOVED
        )
        top = CommentFactory(article=article, status=Comment.Status.REMOVED)
        middle = CommentFactory(parent=top, status=Comment.Status.SPAM)
        CommentFactory(parent=middle)
    return article


def measured(client, article, expected, django_assert_num_queries, query=""):
    """The queries of drawing the page; a reader without a session (the test client before
    it posts) also reads the versions of the shared copy first."""
    if "sessionid" not in client.cookies:
        expected += SHARED_COPY_QUERIES
    url = article.get_absolute_url() + query
    client.get(url)  # warm-up
    drawn_afresh()
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200
    return response


def set_paging(per_page):
    discussion_settings = DiscussionSettings.load()
    discussion_settings.comments_per_page = per_page
    discussion_settings.save()


@pytest.mark.parametrize("count", SIZES)
def test_article_page_queries_do_not_grow_with_the_discussion(
    client, django_assert_num_queries, count
):
    article = build(count, removed_parents=False)
    set_paging(0)

    response = measured(
        client, article, ARTICLE_PAGE_QUERIES + THREAD_QUERIES, django_assert_num_queries
    )

    assert response.content.decode().count('<li id="comment-') == count


@pytest.mark.parametrize("count", SIZES)
def test_article_page_queries_with_removed_parents_do_not_grow_with_the_discussion(
    client, django_assert_num_queries, count
):
    article = build(count, removed_parents=True)
    set_paging(0)
    expected = ARTICLE_PAGE_QUERIES + THREAD_QUERIES + HIDDEN_ANCESTOR_QUERIES

    response = measured(client, article, expected, django_assert_num_queries)

    assert "Comment removed" in response.content.decode()


@pytest.mark.parametrize("removed_parents", [False, True], ids=["intact", "removed-parents"])
@pytest.mark.parametrize("count", SIZES)
def test_paged_article_page_queries_do_not_grow_with_the_discussion(
    client, django_assert_num_queries, count, removed_parents
):
    article = build(count, removed_parents=removed_parents)
    set_paging(10)
    expected = ARTICLE_PAGE_QUERIES + THREAD_QUERIES + PAGING_QUERIES
    expected += HIDDEN_ANCESTOR_QUERIES if removed_parents else 0

    response = measured(client, article, expected, django_assert_num_queries)

    assert 1 <= len(thread_tree(response)) <= 10
    assert ("Comment removed" in response.content.decode()) is removed_parents
    if count == 1000 and not removed_parents:
        measured(client, article, expected, django_assert_num_queries, query="?cpage=2")


def test_the_authors_pending_comment_costs_no_extra_query(client, django_assert_num_queries):
    """The reader's own pending comments come with the thread, not from a query of their own
    (their session is read once, as on any page a session cookie reaches)."""
    article = build(10, removed_parents=False)
    post_comment(client, article, body="Mine, awaiting moderation.")
    session_queries = 1

    response = measured(
        client,
        article,
        ARTICLE_PAGE_QUERIES + THREAD_QUERIES + session_queries,
        django_assert_num_queries,
    )

    assert "Your comment is awaiting moderation." in response.content.decode()


def test_article_page_renders_the_same_templates_whatever_the_discussion_size(client):
    """No template is included once per comment: the thread is drawn by comments/rendering."""
    small, large = build(10, removed_parents=True), build(1000, removed_parents=True)

    names = [
        [template.name for template in client.get(article.get_absolute_url()).templates]
        for article in (small, large)
    ]

    assert names[0] == names[1]
    assert names[0].count("comments/discussion.html") == 1


def test_no_comments_template_includes_itself():
    folder = Path(settings.BASE_DIR) / "templates" / "comments"
    templates = sorted(folder.rglob("*.html"))
    assert templates
    for template in templates:
        name = template.relative_to(folder.parent).as_posix()
        includes = re.findall(r"{%\s*include\s+[\"']([^\"']+)[\"']", template.read_text())
        assert name not in includes, name


def test_a_six_deep_thread_renders_nested_correctly(client):
    discussion_settings = DiscussionSettings.load()
    discussion_settings.max_depth = 6
    discussion_settings.save()
    article = ArticleFactory()
    chain = [CommentFactory(article=article)]
    for _level in range(5):
        chain.append(CommentFactory(parent=chain[-1]))
    sibling = CommentFactory(article=article)

    response = client.get(article.get_absolute_url())

    expected = []
    for comment in reversed(chain):
        expected = [(comment.pk, expected)]
    assert thread_tree(response) == [*expected, (sibling.pk, [])]
    assert [c.depth for c in chain] == [1, 2, 3, 4, 5, 6]
    html = response.content.decode()
    assert f"?replyto={chain[-1].pk}#respond" not in html
    assert f"?replyto={chain[-2].pk}#respond" in html


FEED_QUERIES = 3
# 1. the article's versions and the settings rows' (subqueries), for the ETag
# 2. the published article; 3. its newest public comments (with the article, select_related)
FEED_PAGING_QUERIES = 1
# +1 with comments_per_page: the thread roots, read once to give every item's link its page


@pytest.mark.parametrize("per_page", [0, 10], ids=["unpaged", "paged"])
@pytest.mark.parametrize("count", [10, 120])
def test_comment_feed_queries_do_not_grow_with_the_discussion(
    client, django_assert_num_queries, count, per_page
):
    article = build(count, removed_parents=False)
    set_paging(per_page)
    url = f"/articles/{article.slug}/comments/feed/"
    client.get(url)  # warm-up

    with django_assert_num_queries(FEED_QUERIES + (FEED_PAGING_QUERIES if per_page else 0)):
        response = client.get(url)

    assert response.content.decode().count("<item>") == min(count, 50)
    if per_page:
        assert "?cpage=" in response.content.decode()
