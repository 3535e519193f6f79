"""Cache keys built from versions stored in the database, never a purge to forget.

A page reads its article with the versions of everything it is drawn from (the article's own
save count and dates, its discussion version, each settings row's version) in the query it
makes anyway (`with_versions`); a key made of them (`versions_key`) names one state of that
content. A change made anywhere (the admin, a command, another app server) changes a version,
so the next request of any process asks for a key nobody has built yet.
"""

import hashlib

from django.db.models import Count, Subquery
from django.utils import timezone, translation

from healthsite.compiled import CompiledQuery

from .singleton import settings_versions, version_annotations

# Entries are never stale (a change makes a new key); this only bounds the memory they hold.
CACHE_SECONDS = 24 * 60 * 60


def with_versions(queryset):
    """The queryset with each settings row's version annotated on every article."""
    return queryset.annotate(**version_annotations())


def latest_changes():
    """{name: subquery} of the latest change to any person, category and tag: the bylines,
    review lines, menus and labels a page shows."""
    from .models import Category, Person, Tag  # noqa: PLC0415 (as below)

    return {
        f"latest_{model._meta.model_name}": Subquery(
            model.objects.order_by("-modified_at").values("modified_at")[:1]
        )
        for model in (Person, Category, Tag)
    }


def with_publication_stamp(queryset, *, now=None):
    """Also what other articles a page shows (related posts, lists) depend on: the latest
    change to any article, the latest publication reached, and how many are public; and the
    latest change to the people, categories and tags pages name."""
    from .models import Article  # noqa: PLC0415 (the model module imports this one's callers)

    public = Article.objects.published(now=now).order_by()
    return queryset.annotate(
        latest_change=Subquery(Article.objects.order_by("-modified_at").values("modified_at")[:1]),
        latest_publication=Subquery(public.order_by("-published_at").values("published_at")[:1]),
        public_count=Subquery(
            public.values("status").annotate(count=Count("pk")).values("count")[:1]
        ),
        **latest_changes(),
    )


def publication_stamp(article):
    return (
        article.latest_change,
        article.latest_publication,
        article.public_count,
        *(getattr(article, name) for name in latest_changes()),
    )


def content_versions(article):
    """What is drawn from the article and the settings, not its discussion (the related
    posts, the comment form): a new comment does not draw them again. None when the article
    was not read with `with_versions` (then nothing is cached)."""
    settings = settings_versions(article)
    if settings is None:
        return None
    return (
        article.pk,
        article.version,
        article.modified_at,
        article.status,
        article.published_at,
        article.comments_open,
        settings,
    )


def article_versions(article):
    """What a cached copy of anything drawn from `article`, its discussion included, depends
    on; None as above."""
    content = content_versions(article)
    return None if content is None else (*content, article.discussion_version)


def versions_key(kind, *parts):
    """A short cache key for `parts`, in the active language and time zone."""
    raw = repr((translation.get_language(), timezone.get_current_timezone_name(), parts))
    return f"{kind}:{hashlib.sha256(raw.encode()).hexdigest()[:32]}"


def _shared_versions_query(slug, now):
    from .models import Article  # noqa: PLC0415 (the models import this module's users)

    rows = with_publication_stamp(
        with_versions(Article.objects.published(now=now).filter(slug=slug)), now=now
    )
    return rows.values_list(
        "pk", "version", "modified_at", "status", "published_at", "comments_open",
        "discussion_version", *version_annotations(), "latest_change",
        "latest_publication", "public_count", *latest_changes(),
    )  # fmt: skip


_shared_versions = CompiledQuery(_shared_versions_query, slug="str", now="datetime")


def shared_versions(slug):
    """For the shared copy of a public article: (pk, versions) in one query, or None.

    The same values `article_versions` and `publication_stamp` read, in a query compiled once
    per process (answering from the cache costs little more than this query)."""
    rows = _shared_versions(slug=slug, now=timezone.now())
    return (rows[0][0], rows[0]) if rows else None
