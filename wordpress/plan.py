"""
Before the second reading: where each post and page will live here.

Slugs and page addresses are chosen for the whole export first (unique, suffixed on a clash),
so that a link from one post to another imported later in the file is already known when the
first post's body is converted.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from django.contrib.flatpages.models import FlatPage
from django.utils.text import slugify

from articles.models import Article

from .addresses import AddressBook
from .memory import Kind

SLUG_LENGTH = Article._meta.get_field("slug").max_length
PAGE_URL_LENGTH = FlatPage._meta.get_field("url").max_length
_PAGE_SEGMENT = re.compile(r"[-\w.~]+")


def unique(base, taken, max_length):
    """`base`, or `base-2`, `base-3`… : the first not in `taken`, within max_length."""
    candidate, number = base[:max_length], 1
    while candidate in taken:
        number += 1
        suffix = f"-{number}"
        candidate = base[: max_length - len(suffix)].rstrip("-") + suffix
    taken.add(candidate)
    return candidate


def article_slug(summary):
    return (slugify(summary.name) or slugify(summary.title) or f"post-{summary.wp_id}")[
        :SLUG_LENGTH
    ].strip("-")


def _segment(text):
    text = unquote(text)
    return text if _PAGE_SEGMENT.fullmatch(text) else slugify(text, allow_unicode=True)


def page_path(summary, pages):
    """ "/about/team/": the page's permalink path, or its slugs up its parents when the old
    site had no pretty permalinks ("?page_id=12")."""
    segments = [_segment(part) for part in urlsplit(summary.link).path.split("/") if part]
    if not segments:
        seen = set()
        page = summary
        while page is not None and page.wp_id not in seen:
            seen.add(page.wp_id)
            segments.insert(0, _segment(page.name) or f"page-{page.wp_id}")
            page = pages.get(page.parent)
    return "/" + "/".join(segment for segment in segments if segment) + "/"


@dataclass
class Plan:
    addresses: AddressBook
    slugs: dict = field(default_factory=dict)  # wp id → slug of a new article
    page_urls: dict = field(default_factory=dict)  # wp id → url of a new flat page
    duplicates: set = field(default_factory=set)  # (kind, line) of repeated wp ids


def make_plan(survey, memory):
    channel = survey.channel
    plan = Plan(AddressBook(channel.link, channel.base_site_url, channel.base_blog_url))
    taken_slugs = set(Article.objects.values_list("slug", flat=True))
    _plan_kind(
        plan,
        survey,
        memory,
        Kind.POST,
        Article,
        lambda summary: _new_article(plan, summary, taken_slugs),
    )
    taken_urls = {url.rstrip("/") for url in FlatPage.objects.values_list("url", flat=True)}
    pages = {summary.wp_id: summary for summary in survey.items if summary.kind == "page"}
    _plan_kind(
        plan,
        survey,
        memory,
        Kind.PAGE,
        FlatPage,
        lambda summary: _new_page(plan, summary, pages, taken_urls),
    )
    return plan


def _plan_kind(plan, survey, memory, kind, model, new_row):
    """Each item's new address: the row imported before, or `new_row(summary)` (or None)."""
    known = memory.known(kind)
    existing = model.objects.in_bulk([item.object_id for item in known.values()])
    seen = set()
    for summary in survey.by_kind(kind):
        if summary.wp_id in seen:
            plan.duplicates.add((summary.kind, summary.line))
            continue
        seen.add(summary.wp_id)
        item = known.get(str(summary.wp_id))
        row = existing.get(item.object_id) if item else new_row(summary)
        if row is not None:
            plan.addresses.add_post(summary.wp_id, summary.link, row.get_absolute_url())


def _new_article(plan, summary, taken):
    slug = unique(article_slug(summary), taken, SLUG_LENGTH)
    plan.slugs[summary.wp_id] = slug
    return Article(slug=slug)


def _new_page(plan, summary, pages, taken):
    path = page_path(summary, pages)
    if len(path) > PAGE_URL_LENGTH:
        return None  # refused on import, for this reason
    url = unique(path.rstrip("/"), taken, PAGE_URL_LENGTH - 1) + "/"
    plan.page_urls[summary.wp_id] = url
    return FlatPage(url=url)
