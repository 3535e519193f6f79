from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import condition

from articles.cachekeys import article_versions, with_versions
from articles.conditional import etag_of
from articles.models import Article

from .models import Comment, DiscussionSettings

FEED_ITEMS = 50


class ArticleCommentsFeed(Feed):
    """The public comments of one article, newest first: names and text, never an email."""

    def get_object(self, request, slug):
        return get_object_or_404(Article.objects.published(), slug=slug)

    def title(self, article):
        return _("Comments on “%(title)s”") % {"title": article.title}

    def link(self, article):
        return f"{article.get_absolute_url()}#comments"

    def description(self, article):
        return _("The latest comments on “%(title)s”.") % {"title": article.title}

    def items(self, article):
        comments = list(
            Comment.objects.public()
            .filter(article=article)
            .select_related("article")
            .order_by("-created_at", "-pk")[:FEED_ITEMS]
        )
        # Each item's link names its page when the discussion is paged: the thread roots are
        # read once for all items (not a query per item), and the links are kept on the
        # items rather than on this Feed, which every request shares.
        discussion_settings = DiscussionSettings.load()
        roots = (
            list(Comment.objects.public_thread_roots(article))
            if discussion_settings.comments_per_page and comments
            else None
        )
        for comment in comments:
            comment.feed_link = comment.url_in_discussion(
                discussion_settings=discussion_settings, thread_roots=roots
            )
        return comments

    def item_title(self, comment):
        return _("%(name)s on “%(title)s”") % {
            "name": comment.author_name,
            "title": comment.article.title,
        }

    def item_description(self, comment):
        return comment.body_html

    def item_link(self, comment):
        return comment.feed_link

    def item_guid(self, comment):
        return f"comment-{comment.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, comment):
        return comment.created_at

    def item_author_name(self, comment):
        return comment.author_name


def _feed_etag(request, slug):
    """The article's versions (its discussion's among them) and the settings rows'."""
    article = with_versions(Article.objects.published().filter(slug=slug)).first()
    return etag_of(article_versions(article)) if article else None


unchanged_feed_answers_304 = condition(etag_func=_feed_etag)
