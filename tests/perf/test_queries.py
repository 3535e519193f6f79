"""The home page and the article page cost a fixed number of SQL queries, whatever the data.

Each page is requested once to warm the shared cache (site settings, category menu), then
every cached copy of a page or a part of one is dropped (`drawn_afresh`) and the page is
measured: the cost of drawing it. The budgets are exact: a new query must be a decision,
written down here.
"""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, SiteSettings
from comments.models import DiscussionSettings
from tests.factories import (
    ArticleFactory,
    PersonFactory,
    RelatedLinkFactory,
    SourceFactory,
    TagFactory,
    image_file,
)

pytestmark = pytest.mark.django_db

# Budgets of the articles app's own queries.
HOME_PAGE_QUERIES = 4
# 1. the versions the page's ETag is made of (one aggregate over the articles, with the
#    settings rows' versions as subqueries: articles/conditional.py), for anonymous readers
# 2. COUNT of published articles, for the paginator
# 3. the page's ten articles with their category and author (select_related: the lead story's
#    byline is a join, not a query)
# 4. the categories of the site's menu (read with every drawn page, never kept apart, so a
#    renamed category is in the very next page of every process)

SHARED_COPY_QUERIES = 1
# An anonymous reader's request first reads the versions its shared copy is keyed by (one
# query compiled once per process: articles/cachekeys.shared_versions); only when that copy
# is missing is the page drawn, with the queries below.

ARTICLE_PAGE_QUERIES = 6
# 1. the article with its category, author and reviewer (select_related: joins), and the
#    versions its cached copies are keyed by (settings rows, latest article change and
#    publication, as subqueries: articles/cachekeys.py)
# 2. its tags (prefetch_related), reused by the page, the head and the JSON-LD
# 3. its sources (prefetch_related), reused by the citations and the JSON-LD (issue 10: the
#    sources are rows now, not a text field; the one query added to this page)
# 4. its curated related links with their target articles (select_related)
# 5. published articles sharing its tags or category, to fill the related block up to three
# 6. the categories of the site's menu, as on the home page

AUTHOR_PAGE_QUERIES = 5
# 0. the versions of the ETag, as on the home page
# 1. the person, by slug
# 2. COUNT of their published articles (written or reviewed), for the paginator
# 3. the page's articles with their category and author (select_related)
# 4. the categories of the site's menu, as on the home page

# Budgets of what the comments app adds to the same pages (queries FROM a comments_ table).
HOME_PAGE_COMMENT_QUERIES = 1
# 1. approved-comment counts of the page's articles (the lead story's too), in one GROUP BY
AUTHOR_PAGE_COMMENT_QUERIES = 1
# 1. the same, for the person's articles

ARTICLE_PAGE_COMMENT_QUERIES = 1
# 1. the article's public thread, in thread order


def build_small():
    """3 articles, 1 tag, no related links, no people, no sources."""
    tag = TagFactory()
    article = ArticleFactory(tags=[tag])
    ArticleFactory.create_batch(2, category=article.category)
    return article


def with_people_and_sources(article, sources=8):
    """An author and a reviewer (with photos) on `article` and on others, and its sources."""
    author = PersonFactory(slug="the-author", photo=image_file(size=(300, 300)))
    reviewer = PersonFactory(slug="the-reviewer", credentials="MD")
    Article.objects.filter(pk=article.pk).update(author=author, reviewer=reviewer)
    for other in Article.objects.exclude(pk=article.pk)[:25]:
        Article.objects.filter(pk=other.pk).update(
            author=PersonFactory(), reviewer=reviewer if other.pk % 2 else None
        )
    for position in range(sources):
        SourceFactory(article=article, position=position, url="https://www.example.org/study")
    return article


