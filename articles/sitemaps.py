from django.contrib.flatpages.models import FlatPage
from django.contrib.sitemaps import Sitemap
from django.db.models import OuterRef, Q, Subquery

from .models import Article, Category, Person, Tag


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return Article.objects.for_listing()

    def lastmod(self, item):
        return item.modified_at


def _latest_public_change(*conditions, **article_filter):
    """When the newest public article of a category, tag or person last changed, for lastmod."""
    return Subquery(
        Article.objects.published()
        .filter(*conditions, **article_filter)
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


class AuthorSitemap(CategorySitemap):
    """The pages of people with at least one published article, written or reviewed."""

    priority = 0.3

    def items(self):
        return Person.objects.annotate(
            latest=_latest_public_change(Q(author=OuterRef("pk")) | Q(reviewer=OuterRef("pk")))
        ).filter(latest__isnull=False)


class FlatPageSitemap(Sitemap):
    priority = 0.2

    def items(self):
        return FlatPage.objects.filter(registration_required=False).order_by("url")


SITEMAPS = {
    "articles": ArticleSitemap,
    "categories": CategorySitemap,
    "tags": TagSitemap,
    "authors": AuthorSitemap,
    "pages": FlatPageSitemap,
}
