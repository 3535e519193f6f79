import json
from urllib.parse import urlsplit

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from .. import people
from ..rendering import html_to_text
from ..seo import absolute_url as _absolute_url

register = template.Library()

DESCRIPTION_LENGTH = 300
SHORT_DESCRIPTION_LENGTH = 200

# Characters that could end a <script> element or start markup, escaped inside JSON.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def jsonld(data):
    """A schema.org block; the JSON is escaped so no value can close the script element."""
    payload = json.dumps(data, ensure_ascii=False, sort_keys=False).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


@register.inclusion_tag("includes/page_meta.html", takes_context=True)
def page_meta(context, title="", description="", picture=None, og_type="website", canonical=None):
    """<title>, canonical, description, Open Graph and Twitter tags, from one set of values."""
    request = context["request"]
    site_settings = context["site_settings"]
    # Plain text from here on: a flat page's title arrives marked safe (flatpages does that),
    # and str.__str__ drops the mark (an f-string would keep it), so the template escapes it.
    title, description = str.__str__(str(title)), str.__str__(str(description))
    page_title = f"{title} | {site_settings.site_name}" if title else site_settings.site_name
    truncated = Truncator(description or site_settings.tagline)
    return {
        "page_title": page_title,
        "share_title": title or site_settings.site_name,
        # As long as search results and link previews show them (X's cards show less).
        "description": truncated.chars(DESCRIPTION_LENGTH),
        "short_description": truncated.chars(SHORT_DESCRIPTION_LENGTH),
        # A view may name the page's canonical path (an article re-drawn at the address of
        # its comment form names the article's).
        "canonical": _absolute_url(
            request, canonical or context.get("canonical_path") or request.path
        ),
        "og_type": og_type,
        "image": _absolute_url(request, picture.src) if picture else "",
        "picture": picture,
        "site_settings": site_settings,
    }


@register.filter
def plain_text(html):
    """Sanitised HTML as plain text (tags dropped, entities decoded), e.g. for a description."""
    return html_to_text(html)


@register.filter
def link_host(url):
    """The site of an address, for a link's text ("www.example.org"), never the whole URL."""
    return urlsplit(url).hostname or ""


@register.inclusion_tag("includes/picture.html")
def picture(picture, sizes="100vw", css_class="", priority=False):
    """A responsive <picture>: WebP and JPEG renditions, intrinsic size, alt text; loaded
    lazily, except the page's main picture (`priority`), loaded at once and first, as it is
    the page's largest paint."""
    return {"picture": picture, "sizes": sizes, "css_class": css_class, "priority": priority}


@register.simple_tag
def team_name():
    """The site's team, the byline of an article with no author ("The Healthsite team")."""
    return people.team_name()


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """The current address with ?page=number, keeping the other query parameters."""
    query = context["request"].GET.copy()
    if number == 1:
        query.pop("page", None)
    else:
        query["page"] = number
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else context["request"].path
