from django.urls import path

from . import feeds, views

app_name = "comments"

urlpatterns = [
    path("articles/<slug:slug>/comments/", views.post_comment, name="post"),
    path(
        "articles/<slug:slug>/comments/feed/",
        feeds.unchanged_feed_answers_304(feeds.ArticleCommentsFeed()),
        name="feed",
    ),
    path("comments/<int:pk>/", views.comment_permalink, name="permalink"),
    path("comments/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("comments/resubscribe/<str:token>/", views.resubscribe, name="resubscribe"),
]
