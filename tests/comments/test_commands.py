"""seed_demo's discussions: the written ones, and `--comments N` for benchmarks.

How fast `--comments` runs is the benchmark's business, not these tests'.
"""

import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Max

from articles import demo_images
from articles.models import Article
from comments import demo, threads
from comments.models import Comment
from tests.factories import ArticleFactory

from .staff_helpers import discussion_settings

pytestmark = pytest.mark.django_db

Status = Comment.Status


@pytest.fixture(autouse=True)
def _small_images(monkeypatch):
    """Drawing the demo articles' pictures full size is slow; the rules don't depend on size."""
    monkeypatch.setattr(demo_images, "SIZE", (320, 180))


def seed(*args):
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def test_demo_articles_get_a_written_discussion_with_staff_replies():
    output = seed()

    written = Comment.objects.all()
    assert written.exists()
    assert f"comments: {written.count()} created in the demo discussions" in output
    assert set(written.values_list("status", flat=True)) == {Status.APPROVED}
    assert written.filter(is_staff_reply=True, user__username="editor").exists()
    for comment in written.exclude(parent=None).select_related("parent"):
        assert comment.path.startswith(comment.parent.path)
        assert comment.depth == comment.parent.depth + 1


def test_a_second_run_writes_no_discussion_twice():
    seed()
    before = Comment.objects.count()

    output = seed()

    assert Comment.objects.count() == before
    assert "comments: 0 created" in output


def test_comments_option_adds_a_threaded_discussion_to_one_article():
    seed()
    article = Article.objects.published().order_by("-published_at").first()
    before = Comment.objects.filter(article=article).count()

    output = seed("--comments", "600")

    added = Comment.objects.filter(article=article).order_by("pk")[before:]
    added = list(added)
    assert len(added) == 600
    assert f"comments: 600 added to “{article.title}”" in output
    assert {comment.status for comment in added} == {Status.APPROVED}
    top_level = sum(1 for comment in added if comment.parent_id is None)
    assert 0.3 <= top_level / 600 <= 0.5
    depths = Counter(comment.depth for comment in added)
    assert max(depths) == 5
    assert set(depths) == {1, 2, 3, 4, 5}
    staff = [comment for comment in added if comment.is_staff_reply]
    assert 1 <= len(staff) <= 60
    assert all(comment.parent_id and comment.user_id for comment in staff)


def test_bulk_comments_have_thread_paths_and_keep_the_id_sequence_going():
    article = ArticleFactory()

    demo.seed_bulk_comments(article=article, count=200, staff_user=None)

    by_pk = {comment.pk: comment for comment in Comment.objects.filter(article=article)}
    for comment in by_pk.values():
        parent_path = by_pk[comment.parent_id].path if comment.parent_id else ""
        assert comment.path == parent_path + threads.segment(comment.pk)
        assert comment.depth == len(comment.path) // threads.SEGMENT_WIDTH
    top = Comment.objects.aggregate(top=Max("pk"))["top"]
    new = Comment.objects.create(article=article, author_name="x", body="after the seed")
    assert new.pk > top


def test_bulk_comments_respect_the_max_depth_setting():
    discussion_settings(max_depth=2)
    article = ArticleFactory()

    demo.seed_bulk_comments(article=article, count=300, staff_user=None)

    assert Comment.objects.aggregate(deepest=Max("depth"))["deepest"] == 2


def test_bulk_discussion_is_drawn_on_the_article_page(client):
    article = ArticleFactory()
    demo.seed_bulk_comments(article=article, count=50, staff_user=None)

    page = client.get(article.get_absolute_url()).content.decode()

    assert "50 Comments" in page
    assert page.count('class="comment depth-') == 50


@pytest.mark.parametrize("count", ["0", "-1", str(demo.MAX_BULK_COMMENTS + 1)])
def test_comments_option_refuses_a_bad_number(count):
    with pytest.raises(
        CommandError, match=f"--comments must be between 1 and 200,000, not {count}"
    ):
        seed("--comments", count)
    assert not Comment.objects.exists()
    assert not Article.objects.exists()  # refused before anything was written


def test_comments_option_refuses_a_number_that_is_not_one():
    with pytest.raises(CommandError, match="invalid int value"):
        seed("--comments", "many")


def test_article_option_with_an_unknown_slug_is_refused_before_anything_is_written():
    with pytest.raises(CommandError, match="No published article with the slug 'no-such-article'"):
        seed("--comments", "10", "--article", "no-such-article")
    assert not Article.objects.exists()


def test_article_option_without_comments_is_refused():
    with pytest.raises(CommandError, match="--article goes with --comments N"):
        seed("--article", "sleep-hygiene")


def test_article_option_picks_the_article():
    seed()
    article = Article.objects.published().order_by("published_at").first()
    before = Comment.objects.filter(article=article).count()

    seed("--comments", "25", "--article", article.slug)

    assert Comment.objects.filter(article=article).count() == before + 25
