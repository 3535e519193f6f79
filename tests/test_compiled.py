"""Queries compiled once per process answer as their ORM twins do, on every database."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, Tag
from articles.pagequeries import as_page_reads, public_article, with_tags_and_sources
from articles.related import related_teasers
from comments.demo import seed_bulk_comments
from comments.models import Comment, DiscussionSettings
from comments.threadqueries import public_rows, thread_rows, threads_and_count
from healthsite.compiled import CompiledQuery
from tests.comments.factories import CommentFactory
from tests.factories import (
    ArticleFactory,
    PersonFactory,
    RelatedLinkFactory,
    SourceFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db


def fields_of(article):
    return {name: value for name, value in vars(article).items() if not name.startswith("_")}


def test_the_public_article_is_the_orm_article_with_its_joins_and_versions():
    article = ArticleFactory(author=PersonFactory(), reviewer=PersonFactory())
    expected = as_page_reads(Article.objects.published()).get(slug=article.slug)
    found = public_article(article.slug)
    assert fields_of(found) == fields_of(expected)
    assert found.latest_change == expected.latest_change  # an annotation, converted
    assert found.author.name == article.author.name  # a joined relation, without a query
    assert found.category == article.category


def test_the_article_alone_is_the_orm_article():
    article = ArticleFactory()
    found = public_article(article.slug, as_page=False)
    assert fields_of(found) == fields_of(Article.objects.published().get(slug=article.slug))
    assert not hasattr(found, "latest_change")


def test_a_second_call_with_other_values_reads_the_other_row():
    first, second = ArticleFactory(), ArticleFactory()
    assert public_article(first.slug).pk == first.pk
    assert public_article(second.slug).pk == second.pk


@pytest.mark.parametrize("state", ["draft", "scheduled", "missing"])
def test_an_article_the_public_may_not_see_is_a_404(state, client):
    if state == "draft":
        article = ArticleFactory(status=Article.Status.DRAFT)
    elif state == "scheduled":
        article = ArticleFactory(published_at=timezone.now() + timedelta(hours=1))
    else:
        article = Article(slug="nothing-here")
    assert client.get(f"/articles/{article.slug}/").status_code == 404


def test_tags_and_sources_answer_as_a_prefetch_in_two_queries():
    article = ArticleFactory(tags=[TagFactory(name="Zinc"), TagFactory(name="Apples")])
    SourceFactory(article=article, position=2, title="Second")
    SourceFactory(article=article, position=1, title="First")
    with CaptureQueriesContext(connection) as queries:
        with_tags_and_sources(article)
        tags = [tag.name for tag in article.tags.all()]
        sources = [source.title for source in article.sources.all()]
    assert tags == ["Apples", "Zinc"]
    assert sources == ["First", "Second"]
    assert len(queries) == 2


def test_related_teasers_keep_the_links_then_the_similar_articles():
    tag = TagFactory()
    article = ArticleFactory(tags=[tag])
    linked = ArticleFactory(title="Linked on purpose", tags=[tag])
    RelatedLinkFactory(article=article, target=linked)
    ArticleFactory(title="Shares a tag", tags=[tag])
    ArticleFactory(title="A draft", tags=[tag], status=Article.Status.DRAFT)
    with CaptureQueriesContext(connection) as queries:
        titles = [teaser.title for teaser in related_teasers(article)]
    assert titles == ["Linked on purpose", "Shares a tag"]
    assert len(queries) == 2


def test_a_query_must_use_every_value_it_names():
    query = CompiledQuery(
        lambda name, other: Tag.objects.filter(name=name), name="str", other="int"
    )
    with pytest.raises(ValueError, match="other"):
        query(name="x", other=1)


def test_values_must_be_the_ones_named():
    query = CompiledQuery(lambda name: Tag.objects.filter(name=name), name="str")
    with pytest.raises(TypeError):
        query(title="x")


def test_flat_rows_and_tuples_come_back_as_the_orm_gives_them():
    TagFactory(name="Sleep", slug="sleep")
    flat = CompiledQuery(
        lambda slug: Tag.objects.filter(slug=slug).values_list("name", flat=True), slug="str"
    )
    rows = CompiledQuery(
        lambda slug: Tag.objects.filter(slug=slug).values_list("name", "slug"), slug="str"
    )
    assert flat(slug="sleep") == ["Sleep"]
    assert rows(slug="sleep") == [("Sleep", "sleep")]
    assert flat(slug="none") == []


def test_the_discussions_queries_answer_as_the_orm_does(django_user_model):

    article = ArticleFactory()
    staff = django_user_model.objects.create_user("staff", is_staff=True)
    seed_bulk_comments(article=article, count=40, staff_user=staff)
    Comment.objects.filter(pk__in=Comment.objects.filter(article=article).values("pk")[:5]).update(
        status=Comment.Status.PENDING
    )
    public = Comment.objects.public().filter(article=article)
    roots, count = threads_and_count(article.pk)
    assert roots == list(Comment.objects.public_thread_roots(article))
    assert len(roots) > 3
    assert count == public.count() == 35
    assert threads_and_count(ArticleFactory().pk) == ([], 0)
    for after, before in [(None, None), (roots[1], None), (None, roots[2]), (roots[1], roots[3])]:
        for with_email in (False, True):
            expected = thread_rows(article.pk, with_email=with_email, after=after, before=before)
            expected = list(expected.filter(status=Comment.Status.APPROVED))
            found = public_rows(article.pk, after=after, before=before, with_email=with_email)
            assert [c.pk for c in found] == [c.pk for c in expected]
            assert [fields_of(c) for c in found] == [fields_of(c) for c in expected]
            assert ("author_email" in vars(found[0])) is with_email

    # Each comment's page, counted by the compiled query, is the page found among the roots;
    # a thread whose first comment was removed still counts by its public replies.
    removed_root = Comment.objects.filter(
        article=article, depth=1, replies__status=Comment.Status.APPROVED
    ).first()
    removed_root.status = Comment.Status.REMOVED
    removed_root.save(update_fields=["status"])
    roots, _count = threads_and_count(article.pk)
    assert removed_root.path in roots
    settings = DiscussionSettings.load()
    settings.comments_per_page = 3
    pages = set()
    for comment in Comment.objects.filter(article=article):
        page = comment.discussion_page(discussion_settings=settings)
        assert page == comment.discussion_page(discussion_settings=settings, thread_roots=roots)
        pages.add(page)
    assert len(pages) > 2
    alone = CommentFactory(article=ArticleFactory(), status=Comment.Status.PENDING)
    assert alone.discussion_page(discussion_settings=settings) == 1
