"""Article search: PostgreSQL's full-text search when on PostgreSQL, a plain match elsewhere."""

from django.db import connection
from django.db.models import Case, IntegerField, Q, Value, When

MAX_QUERY_LENGTH = 200


def search_articles(queryset, query):
    """Rank `queryset` against `query`; the one place the database-specific choice is made."""
    query = " ".join((query or "").split())[:MAX_QUERY_LENGTH]
    if not query:
        return queryset.none()
    if connection.vendor == "postgresql":
        return _postgres_search(queryset, query)
    return _plain_search(queryset, query)


def _postgres_search(queryset, query):
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    vector = (
        SearchVector("title", weight="A", config="english")
        + SearchVector("excerpt", weight="B", config="english")
        + SearchVector("body", weight="C", config="english")
    )
    search_query = SearchQuery(query, search_type="websearch", config="english")
    return (
        queryset.annotate(document=vector, rank=SearchRank(vector, search_query))
        .filter(document=search_query)
        .order_by("-rank", "-published_at", "-pk")
    )


def _plain_search(queryset, query):
    words = query.split()
    matches = Q()
    for word in words:
        matches &= Q(title__icontains=word) | Q(excerpt__icontains=word) | Q(body__icontains=word)
    rank = Value(0)
    for word in words:
        rank += _points(title__icontains=word, points=2) + _points(
            excerpt__icontains=word, points=1
        )
    return queryset.filter(matches).annotate(rank=rank).order_by("-rank", "-published_at", "-pk")


def _points(*, points, **lookup):
    return Case(
        When(Q(**lookup), then=Value(points)), default=Value(0), output_field=IntegerField()
    )
