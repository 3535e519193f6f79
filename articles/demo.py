"""
The demo publication: a staff account, the site's texts, legal pages and a handful of articles.

Every row is keyed on a slug, URL or username, so running it again creates nothing twice and
changes nothing an editor has changed since: only what is missing is added. The demo account
gets a new password on every run, so the person running it always sees one that works.
"""

import secrets
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.flatpages.models import FlatPage
from django.contrib.sites.models import Site
from django.db import transaction
from django.utils import timezone

from . import demo_content as content
from . import groups, revisions, signoff
from .demo_images import draw_featured_image, draw_portrait
from .library import MediaImage, markdown_for
from .models import Article, Category, Person, RelatedLink, SiteSettings, Source, Tag
from .sanitize import STAFF, sanitize_html

DEMO_USERNAME = "editor"
DEFAULT_DOMAIN = "127.0.0.1:8000"
# The domain django.contrib.sites gives a fresh database: nobody has chosen one yet.
UNSET_DOMAIN = "example.com"


class DemoOptionError(ValueError):
    """A bad option value, reported to the person before anything is written."""


@dataclass
class Tally:
    """How many rows of each kind a run created or updated, for the closing summary."""

    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    kinds: list = field(default_factory=list)

    def add(self, kind, created):
        if kind not in self.kinds:
            self.kinds.append(kind)
        (self.created if created else self.updated)[kind] += 1

    def lines(self):
        if not any(self.created.values()):
            return ["  nothing new: the demo content was already there (edits are kept)"]
        return [
            f"  {kind}: {self.created[kind]} created, {self.updated[kind]} updated"
            for kind in self.kinds
        ]


@dataclass
class Publication:
    """What a run produced, for a command that builds on it (the comments app's discussion)."""

    user: object
    password: str
    articles: dict
    tally: Tally


def seed_publication(*, password=None, domain=None, stdout=None):
    """Load the demo publication, then print the demo account and a summary of the run."""
    password = _checked_password(password)
    domain = _checked_domain(domain)
    tally = Tally()
    with transaction.atomic():
        user = seed_account(password=password, tally=tally)
        site = seed_site(domain=domain, tally=tally)
        seed_site_settings(tally=tally)
        seed_flat_pages(site=site, tally=tally)
        categories = seed_categories(tally=tally)
        tags = seed_tags(tally=tally)
        people = seed_people(tally=tally)
        seed_staff_identity(user=user, people=people, tally=tally)
        library = seed_library(tally=tally)
        articles = seed_articles(
            categories=categories, tags=tags, people=people, library=library, tally=tally
        )
        seed_related_links(articles=articles, tally=tally)
    _write(stdout, f"username: {user.get_username()} password: {password}")
    _write(stdout, "Demo content loaded:")
    for line in tally.lines():
        _write(stdout, line)
    return Publication(user=user, password=password, articles=articles, tally=tally)


def _checked_password(password):
    if password is None:
        return secrets.token_urlsafe(12)
    if not password.strip():
        raise DemoOptionError("--password cannot be empty; leave it out for a random one.")
    if any(character.isspace() for character in password):
        raise DemoOptionError("--password cannot contain spaces or other whitespace.")
    return password


def _checked_domain(domain):
    if domain is None:
        return None
    domain = domain.strip()
    if not domain or any(character.isspace() for character in domain) or "/" in domain:
        raise DemoOptionError(
            "--domain must be a host name with an optional port, such as 127.0.0.1:8000."
        )
    if len(domain) > Site._meta.get_field("domain").max_length:
        raise DemoOptionError("--domain is too long.")
    return domain


def _write(stdout, line):
    if stdout is not None:
        stdout.write(line + "\n")


