"""A revision previewed as its article page: the public template, the text rendered by the one
renderer and sanitiser, nothing saved, and a banner saying that readers do not see it."""

from django.utils.cache import add_never_cache_headers

from healthsite.compiled import prefetched

from . import revisions
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
            prefetched(article, "sources", revisions.source_list(article, records))
        return article

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    def get_context_data(self, **kwargs):
        return super().get_context_data(revision_preview=self.revision, **kwargs)
