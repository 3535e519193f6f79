"""Categories and tags: WordPress terms found or created as ours, on first use by a post.

An article has one category: of a post's categories the first leaf is kept (its parents are
implied); other leaves become tags, so nothing is lost. A post with none goes to
"Uncategorized", as in WordPress.
"""

import hashlib

from django.utils.text import slugify

from articles.models import Category, Tag

from .fields import plain_text
from .memory import Kind
from .records import Term

UNCATEGORIZED = Term("category", "uncategorized", "Uncategorized")
NOTE_EXTRA = "other categories of the post kept as its tags"


def term_slug(term, max_length):
    """An ASCII slug our addresses accept; a stable stand-in for names that give none."""
    slug = slugify(term.slug) or slugify(term.name)
    if not slug:
        digest = hashlib.sha1(f"{term.slug}|{term.name}".encode(), usedforsecurity=False)
        slug = f"{term.domain}-{digest.hexdigest()[:10]}"
    return slug[:max_length].strip("-")


class Taxonomy:
    def __init__(self, survey, memory, report):
        self.parents = {slug: parent for slug, (_term, parent, _d) in survey.categories.items()}
        self.descriptions = {slug: d for slug, (_term, _p, d) in survey.categories.items()}
        self.memory = memory
        self.report = report
        self._rows = {}
        report.read("category", len(survey.categories))
        report.read("tag", len(survey.tags))
        self._listed = {
            ("category", slug): term for slug, (term, _p, _d) in survey.categories.items()
        }
        self._listed |= {("tag", slug): term for slug, term in survey.tags.items()}
        self._used = set()

    def _ancestors(self, slug):
        seen = set()
        while (slug := self.parents.get(slug)) and slug not in seen:
            seen.add(slug)
        return seen

    def for_post(self, post):
        """(category, tags) of a post, created where missing."""
        categories = [term for term in post.terms if term.domain == "category"]
        ancestors = set().union(*(self._ancestors(term.slug) for term in categories))
        leaves = [term for term in categories if term.slug not in ancestors] or [UNCATEGORIZED]
        if len(leaves) > 1:
            self.report.note("post", NOTE_EXTRA)
            self._used |= {("category", term.slug) for term in leaves[1:]}
        tags = [self._row(Tag, term) for term in post.terms if term.domain == "tag"]
        tags += [self._row(Tag, Term("tag", term.slug, term.name)) for term in leaves[1:]]
        return self._row(Category, leaves[0]), list(dict.fromkeys(tags))

    def _row(self, model, term):
        kind = Kind.CATEGORY if model is Category else Kind.TAG
        key = (kind, term.slug or term.name)
        if key in self._rows:
            return self._rows[key]
        ident = (term.domain, term.slug or term.name)
        self._used.add(ident)
        if ident not in self._listed:
            self._listed[ident] = term
            self.report.read(kind)
        self._rows[key] = row = self._find_or_create(model, kind, term)
        return row

    def _find_or_create(self, model, kind, term):
        slug_length = model._meta.get_field("slug").max_length
        name_length = model._meta.get_field("name").max_length
        slug = term_slug(term, slug_length)
        name = plain_text(term.name)[:name_length] or slug
        remembered = self.memory.get(kind, slug)
        found = model.objects.filter(slug=slug).first() or (
            model.objects.filter(name__iexact=name).first()
        )
        if found:
            reason = "already imported" if remembered else f"matched an existing {kind}"
            self.report.skipped(kind, reason)
            return found
        fields = {"name": name, "slug": slug}
        if model is Category:
            fields["description"] = self.descriptions.get(term.slug, "")
        row = model.objects.create(**fields)
        self.memory.remember(kind, slug, row)
        self.report.imported(kind)
        return row

    def finish(self):
        """Terms of the export that no imported post uses are not created: say so."""
        parents = set(self.parents.values())
        for (domain, slug), term in self._listed.items():
            if (domain, slug) in self._used:
                continue
            model = Category if domain == "category" else Tag
            if self.memory.get(domain, term_slug(term, model._meta.get_field("slug").max_length)):
                self.report.skipped(domain, "already imported")
            elif domain == "category" and slug in parents:
                self.report.skipped(domain, "parent category: posts keep their leaf category")
            else:
                self.report.skipped(domain, "not used by any imported post")
