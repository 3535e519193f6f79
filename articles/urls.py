from django.urls import path

from . import views
from .conditional import page_condition

app_name = "articles"

urlpatterns = [
    path("", page_condition(views.HomeView.as_view()), name="home"),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("category/<slug:slug>/", page_condition(views.CategoryView.as_view()), name="category"),
    path("tag/<slug:slug>/", page_condition(views.TagView.as_view()), name="tag"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("authors/<slug:slug>/", page_condition(views.AuthorView.as_view()), name="author"),
]
