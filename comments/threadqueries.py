"""What every reader of a discussion reads, in queries compiled once per process
(healthsite/compiled.py): the roots of its threads with its public count, and its public
comments in thread order. A reader's own comments awaiting moderation and a moderator's view
are read through the ORM (comments/discussion.py); a comment's place among the threads is
counted in comments/models.py (`discussion_page`), which this module imports."""

from django.db.models import Count

from healthsite.compiled import CompiledQuery

from .models import Comment

# Each thread with a public comment and how many it holds: the roots cut the pages, and the
# counts add up to the discussion's count, in one query.
_threads = CompiledQuery(
    lambda article_id: (
        Comment.objects.public()
        .filter(article_id=article_id)
        .with_thread_root()
        .values("root")
        .annotate(count=Count("pk"))
        .order_by("root")
        .values_list("root", "count")
    ),
    article_id="int",
)
_public_rows = {}


def thread_rows(article_id, *, with_email, after=None, before=None):
    """The comments of the article in thread order, from path `after` (included) to `before`
    (left out) when given, with what drawing a thread reads (the email only where the avatars
    need it)."""
    rows = Comment.objects.filter(article_id=article_id).for_thread()
    if after is not None:
        rows = rows.filter(path__gte=after)
    if before is not None:
        rows = rows.filter(path__lt=before)
    return rows if with_email else rows.defer("author_email")


def threads_and_count(article_id):
    """(the root path of every thread with a public comment, in thread order; the number of
    public comments)."""
    rows = _threads(article_id=article_id)
    return [root for root, _count in rows], sum(count for _root, count in rows)


def public_rows(article_id, *, after=None, before=None, with_email=False):
    """The public comments of `thread_rows`."""
    shape = (after is not None, before is not None, with_email)
    if shape not in _public_rows:
        _public_rows[shape] = _public_rows_query(*shape)
    bounds = {"after": after, "before": before}
    return _public_rows[shape](
        article_id=article_id,
        **{name: value for name, value in bounds.items() if value is not None},
    )


def _public_rows_query(has_after, has_before, with_email):
    def build(article_id, after=None, before=None):
        rows = thread_rows(article_id, with_email=with_email, after=after, before=before)
        return rows.filter(status=Comment.Status.APPROVED)

    kinds = {"article_id": "int"}
    kinds.update({"after": "str"} if has_after else {})
    kinds.update({"before": "str"} if has_before else {})
    return CompiledQuery(build, **kinds)
