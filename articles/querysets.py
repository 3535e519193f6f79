from django.db import models
from django.db.models import Case, Count, Q, Value, When
from django.utils import timezone


def sees_unpublished(user):
    return user.is_authenticated and user.is_staff and user.has_perm("articles.change_article")


class ArticleQuerySet(models.QuerySet):
    def published(self, *, now=None):
        """What the public may see: published, and its publication time has come.

        A scheduled article (published, its date to come) becomes public at `published_at`
        with no job running, because this is the only way public views find articles.
        """
        return self.filter(
            status=self.model.Status.PUBLISHED, published_at__lte=now or timezone.now()
        )

    def scheduled(self):
        """Published with a date to come: public at that date, with nothing else to change."""
        return self.filter(status=self.model.Status.PUBLISHED, published_at__gt=timezone.now())

    def drafts(self):
        return self.filter(status=self.model.Status.DRAFT)

    def for_listing(self):
        """Published articles, newest first, with what a teaser card and the lead story show
        (category and author, joined)."""
        return (
            self.published().select_related("category", "author").order_by("-published_at", "-pk")
        )

    def visible_to(self, user):
        """Staff who may edit articles also see drafts and scheduled ones (with a banner)."""
        return self.all() if sees_unpublished(user) else self.published()

    def similar_to(self, article, *, now=None):
        """Published articles sharing tags or the category: most shared tags first, then those
        of the same category, then the newest. Not the article itself, nor the articles its
        related links already name. Only the article's id and category are read (as values
        of the query, so it can be compiled once: articles/pagequeries.py)."""
        from .models import RelatedLink  # noqa: PLC0415 (models import this module)

        tag_ids = self.model.tags.through.objects.filter(article_id=article.pk).values("tag_id")
        linked_ids = RelatedLink.objects.filter(
            article_id=article.pk, target__isnull=False
        ).values("target_id")
        return (
            self.published(now=now)
            .select_related("category")
            .filter(Q(tags__in=tag_ids) | Q(category_id=article.category_id))
            .exclude(pk=article.pk)
            .exclude(pk__in=linked_ids)
            .annotate(
                shared_tags=Count("tags", filter=Q(tags__in=tag_ids), distinct=True),
                same_category=Case(
                    When(category_id=article.category_id, then=Value(1)), default=Value(0)
                ),
            )
            .order_by("-shared_tags", "-same_category", "-published_at", "-pk")
            .distinct()
        )
