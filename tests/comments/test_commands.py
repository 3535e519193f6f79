"""seed_demo's discussions: the written ones, the comments awaiting moderation, and
`--comments N` for benchmarks.

How fast `--comments` runs is the benchmark's business, not these tests'.
"""

import io
from collections import Counter
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Max
from django.utils import timezone

from articles import demo_images
from articles.models import Article
from comments import demo, threads
from comments import demo_discussions as texts
from comments.models import Comment, DiscussionSettings
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

    written = Comment.objects.filter(submission_key=None)
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
    assert "comments: 0 awaiting moderation added" in output


def test_a_new_moderator_finds_comments_held_for_different_reasons():
    """Links, the demo's held word, a first comment, and a reply to an approved comment: each
    held by the one policy, which gives its reasons; nobody is emailed about them."""
    output = seed()

    pending = Comment.objects.filter(status=Status.PENDING).select_related("parent")
    assert pending.count() == len(texts.PENDING) == 4
    assert f"comments: {len(texts.PENDING)} awaiting moderation added for the desk" in output
    reasons = {comment.submission_key: comment.moderation_reasons for comment in pending}
    assert "3 links" in reasons["demo-pending-links"]
    assert "held word: miracle cure" in reasons["demo-pending-held-word"]
    assert reasons["demo-pending-first-comment"] == ["every comment is held for moderation"]
    reply = pending.get(submission_key="demo-pending-reply")
    assert reply.parent.status == Status.APPROVED
    assert reply.parent.author_name == "Marcus"
    assert reply.depth == 2 and reply.path.startswith(reply.parent.path)
    assert DiscussionSettings.load().held_words == "miracle cure"


def test_under_the_known_authors_policy_the_first_comment_is_held_as_such():
    discussion_settings(moderation_mode="known_authors")

    seed()

    first = Comment.objects.get(submission_key="demo-pending-first-comment")
    assert first.status == Status.PENDING
    assert first.moderation_reasons == ["first comment from this email"]


def test_the_demo_held_word_is_added_once_to_what_the_site_holds():
    discussion_settings(held_words="casino\nfree pills")

    seed()
    seed()

    assert DiscussionSettings.load().held_words == "casino\nfree pills\nmiracle cure"


def test_pending_demo_comments_wait_for_different_lengths_of_time(mailoutbox):
    """One has waited more than a day, so the daily digest has something to show."""
    seed()

    ages = sorted(
        timezone.now() - created
        for created in Comment.objects.filter(status=Status.PENDING).values_list(
            "created_at", flat=True
        )
    )
    assert ages[0] < timedelta(hours=2) and ages[-1] > timedelta(days=1)
    assert mailoutbox == []


def test_pending_demo_comments_are_not_added_again_once_moderated():
    seed()
    Comment.objects.filter(status=Status.PENDING).update(status=Status.APPROVED)

    output = seed()

    assert "comments: 0 awaiting moderation added" in output
    assert not Comment.objects.filter(status=Status.PENDING).exists()


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
