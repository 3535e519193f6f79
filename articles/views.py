import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.db.models import Q
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView
from django.views.static import serve

from . import pagecache
from .cachekeys import (
    content_versions,
    publication_stamp,
    shared_versions,
    versions_key,
)
from .conditional import current_period, etag_of, not_modified
from .forms import SearchForm
from .models import Article, Category, Person, SiteSettings, Tag
from .pagequeries import as_page_reads, public_article, with_tags_and_sources
from .querysets import sees_unpublished
from .related import related_teasers
from .search import search_articles
from .seo import (
    absolute_url,
    article_jsonld,
    default_share_picture,
    home_jsonld,
    profile_jsonld,
)
from .sharing import share_links
from .singleton import refresh_stale

ARTICLES_PER_PAGE = 10
HEALTH_CACHE_KEY = "healthz"
HEALTH_CACHE_SECONDS = 10
FAVICON = "img/favicon.ico"


class ArticleListMixin:
    """Published articles, ten a page. ?page= is read as Django's ListView reads it: a number
    of a real page or "last"; anything else (0, past the last page, not a number) is a 404,
    so no address shows the same list as another."""

    model = Article
    paginate_by = ARTICLES_PER_PAGE
    context_object_name = "articles"

    def get_queryset(self):
        return Article.objects.for_listing()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        context["canonical_path"] = self.request.path + (
            f"?page={page.number}" if page.number > 1 else ""
        )
        return context


class HomeView(ArticleListMixin, ListView):
    """The newest article as the lead story on the first page, then the rest as cards."""

    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        articles = list(context["articles"])
        lead = articles[0] if articles and context["page_obj"].number == 1 else None
        site_settings = SiteSettings.load()
        context.update(
            lead=lead,
            articles=articles[1:] if lead else articles,
            share_picture=(lead and lead.picture) or default_share_picture(site_settings),
            jsonld=home_jsonld(self.request, site_settings),
        )
        return context


class AuthorView(ArticleListMixin, ListView):
    """A person's page: who they are, and the published articles they wrote or reviewed."""

    template_name = "articles/author.html"

    def get_queryset(self):
        self.person = get_object_or_404(Person, slug=self.kwargs["slug"])
        return super().get_queryset().filter(Q(author=self.person) | Q(reviewer=self.person))

    def get_context_data(self, **kwargs):
        person = self.person
        return super().get_context_data(
            person=person,
            description=" ".join(person.bio.split())
            or gettext("Articles written or medically reviewed by %(name)s.")
            % {"name": person.name},
            jsonld=profile_jsonld(person, self.request),
            **kwargs,
        )


class CategoryView(ArticleListMixin, ListView):
    template_name = "articles/category.html"

    def get_queryset(self):
        self.category = get_object_or_404(Category, slug=self.kwargs["slug"])
        return super().get_queryset().filter(category=self.category)

    def get_context_data(self, **kwargs):
        return super().get_context_data(category=self.category, **kwargs)


class TagView(ArticleListMixin, ListView):
    template_name = "articles/tag.html"

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return super().get_queryset().filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class SearchView(ArticleListMixin, ListView):
    template_name = "articles/search.html"

    def get_queryset(self):
        self.form = SearchForm(self.request.GET)
        self.query = self.form.cleaned_data["q"] if self.form.is_valid() else ""
        return search_articles(super().get_queryset(), self.query)

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=self.form, query=self.query, **kwargs)


class ArticleDetailView(DetailView):
    model = Article
    template_name = "articles/detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return as_page_reads(Article.objects.visible_to(self.request.user))

    def get_object(self, queryset=None):
        if queryset is None and not sees_unpublished(self.request.user):
            article = public_article(self.kwargs["slug"])  # the same query, compiled once
        else:
            article = super().get_object(queryset)
        refresh_stale(article)  # settings saved by another process show at once
        return article

    def get(self, request, *args, **kwargs):
        """Anonymous readers of a public article share one cached copy of the page (see
        articles/pagecache.py); everyone else gets it drawn for them."""
        found = pagecache.is_shared(request) and shared_versions(kwargs["slug"])
        if found:
            pk, versions = found
            key = versions_key(
                "page-bytes",  # the kept copy's format: a copy of another never matches
                versions,
                current_period(),
                request.scheme,
                request.get_host(),
                request.GET.get("cpage", ""),
            )
            etag = etag_of(key)
            unchanged = not_modified(request, etag)
            if unchanged is not None:
                return unchanged
            response = pagecache.answer(request, key, Article(pk=pk))
            if response is None:
                article = self.object = self.get_object()
                pagecache.start_shared(request)
                response = pagecache.keep(request, key, self.drawn(article), article)
            response["ETag"] = etag
            return response
        article = self.object = self.get_object()
        response = self.drawn(article)
        if not article.is_public or request.user.is_staff:
            # Staff may see what readers must not (a draft, comments awaiting moderation):
            # no cache keeps their copy.
            add_never_cache_headers(response)
        return response

    def drawn(self, article):
        with_tags_and_sources(article)
        return self.render_to_response(self.get_context_data(object=article))

    def get_context_data(self, **kwargs):
        article = self.object
        site_settings = SiteSettings.load()
        url = absolute_url(self.request, article.get_absolute_url())
        picture = article.picture
        return super().get_context_data(
            # Drawn once per state of the site's articles (the template caches the block under
            # `fragment_versions`): read only when that copy is missing.
            related=SimpleLazyObject(lambda: related_teasers(article)),
            fragment_versions=versions_key(
                "fragment",
                content_versions(article),
                publication_stamp(article),
                self.request.get_host(),
            ),
            share_links=share_links(
                site_settings.share_networks,
                url=url,
                title=article.title,
                description=article.summary,
                image_url=absolute_url(self.request, picture.src) if picture else "",
            ),
            jsonld=article_jsonld(article, self.request, site_settings),
            share_url=url,
            **self.holes(),
            **kwargs,
        )

    def holes(self):
        """Markers in place of the CSRF token while drawing the shared copy."""
        if pagecache.draws_shared_copy(self.request):
            return {"csrf_token": pagecache.marker("csrf")}
        return {}


@require_safe
def serve_media(request, path):
    """Uploaded media, when Django serves them itself (SERVE_MEDIA): read MEDIA_ROOT now."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)


@require_safe
def favicon(request):
    """/favicon.ico, which browsers ask for whatever the page says: our static icon."""
    return HttpResponsePermanentRedirect(static(FAVICON))


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        f"Sitemap: {absolute_url(request, reverse('django.contrib.sitemaps.views.sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@never_cache
@require_safe
def healthz(request):
    """200 "ok" when the database and the shared cache answer; 503 naming each that did not.

    The cache is checked by writing a key and reading it back: a cache whose errors are
    misses (healthsite/cache.py) answers every read, so only a round trip shows it is down.
    """
    failures = [name for name, check in HEALTH_CHECKS if not check()]
    if failures:
        body = "".join(f"{name} unavailable\n" for name in failures)
        return HttpResponse(body, status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return False
    return True


def cache_answers():
    token = secrets.token_hex(8)
    try:
        cache.set(HEALTH_CACHE_KEY, token, timeout=HEALTH_CACHE_SECONDS)
        return cache.get(HEALTH_CACHE_KEY) == token
    except Exception:  # any failure of any cache backend is the answer
        return False


HEALTH_CHECKS = [("database", database_answers), ("cache", cache_answers)]