def seed_account(*, password, tally):
    """The demo staff account, with every permission, and the given password."""
    user, created = get_user_model().objects.get_or_create(username=DEMO_USERNAME)
    user.is_staff = user.is_superuser = user.is_active = True
    user.set_password(password)
    user.save()
    # Also a member of every staff group, so the demo shows each role's menus and pages.
    groups.sync_groups(apps, strict=True)
    user.groups.add(*Group.objects.filter(name__in=groups.GROUPS))
    tally.add("staff account", created)
    return user


def seed_site(*, domain, tally):
    """Site 1 gets the demo's domain, unless someone already chose one (and no --domain)."""
    site = Site.objects.filter(pk=1).first()
    created = site is None
    if created or domain or site.domain == UNSET_DOMAIN:
        site = site or Site(pk=1)
        site.domain, site.name = domain or DEFAULT_DOMAIN, content.SITE_NAME
        site.full_clean()
        site.save()
        tally.add("site", created)
    Site.objects.clear_cache()
    return site


def seed_site_settings(*, tally):
    """The demo's texts, unless an editor has already written a disclaimer."""
    settings = SiteSettings.load()
    if settings.disclaimer.strip():
        return settings
    settings.site_name = content.SITE_NAME
    settings.tagline = content.TAGLINE
    settings.disclaimer = content.DISCLAIMER
    settings.copyright = content.COPYRIGHT
    settings.full_clean()
    settings.save()
    tally.add("site settings", False)
    return settings


def seed_flat_pages(*, site, tally):
    pages = []
    for data in content.FLAT_PAGES:
        page, created = FlatPage.objects.get_or_create(
            url=data["url"],
            defaults={
                "title": data["title"],
                "content": sanitize_html(data["content"].strip(), STAFF),
                "registration_required": False,
                "template_name": "",
            },
        )
        page.sites.add(site)
        if created:
            tally.add("flat pages", created)
        pages.append(page)
    return pages


def seed_categories(*, tally):
    categories = {}
    for data in content.CATEGORIES:
        category, created = Category.objects.get_or_create(
            slug=data["slug"],
            defaults={
                "name": data["name"],
                "description": data["description"],
                "requires_review": data.get("requires_review", True),
            },
        )
        if created:
            tally.add("categories", created)
        categories[category.slug] = category
    return categories


def seed_tags(*, tally):
    tags = {}
    for slug, name in content.TAGS.items():
        tag, created = Tag.objects.get_or_create(slug=slug, defaults={"name": name})
        if created:
            tally.add("tags", created)
        tags[slug] = tag
    return tags


def seed_people(*, tally):
    """The demo's authors and reviewers, with their portraits: each added when missing, and
    kept as it is (an editor's changes too) when there."""
    people = {}
    for data in content.PEOPLE:
        person = Person.objects.filter(slug=data["slug"]).first()
        if person is None:
            person = Person(slug=data["slug"])
            for name in ("name", "credentials", "role", "bio"):
                setattr(person, name, data[name])
            person.profile_links = "\n".join(data["profile_links"])
            person.photo = draw_portrait(slug=person.slug, name=person.name)
            person.full_clean()
            person.save()
            tally.add("people", True)
        people[person.slug] = person
    return people


# The demo account answers readers as this person (their public name and role).
DEMO_STAFF_PERSON = "priya-raman"


def seed_staff_identity(*, user, people, tally):
    """Give the demo account a public face, unless it or the person already has one."""
    person = people.get(DEMO_STAFF_PERSON)
    if person is None or person.user_id or Person.objects.filter(user=user).exists():
        return
    person.user = user
    person.save(update_fields=["user"])
    tally.add("staff public name", True)


def seed_library(*, tally):
    """The media library's demo images, by the article each is placed in (its slug)."""
    placed = {}
    for data in content.LIBRARY_IMAGES:
        media = MediaImage.objects.filter(alt=data["alt"]).first()
        if media is None:
            media = MediaImage(alt=data["alt"], caption=data["caption"], credit=data["credit"])
            media.image = draw_featured_image(
                slug=f"library-{data['article']}", motif=data["motif"], palette=data["palette"]
            )
            media.full_clean()
            media.save()
            tally.add("library images", True)
        placed[data["article"]] = media
    return placed


