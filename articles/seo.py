"""Absolute addresses and structured data for the head of public pages."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.templatetags.static import static
from django.urls import reverse

from .people import team_name

# Our own static images: shared for pages with none of their own, and the publisher's logo.
DEFAULT_SHARE_IMAGE = "img/share-default.png"
LOGO = "img/icon-512.png"
LOGO_SIZE = 512


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


@dataclass(frozen=True)
class SharePicture:
    """An image for the page's Open Graph and Twitter tags, as page_meta reads a Picture."""

    src: str
    width: int
    height: int
    alt: str


def default_share_picture(site_settings):
    """Our own static image, for a page with none of its own (1200 x 630, Open Graph's size)."""
    return SharePicture(static(DEFAULT_SHARE_IMAGE), 1200, 630, site_settings.site_name)


def person_node(person, request):
    """schema.org Person (an Organization for a team) with its page, job and profiles."""
    node = {
        "@type": "Organization" if person.is_team else "Person",
        "name": person.name,
        "url": absolute_url(request, person.get_absolute_url()),
    }
    if person.role and not person.is_team:
        node["jobTitle"] = person.role
    if person.credentials and not person.is_team:
        node["honorificSuffix"] = person.credentials
    if person.links:
        node["sameAs"] = person.links
    picture = person.picture
    if picture:
        node["image"] = absolute_url(request, picture.src)
    return node


def team_node(request):
    """The site's team, the author of an article with no named author."""
    return {
        "@type": "Organization",
        "name": team_name(),
        "url": absolute_url(request, reverse("articles:home")),
    }


def organization_node(request, site_settings):
    return {
        "@type": "Organization",
        "@id": absolute_url(request, reverse("articles:home")) + "#organization",
        "name": site_settings.site_name,
        "url": absolute_url(request, reverse("articles:home")),
        "logo": {
            "@type": "ImageObject",
            "url": absolute_url(request, static(LOGO)),
            "width": LOGO_SIZE,
            "height": LOGO_SIZE,
        },
    }


def home_jsonld(request, site_settings):
    """The site (WebSite, with the search readers can run from a results page) and the
    publisher (Organization)."""
    home = absolute_url(request, reverse("articles:home"))
    search = absolute_url(request, reverse("articles:search"))
    return {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "WebSite",
                "@id": home + "#website",
                "name": site_settings.site_name,
                "description": site_settings.tagline,
                "url": home,
                "publisher": {"@id": home + "#organization"},
                "potentialAction": {
                    "@type": "SearchAction",
                    "target": {
                        "@type": "EntryPoint",
                        "urlTemplate": f"{search}?q={{search_term_string}}",
                    },
                    "query-input": "required name=search_term_string",
                },
            },
            organization_node(request, site_settings),
        ],
    }


def profile_jsonld(person, request):
    """An author's page: a ProfilePage about the person (or team)."""
    node = person_node(person, request)
    if person.bio:
        node["description"] = person.bio
    return {
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "url": node["url"],
        "mainEntity": node,
    }


def article_jsonld(article, request, site_settings):
    """schema.org data for an article: a MedicalWebPage when it was medically reviewed."""
    url = absolute_url(request, article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage" if article.reviewer_id else "Article",
        "headline": article.search_title,
        "description": article.search_description,
        "url": url,
        "mainEntityOfPage": url,
        "author": (
            person_node(article.author, request) if article.author_id else team_node(request)
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
    if article.reviewer_id:
        data["reviewedBy"] = person_node(article.reviewer, request)
    if article.reviewed_on:
        data["lastReviewed"] = article.reviewed_on.isoformat()
    sources = article.sources.all()
    if sources:
        data["citation"] = [source.as_citation() for source in sources]
    return data
