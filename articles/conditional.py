"""Conditional GET (ETag, 304 Not Modified) for pages, feeds and the sitemap, from versions.

A list, a feed or the sitemap is drawn from the published articles, their discussions (the
comment counts on cards) and the settings rows: one aggregate query over the articles reads
the versions of all of these (`site_stamp`), and the ETag is a hash of them and the address.
Only anonymous readers get an ETag on pages (anyone else may have a message waiting); feeds
and the sitemap are the same for everyone. The article page makes its ETag from the key of
its shared copy (articles/views.py).
"""

import hashlib
import time

from django.db.models import Count, Max, Q, Sum
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.timezone import now
from django.views.decorators.http import condition

from . import pagecache
from .cachekeys import latest_changes
from .models import Article
from .singleton import version_annotations

# A page a browser keeps is new again every hour: the comment form it holds is stamped when
# drawn, and a stamp must not grow older than the form may be.
ETAG_PERIOD_SECONDS = 60 * 60


def site_stamp():
    """The versions every list, feed and the sitemap are drawn from, in one query."""
    public = Q(status=Article.Status.PUBLISHED, published_at__lte=now())
    return tuple(
        sorted(
            Article.objects.order_by()
            .aggregate(
                latest_change=Max("modified_at"),
                discussions=Sum("discussion_version"),
                latest_publication=Max("published_at", filter=public),
                public_count=Count("pk", filter=public),
                **{name: Max(version) for name, version in version_annotations().items()},
                **{name: Max(latest) for name, latest in latest_changes().items()},
            )
            .items()
        )
    )


def current_period():
    """The hour now: what a page's cached copies and ETags also change with, so a discussion
    that closes by age (or a form stamp that grows old) is at most this late."""
    return int(time.time() // ETAG_PERIOD_SECONDS)


def etag_of(*parts):
    raw = repr((translation.get_language(), current_period(), parts))
    return '"' + hashlib.sha256(raw.encode()).hexdigest()[:32] + '"'


def _site_etag(request, *args, **kwargs):
    return etag_of(site_stamp(), request.get_full_path())


def _page_etag(request, *args, **kwargs):
    """An ETag for anonymous readers only; None (no ETag, no 304) for anyone else."""
    return _site_etag(request) if pagecache.is_anonymous(request) else None


# For feeds and the sitemap (the same for everyone), and for list pages.
site_condition = condition(etag_func=_site_etag)
page_condition = condition(etag_func=_page_etag)


def not_modified(request, etag):
    """The 304 for a request that already holds `etag`, else None."""
    return get_conditional_response(request, etag=etag)
