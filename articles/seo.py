"""Absolute addresses and structured data for the head of public pages."""

from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site


def site_scheme(request=None):
    """https when the site is served over HTTPS (every http request is redirected there),
    else the request's own scheme; http without a request."""
    if settings.SECURE_SSL_REDIRECT:
        return "https"
    return request.scheme if request is not None else "http"


def absolute_url(request, path):
    """`path` on this site's canonical domain (the Sites framework), in the site's scheme.

    `request` may be None (emails, commands): then the scheme comes from the settings alone.
    """
    if path.startswith(("http://", "https://")):
        return path
    return f"{site_scheme(request)}://{get_current_site(request).domain}{path}"


def site_root():
    """scheme://domain of the site without a request, for links in emails and commands."""
    return absolute_url(None, "/").rstrip("/")


def article_jsonld(article, request, site_settings):
    """schema.org data for an article: a MedicalWebPage when it was medically reviewed."""
    url = absolute_url(request, article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage" if article.reviewed_by else "Article",
        "headline": article.title,
        "description": article.summary,
        "url": url,
        "mainEntityOfPage": url,
        "author": (
            {"@type": "Person", "name": article.byline}
            if article.byline
            else {"@type": "Organization", "name": site_settings.site_name}
        ),
        "publisher": {"@type": "Organization", "name": site_settings.site_name},
        "articleSection": article.category.name,
        "keywords": [tag.name for tag in article.tags.all()],
    }
    if article.published_at:
        data["datePublished"] = article.published_at.isoformat()
    data["dateModified"] = (
        article.updated_at or article.published_at or article.modified_at
    ).isoformat()
    picture = article.picture
    if picture:
        data["image"] = {
            "@type": "ImageObject",
            "url": absolute_url(request, picture.src),
            "width": picture.width,
            "height": picture.height,
        }
    if article.reviewed_by:
        data["reviewedBy"] = {"@type": "Person", "name": article.reviewed_by}
    if article.reviewed_on:
        data["lastReviewed"] = article.reviewed_on.isoformat()
    sources = article.source_list
    if sources:
        data["citation"] = [
            {
                "@type": "CreativeWork",
                "name": source.text,
                **({"url": source.url} if source.url else {}),
            }
            for source in sources
        ]
    return data
