"""The related-posts block: curated links first, then articles sharing tags or the category."""

from dataclasses import dataclass

from .models import Article

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


def related_teasers(article, limit=RELATED_LIMIT):
    """Up to `limit` teasers in two queries, whatever the number of links, tags and articles."""
    links = [
        link
        for link in article.related_links.select_related("target")
        if link.target is None or link.target.is_public
    ][:limit]
    teasers = [Teaser.of_link(link) for link in links]
    missing = limit - len(teasers)
    if missing > 0:
        linked_ids = [link.target_id for link in links if link.target_id]
        teasers += [
            Teaser.of_article(similar)
            for similar in Article.objects.similar_to(article, exclude_ids=linked_ids)[:missing]
        ]
    return teasers
