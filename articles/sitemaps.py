from django.contrib.flatpages.models import FlatPage
from django.contrib.sitemaps import Sitemap
from django.db.models import OuterRef, Subquery

from .models import Article, Category, Tag


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return Article.objects.for_listing()

    def lastmod(self, item):
        return item.modified_at


def _latest_public_change(**article_filter):
    """When the newest public article of a category or tag last changed, for lastmod."""
    return Subquery(
        Article.objects.published()
        .filter(**article_filter)
        .order_by("-modified_at")
        .values("modified_at")[:1]
    )


class CategorySitemap(Sitemap):
    changefreq = "daily"
    priority = 0.5

    def items(self):
        return Category.objects.annotate(
            latest=_latest_public_change(category=OuterRef("pk"))
        ).filter(latest__isnull=False)

    def lastmod(self, item):
        return item.latest


class TagSitemap(CategorySitemap):
    priority = 0.3

    def items(self):
        return Tag.objects.annotate(latest=_latest_public_change(tags=OuterRef("pk"))).filter(
            latest__isnull=False
        )


class FlatPageSitemap(Sitemap):
    priority = 0.2

    def items(self):
        return FlatPage.objects.filter(registration_required=False).order_by("url")


SITEMAPS = {
    "articles": ArticleSitemap,
    "categories": CategorySitemap,
    "tags": TagSitemap,
    "pages": FlatPageSitemap,
}
