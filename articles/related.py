"""The related-posts block: curated links first, then articles sharing tags or the category."""

from dataclasses import dataclass

from django.utils import timezone

from healthsite.compiled import CompiledQuery

from .models import Article, RelatedLink

RELATED_LIMIT = 3


@dataclass(frozen=True)
class Teaser:
    title: str
    excerpt: str
    href: str
    picture: object = None
    is_external: bool = False

    @classmethod
    def of_article(cls, article):
        return cls(article.title, article.summary, article.get_absolute_url(), article.picture)

    @classmethod
    def of_link(cls, link):
        return cls(
            link.display_title, link.display_excerpt, link.href, link.picture, link.is_external
        )


# Compiled once per process (healthsite/compiled.py): building them cost more than running them.
_links = CompiledQuery(
    lambda article_id: RelatedLink.objects.filter(article_id=article_id).select_related("target"),
    article_id="int",
)
_similar = CompiledQuery(
    lambda article_id, category_id, now: Article.objects.similar_to(
        Article(pk=article_id, category_id=category_id), now=now
    )[:RELATED_LIMIT],
    article_id="int",
    category_id="int",
    now="datetime",
)


def related_teasers(article):
    """Up to RELATED_LIMIT teasers in two queries, whatever the number of links, tags and
    articles."""
    links = [
        link
        for link in _links(article_id=article.pk)
        if link.target is None or link.target.is_public
    ][:RELATED_LIMIT]
    teasers = [Teaser.of_link(link) for link in links]
    missing = RELATED_LIMIT - len(teasers)
    if missing > 0:
        similar = _similar(
            article_id=article.pk, category_id=article.category_id, now=timezone.now()
        )
        teasers += [Teaser.of_article(other) for other in similar[:missing]]
    return teasers
