"""
Reading a discussion: the thread of one article (or one page of its threads), its count, and
whether it is open. A constant number of queries whatever the size of the discussion.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Q

from articles.cachekeys import CACHE_SECONDS, article_versions, versions_key

from . import notices, threads
from .models import Comment, DiscussionSettings
from .permissions import can_moderate
from .threadqueries import public_rows, thread_rows, threads_and_count

AWAITING_SESSION_KEY = "comments_awaiting_moderation"
AWAITING_SESSION_LIMIT = 20
MAX_PAGE_DIGITS = 5


@dataclass
class CommentPage:
    number: int
    num_pages: int

    @property
    def has_other_pages(self):
        return self.num_pages > 1

    @property
    def numbers(self):
        return range(1, self.num_pages + 1)


@dataclass
class Discussion:
    article: object
    settings: DiscussionSettings
    thread: threads.Thread
    count: int
    is_open: bool
    page: CommentPage | None = None
    moderating: bool = False
    # The thread already drawn (from the cache), and the key to keep a new drawing under.
    drawn: str | None = None
    cache_key: str | None = None

    @property
    def closes_on(self):
        return self.settings.closes_on(self.article)

    def keep_drawing(self, html):
        """Cache the thread drawn for this request, when it is the same for every reader."""
        if self.cache_key:
            drawing = DrawnThread(html=html, has_comments=bool(self.thread))
            cache.set(self.cache_key, (drawing, self.count, self.page), CACHE_SECONDS)


@dataclass(frozen=True)
class DrawnThread:
    """A thread drawn once for every reader: its HTML, and whether it has any comment."""

    html: str
    has_comments: bool

    def __bool__(self):
        return self.has_comments

    def __iter__(self):
        return iter(())


def awaiting_ids(request):
    """Ids of the comments this browser posted that still await moderation (from its session)."""
    if not hasattr(request, "session"):
        return []
    return list(request.session.get(AWAITING_SESSION_KEY, []))


def remember_awaiting(request, comment):
    """Let the author, and only the author, see their pending comment in place."""
    ids = [comment.pk, *awaiting_ids(request)][:AWAITING_SESSION_LIMIT]
    request.session[AWAITING_SESSION_KEY] = ids


def _page_number(raw, num_pages, settings):
    default = num_pages if settings.page_order == settings.PageOrder.NEWEST else 1
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return default
    return min(max(number, 1), num_pages)


def load_discussion(article, *, request):
    """Everything the article page shows of its discussion.

    Readers see the approved comments and, in their place, their own that await moderation
    (from their session). Moderators see every comment awaiting moderation in its place, in
    the same one query; their pages are never cached (the article view sends staff pages
    with never-cache headers).
    """
    settings = DiscussionSettings.load()
    own_ids = awaiting_ids(request)
    moderating = can_moderate(getattr(request, "user", None))
    is_open = settings.is_open_for(article)
    key = _shared_key(article, request, is_open, own_ids or moderating)
    cached = cache.get(key) if key else None
    if cached is not None:
        drawn, count, page = cached
        return Discussion(article, settings, drawn, count, is_open, page=page, drawn=drawn.html)
    with_email = settings.avatars == settings.Avatars.GRAVATAR  # never read it otherwise
    page = None
    count = None
    after = before = None
    if settings.comments_per_page:
        roots, count = threads_and_count(article.pk)
        paginator = Paginator(roots, settings.comments_per_page, allow_empty_first_page=True)
        number = _page_number(request.GET.get("cpage"), paginator.num_pages, settings)
        page = CommentPage(number, paginator.num_pages)
        page_roots = paginator.page(number).object_list
        if page_roots:
            if number > 1:  # the first page also holds what comes before its first thread
                after = page_roots[0]
            following = number * settings.comments_per_page
            if following < len(roots):
                before = roots[following]
    if own_ids or moderating:
        rows = thread_rows(article.pk, with_email=with_email, after=after, before=before)
        pending = Q(status=Comment.Status.PENDING)
        if not moderating:
            pending &= Q(pk__in=own_ids)
        rows = list(rows.filter(Q(status=Comment.Status.APPROVED) | pending))
    else:
        rows = public_rows(article.pk, after=after, before=before, with_email=with_email)
    comments = _with_hidden_ancestors(rows)
    if count is None:
        count = sum(1 for comment in comments if comment.status == Comment.Status.APPROVED)
    awaiting = set(own_ids)
    if moderating:
        awaiting = {c.pk for c in comments if c.status == Comment.Status.PENDING}
    return Discussion(
        article=article,
        settings=settings,
        thread=threads.build_thread(
            comments, public_status=Comment.Status.APPROVED, own_ids=awaiting
        ),
        count=count,
        is_open=is_open,
        page=page,
        moderating=moderating,
        cache_key=key,
    )


def _shared_key(article, request, is_open, personal):
    """The cache key of the thread as every reader sees it; None when this request sees it
    differently (their own pending comments, a moderator, a notice beside a comment, a reply
    link followed) or when the article was not read with its versions."""
    versions = article_versions(article)
    if versions is None or personal or request.GET.get("replyto"):
        return None
    if notices.notices_for(request):
        return None
    page = request.GET.get("cpage", "")
    if page and not (page.isascii() and page.isdigit() and len(page) <= MAX_PAGE_DIGITS):
        return None  # not a page number anyone links to: drawn, not kept
    return versions_key("thread", versions, is_open, page)


def _with_hidden_ancestors(comments):
    """Add the comments that shown replies hang from but that are not public themselves.

    They are drawn as "comment removed", so the replies keep their place in the thread.
    """
    shown = {comment.pk for comment in comments}
    missing = {
        ancestor
        for comment in comments
        for ancestor in threads.ancestor_ids(comment.path)
        if ancestor not in shown
    }
    if not missing:
        return comments
    hidden = Comment.objects.filter(pk__in=missing).only(
        "pk", "path", "depth", "status", "article"
    )
    return sorted([*comments, *hidden], key=lambda comment: comment.path)
