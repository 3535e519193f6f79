from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404

from articles.models import Article

from .models import Comment, DiscussionSettings
from .threads import comment_url

FEED_ITEMS = 50


class ArticleCommentsFeed(Feed):
    """The public comments of one article, newest first: names and text, never an email."""

    def get_object(self, request, slug):
        return get_object_or_404(Article.objects.published(), slug=slug)

    def title(self, article):
        return f"Comments on “{article.title}”"

    def link(self, article):
        return f"{article.get_absolute_url()}#comments"

    def description(self, article):
        return f"The latest comments on “{article.title}”."

    def items(self, article):
        self.discussion_settings = DiscussionSettings.load()
        return (
            Comment.objects.public()
            .filter(article=article)
            .select_related("article")
            .order_by("-created_at", "-pk")[:FEED_ITEMS]
        )

    def item_title(self, comment):
        return f"{comment.author_name} on “{comment.article.title}”"

    def item_description(self, comment):
        return comment.body_html

    def item_link(self, comment):
        return comment_url(comment, discussion_settings=self.discussion_settings)

    def item_guid(self, comment):
        return f"comment-{comment.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, comment):
        return comment.created_at

    def item_author_name(self, comment):
        return comment.author_name