def seed_articles(*, categories, tags, people, tally, library=None):
    now = timezone.now()
    articles = {}
    for data in content.ARTICLES:
        article = Article.objects.filter(slug=data["slug"]).first()
        if article is None:
            article = seed_article(
                data=data,
                category=categories[data["category"]],
                people=people,
                now=now,
                inline_image=(library or {}).get(data["slug"]),
            )
            article.tags.set([tags[slug] for slug in data["tags"]])
            tally.add("articles", True)
        articles[article.slug] = article
    return articles


def seed_article(*, data, category, now, people=None, inline_image=None):
    """One new article as written in demo_content, dated relative to `now`, with its sources.

    Its author and reviewer come from `people` (slug: Person), or are seeded when missing;
    a library image (`inline_image`) goes after the body's opening paragraph."""
    people = people if people is not None else seed_people(tally=Tally())
    article = Article(slug=data["slug"])
    for name in ("title", "excerpt", "body", "cta_text", "cta_url", "cta_label"):
        setattr(article, name, data[name])
    if inline_image is not None:
        opening, _, rest = article.body.strip().partition("\n\n")
        article.body = f"{opening}\n\n{markdown_for(inline_image)}\n\n{rest}"
    article.category = category
    article.author = people[data["author"]] if data.get("author") else None
    article.reviewer = people[data["reviewer"]] if data.get("reviewer") else None
    article.key_points = "\n".join(data.get("key_points", []))
    article.reviewed_on = _days_ago(now, data.get("reviewed_days_ago"), as_date=True)
    article.updated_at = _days_ago(now, data.get("updated_days_ago"))
    article.status, article.published_at = Article.Status.DRAFT, None
    article.featured_image_alt = data["alt"]
    article.featured_image = draw_featured_image(
        slug=article.slug, motif=data["motif"], palette=data["palette"]
    )
    article.full_clean()
    article.save()
    for position, values in enumerate(data["sources"]):
        source = Source(article=article, position=position, **values)
        source.full_clean()
        source.save()
    if article.reviewer is not None:
        signoff.record_approval(article, article.reviewer, on=article.reviewed_on)
    status, published_at = _publication(data, now)
    # The demo publishes through the same rule as editors (articles.signoff).
    refusal = signoff.publication_refusal(article, None, status=status, published_at=published_at)
    if refusal:
        raise ValueError(f"Demo article {article.slug}: {refusal}")
    article.status, article.published_at = status, published_at
    article.full_clean()
    article.save()
    revisions.record(article=article, note="Demo content")
    return article


def _days_ago(now, days, as_date=False):
    if days is None:
        return None
    moment = now - timedelta(days=days)
    return timezone.localdate(moment) if as_date else moment


def _publication(data, now):
    """Status and date: published days ago, scheduled (published with a date to come) days
    ahead, or a draft with no date."""
    if data["status"] == "draft":
        return Article.Status.DRAFT, None
    if data["status"] == "scheduled":
        return Article.Status.PUBLISHED, now + timedelta(days=data["days_ahead"])
    return Article.Status.PUBLISHED, now - timedelta(days=data["days_ago"], hours=2)


def seed_related_links(*, articles, tally):
    """Curated related posts at positions 0, 1…: demo articles, or an external page."""
    for slug, targets in content.RELATED.items():
        article = articles[slug]
        for position, target in enumerate(targets):
            if isinstance(target, str):
                values = {"target": articles[target], "url": "", "title": "", "excerpt": ""}
            else:
                values = {"target": None, **target}
            if RelatedLink.objects.filter(article=article, position=position).exists():
                continue
            link = RelatedLink(article=article, position=position, **values)
            link.full_clean()
            link.save()
            tally.add("related links", True)
