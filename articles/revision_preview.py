"""A revision previewed as its article page: the public template, the text rendered by the one
renderer and sanitiser, nothing saved, and a banner saying that readers do not see it."""

from django.utils.cache import add_never_cache_headers

from . import revisions
from .citations import Source
from .rendering import render_markdown
from .views import ArticleDetailView


class RevisionPreviewView(ArticleDetailView):
    """Staff only: the admin checks the permission before it calls this view."""

    article = None
    revision = None

    def get_object(self, queryset=None):
        article = self.get_queryset().get(pk=self.article.pk)
        revisions.apply_text(article, self.revision.snapshot)
        article.body_html = render_markdown(article.body)
        records = self.revision.snapshot.get("source_records")
        if records is not None:
            prefetch_as(article, "sources", revisions.source_list(article, records), Source)
        return article

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    def get_context_data(self, **kwargs):
        return super().get_context_data(revision_preview=self.revision, **kwargs)


def prefetch_as(instance, name, rows, model):
    """Make `instance.<name>.all()` answer `rows` (as a prefetch would), without a query."""
    rows_queryset = model._default_manager.none()
    rows_queryset._result_cache = list(rows)
    rows_queryset._prefetch_done = True
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[name] = rows_queryset