def build_large():
    """40 articles, 10 tags on the article, 6 related links (4 to unpublished articles, so the
    block is still filled from similar articles), many similar articles, images."""
    tags = TagFactory.create_batch(10)
    article = ArticleFactory(
        tags=tags, featured_image=image_file(size=(500, 300)), featured_image_alt="A lake"
    )
    similar = ArticleFactory.create_batch(30, category=article.category, tags=tags[:4])
    similar[0].featured_image = image_file(size=(500, 300))
    similar[0].featured_image_alt = "A field"
    similar[0].save()
    ArticleFactory.create_batch(5, tags=tags[5:])
    unpublished = [
        *ArticleFactory.create_batch(2, status=Article.Status.DRAFT, published_at=None, tags=tags),
        *ArticleFactory.create_batch(2, published_at=timezone.now() + timedelta(days=1)),
    ]
    for position, target in enumerate(unpublished):
        RelatedLinkFactory(article=article, target=target, position=position)
    RelatedLinkFactory(article=article, target=similar[0], position=4)
    RelatedLinkFactory(
        article=article,
        target=None,
        url="https://www.example.org/elsewhere",
        title="Elsewhere",
        position=5,
    )
    assert Article.objects.count() == 40
    return article


def drawn_afresh():
    """Drop every cached page, thread and fragment; keep the settings rows cached (as every
    page but the first after a change finds them)."""
    cache.clear()
    SiteSettings.load()
    DiscussionSettings.load()


def without_subqueries(sql):
    """The query without its parenthesised subqueries (the article's query reads the settings
    rows' versions in subqueries: it is still the articles app's query)."""
    while True:
        shorter = re.sub(r"\(SELECT [^()]*\)", "", sql)
        if shorter == sql:
            return sql
        sql = shorter


def measured_queries(client, url):
    """(queries of the articles app, queries of the comments app, report) of one request."""
    client.get(url)  # warm the shared cache
    drawn_afresh()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    sql = [query["sql"] for query in context.captured_queries]
    comments = [query for query in sql if 'FROM "comments_' in without_subqueries(query)]
    report = "\n".join(f"{number}. {query}" for number, query in enumerate(sql, 1))
    return len(sql) - len(comments), len(comments), report


def build_large_with_people():
    return with_people_and_sources(build_large())


BUILDS = [build_small, build_large, build_large_with_people]
BUILD_IDS = ["small", "large", "large-with-people"]


@pytest.mark.parametrize("build", BUILDS, ids=BUILD_IDS)
def test_home_page_runs_a_fixed_number_of_queries(client, build):
    build()

    articles, comments, report = measured_queries(client, "/")

    assert (articles, comments) == (HOME_PAGE_QUERIES, HOME_PAGE_COMMENT_QUERIES), report


@pytest.mark.parametrize("build", BUILDS, ids=BUILD_IDS)
def test_article_page_runs_a_fixed_number_of_queries(client, build):
    article = build()

    articles, comments, report = measured_queries(client, article.get_absolute_url())

    expected = (ARTICLE_PAGE_QUERIES + SHARED_COPY_QUERIES, ARTICLE_PAGE_COMMENT_QUERIES)
    assert (articles, comments) == expected, report


def test_large_article_page_shows_the_full_related_block(client):
    """The large dataset does exercise every branch the budget covers: curated links, some
    skipped, one external, and the fill from similar articles."""
    article = build_large()

    response = client.get(article.get_absolute_url())

    content = response.content.decode()
    assert content.count('class="card related-post') == 3
    assert "https://www.example.org/elsewhere" in content
    assert content.count('<meta property="article:tag"') == 10


def test_article_page_with_curated_links_filling_the_block_stays_within_budget(client):
    """With three public curated links there is nothing to fill: never more queries."""
    article = build_large()
    for target in Article.objects.exclude(pk=article.pk).published()[:6]:
        RelatedLinkFactory(article=article, target=target, position=0)

    articles, comments, report = measured_queries(client, article.get_absolute_url())

    assert articles <= ARTICLE_PAGE_QUERIES + SHARED_COPY_QUERIES, report
    assert comments == ARTICLE_PAGE_COMMENT_QUERIES, report


@pytest.mark.parametrize(
    "person", ["the-author", "the-reviewer"], ids=["author", "reviewer with many articles"]
)
def test_author_page_runs_a_fixed_number_of_queries(client, person):
    with_people_and_sources(build_large())

    articles, comments, report = measured_queries(client, f"/authors/{person}/")

    assert (articles, comments) == (AUTHOR_PAGE_QUERIES, AUTHOR_PAGE_COMMENT_QUERIES), report
