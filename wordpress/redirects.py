"""Old addresses answering with a 301: permalinks through Django's redirects framework, and
WordPress's "/?p=12" and "/?page_id=12" (which it ignores, being query strings) through
`OldPostIdMiddleware`."""

from django.conf import settings
from django.contrib.flatpages.models import FlatPage
from django.contrib.redirects.models import Redirect
from django.http import HttpResponsePermanentRedirect

from articles.models import Article

from .addresses import id_in_query, permalink_path
from .models import ImportedItem

OLD_PATH_LENGTH = Redirect._meta.get_field("old_path").max_length


def add_redirect(report, link, new_url):
    """Make the post's old permalink answer with a 301 to its new address."""
    path = permalink_path(link)
    if not path:
        return  # "?p=12" permalinks need no row: the middleware answers them
    report.read("redirect")
    if len(path) > OLD_PATH_LENGTH:
        report.skipped("redirect", f"old address longer than {OLD_PATH_LENGTH} characters")
        return
    if path == new_url:
        report.skipped("redirect", "the old address is the new one")
        return
    redirect, created = Redirect.objects.get_or_create(
        site_id=settings.SITE_ID, old_path=path, defaults={"new_path": new_url}
    )
    if created:
        report.imported("redirect")
    elif redirect.new_path == new_url:
        report.skipped("redirect", "already imported")
    else:
        report.skipped("redirect", "the old address already redirects elsewhere")


def address_of_old_id(wp_id):
    """Where WordPress post or page `wp_id` lives now, if it was imported and is public."""
    items = ImportedItem.objects.filter(
        kind__in=[ImportedItem.Kind.POST, ImportedItem.Kind.PAGE], wp_id=str(wp_id)
    ).order_by("-imported_at", "-pk")
    for item in items.select_related("content_type"):
        model = item.content_type.model_class()
        queryset = Article.objects.published() if model is Article else FlatPage.objects
        target = queryset.filter(pk=item.object_id).first()
        if target is not None:
            return target.get_absolute_url()
    return None


class OldPostIdMiddleware:
    """ "/?p=12" (or "?page_id=12") → 301 to the imported post or page.

    At the site's root this is checked first, since the home page answers any query; on other
    paths (a WordPress that lived in /blog/) only when nothing else answered.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/":
            redirect = self._redirect(request)
            if redirect:
                return redirect
        response = self.get_response(request)
        if response.status_code == 404:
            return self._redirect(request) or response
        return response

    @staticmethod
    def _redirect(request):
        if request.method not in ("GET", "HEAD") or not request.META.get("QUERY_STRING"):
            return None
        wp_id = id_in_query(request.META["QUERY_STRING"])
        url = address_of_old_id(wp_id) if wp_id is not None else None
        return HttpResponsePermanentRedirect(url) if url else None
