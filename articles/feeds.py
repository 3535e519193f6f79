from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from .models import Article, SiteSettings
from .people import team_name

FEED_ITEMS = 20


class LatestArticlesFeed(Feed):
    link = reverse_lazy("articles:home")

    def title(self):
        return SiteSettings.load().site_name

    def description(self):
        return SiteSettings.load().tagline

    def items(self):
        return Article.objects.for_listing()[:FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at or item.published_at

    def item_author_name(self, item):
        return item.author.name if item.author_id else team_name()

    def item_categories(self, item):
        return [item.category.name]


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description
