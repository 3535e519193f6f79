from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from articles.conditional import site_condition
from articles.feeds import LatestArticlesAtomFeed, LatestArticlesFeed
from articles.sitemaps import SITEMAPS
from articles.views import favicon, healthz, robots_txt, serve_media

urlpatterns = [
    path("", include("articles.urls")),
    path("", include("comments.urls")),
    path("feeds/articles/", site_condition(LatestArticlesFeed()), name="feed-articles"),
    path(
        "feeds/articles/atom/",
        site_condition(LatestArticlesAtomFeed()),
        name="feed-articles-atom",
    ),
    path(
        "sitemap.xml",
        site_condition(sitemap),
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("robots.txt", robots_txt, name="robots"),
    path("favicon.ico", favicon, name="favicon"),
    path("healthz", healthz, name="healthz"),
    path("pages/", include("django.contrib.flatpages.urls")),
    path("admin/", admin.site.urls),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", serve_media, name="media")
    ]
