"""The article page's own queries, compiled once per process (healthsite/compiled.py): the
article with the versions its cached parts are keyed by, and its tags and sources."""

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext

from healthsite.compiled import CompiledQuery, prefetched

from .cachekeys import with_publication_stamp, with_versions
from .citations import Source
from .models import Article, Tag


def as_page_reads(queryset, *, now=None):
    """Articles with what their page shows beside them (category, author, reviewer) and the
    versions of everything its cached parts are drawn from."""
    return with_publication_stamp(
        with_versions(queryset.select_related("category", "author", "reviewer")), now=now
    )


_public_article = CompiledQuery(
    lambda slug, now: as_page_reads(Article.objects.published(now=now).filter(slug=slug), now=now),
    slug="str",
    now="datetime",
)
_tags = CompiledQuery(
    lambda article_id: Tag.objects.filter(articles__id=article_id), article_id="int"
)
_sources = CompiledQuery(
    lambda article_id: Source.objects.filter(article_id=article_id), article_id="int"
)


# The article alone, for what needs no more (posting a comment to it): the versions above cost
# the database more than the rest of the post's reads together.
_public_article_alone = CompiledQuery(
    lambda slug, now: Article.objects.published(now=now).filter(slug=slug),
    slug="str",
    now="datetime",
)


def public_article(slug, *, as_page=True):
    """The public article at `slug`, as its page reads it (or alone, `as_page=False`); 404
    when there is none."""
    query = _public_article if as_page else _public_article_alone
    found = query(slug=slug, now=timezone.now())
    if not found:
        raise Http404(gettext("No article found at this address."))
    return found[0]


def with_tags_and_sources(article):
    """Read the article's tags and sources, as `prefetch_related("tags", "sources")` would:
    what is already in place (a revision's sources in its preview) is kept."""
    for name, query in (("tags", _tags), ("sources", _sources)):
        if name not in getattr(article, "_prefetched_objects_cache", {}):
            prefetched(article, name, query(article_id=article.pk))
    return article
