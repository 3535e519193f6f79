"""The home page and the article page cost a fixed number of SQL queries, whatever the data.

Each page is requested once to warm the shared cache (site settings, category menu), then
measured. The budgets are exact: a new query must be a decision, written down here.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, RelatedLinkFactory, TagFactory, image_file

pytestmark = pytest.mark.django_db

# Budgets of the articles app's own queries.
HOME_PAGE_QUERIES = 2
# 1. COUNT of published articles, for the paginator
# 2. the page's ten articles with their category (select_related)

ARTICLE_PAGE_QUERIES = 4
# 1. the article with its category (select_related)
# 2. its tags (prefetch_related), reused by the page, the head and the JSON-LD
# 3. its curated related links with their target articles (select_related)
# 4. published articles sharing its tags or category, to fill the related block up to three

# Budgets of what the comments app adds to the same pages (queries FROM a comments_ table).
HOME_PAGE_COMMENT_QUERIES = 1
# 1. approved-comment counts of the page's articles, in one GROUP BY

ARTICLE_PAGE_COMMENT_QUERIES = 1
# 1. the article's public thread, in thread order


def build_small():
    """3 articles, 1 tag, no related links."""
    tag = TagFactory()
    article = ArticleFactory(tags=[tag])
    ArticleFactory.create_batch(2, category=article.category)
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


def measured_queries(client, url):
    """(queries of the articles app, queries of the comments app, report) of one request."""
    client.get(url)  # warm the shared cache
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    sql = [query["sql"] for query in context.captured_queries]
    comments = [query for query in sql if 'FROM "comments_' in query]
    report = "\n".join(f"{number}. {query}" for number, query in enumerate(sql, 1))
    return len(sql) - len(comments), len(comments), report


@pytest.mark.parametrize("build", [build_small, build_large], ids=["small", "large"])
def test_home_page_runs_a_fixed_number_of_queries(client, build):
    build()

    articles, comments, report = measured_queries(client, "/")

    assert (articles, comments) == (HOME_PAGE_QUERIES, HOME_PAGE_COMMENT_QUERIES), report


@pytest.mark.parametrize("build", [build_small, build_large], ids=["small", "large"])
def test_article_page_runs_a_fixed_number_of_queries(client, build):
    article = build()

    articles, comments, report = measured_queries(client, article.get_absolute_url())

    assert (articles, comments) == (ARTICLE_PAGE_QUERIES, ARTICLE_PAGE_COMMENT_QUERIES), report


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

    assert articles <= ARTICLE_PAGE_QUERIES, report
    assert comments == ARTICLE_PAGE_COMMENT_QUERIES, report
