"""The one way a change to a discussion reaches cached pages: the article's discussion version.

Every write that changes what a discussion shows (a post, a moderation verb, an edit, an
erasure, the importer, the demo seeder, a change of the discussion settings) calls
`discussion_changed` in its own transaction. Cached threads and pages are keyed by that number
(comments/thread_cache.py, articles/pagecache.py), so the next request of any process, whatever
its cache, builds a new copy: no signal handler, no purge to forget.
"""

from django.db.models import F

from articles.models import Article


def discussion_changed(articles=None):
    """Bump the discussion version of `articles` (ids, articles, or a queryset); every
    article when None (a change of the discussion settings)."""
    rows = Article.objects.all()
    if articles is not None:
        rows = rows.filter(pk__in=_ids(articles))
    return rows.update(discussion_version=F("discussion_version") + 1)


def _ids(articles):
    if hasattr(articles, "values"):
        return articles.values("pk")
    return {getattr(article, "pk", article) for article in articles}
