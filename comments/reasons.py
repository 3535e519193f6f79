"""The reasons a comment was held or marked as spam, in words.

The policy (comments/moderation.py) writes them on each comment it stores, in the site's
language; the moderation desk reads them back: to filter the queue by reason and to find the
held or blocked word to highlight. The wording lives here only, so writing and reading agree.
"""

import re
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, ngettext

HELD_WORD = gettext_noop("held word: %(word)s")
BLOCKED_WORD = gettext_noop("blocked word: %(word)s")
BLOCKED_EMAIL = gettext_noop("blocked email")
BLOCKED_IP = gettext_noop("blocked IP address")
HOLD_ALL = gettext_noop("every comment is held for moderation")
FIRST_COMMENT = gettext_noop("first comment from this email")
RATE_LIMIT_UNAVAILABLE = gettext_noop("rate limit unavailable")
WORD_FORMATS = (HELD_WORD, BLOCKED_WORD)


def held_word(word):
    return _(HELD_WORD) % {"word": word}


def blocked_word(word):
    return _(BLOCKED_WORD) % {"word": word}


def _links_format(count):
    return ngettext("%(count)d link", "%(count)d links", count)


def links(count):
    return _links_format(count) % {"count": count}


def matched_words(reasons):
    """The held and blocked words the policy found in a comment, from its stored reasons."""
    words = []
    for reason in reasons or ():
        for pattern in _word_patterns():
            match = pattern.fullmatch(reason)
            if match and match.group("word").strip():
                words.append(match.group("word").strip())
    return words


def _word_patterns():
    return [
        re.compile(re.escape(_(text)).replace(re.escape("%(word)s"), "(?P<word>.+)"), re.S)
        for text in WORD_FORMATS
    ]


def _links_pattern():
    """A regular expression, for the database, matching "3 links" as stored in the JSON list."""
    forms = {re.escape(_links_format(count)) for count in (1, 2, 5)}
    number = re.escape("%(count)d")
    return '"(' + "|".join(form.replace(number, "[0-9]+") for form in sorted(forms)) + ')"'


@dataclass(frozen=True)
class ReasonKind:
    """One kind of reason the desk filters by: `condition(field)` is a Q on the reasons as
    text (the JSON list cast to text, in `field`)."""

    key: str
    label: str
    texts: tuple = ()
    links: bool = False

    def condition(self, field):
        if self.links:
            return Q(**{f"{field}__iregex": _links_pattern()})
        query = Q()
        for text in self.texts:
            words = _(text).split("%(word)s")[0]
            query |= Q(**{f"{field}__icontains": words})
        return query


KINDS = (
    ReasonKind("held_word", gettext_lazy("held word"), texts=(HELD_WORD,)),
    ReasonKind("links", gettext_lazy("links"), links=True),
    ReasonKind("first_comment", gettext_lazy("first comment"), texts=(FIRST_COMMENT,)),
    ReasonKind(
        "blocked",
        gettext_lazy("blocked (word, email or IP address)"),
        texts=(BLOCKED_WORD, BLOCKED_EMAIL, BLOCKED_IP),
    ),
    ReasonKind("hold_all", gettext_lazy("every comment held"), texts=(HOLD_ALL,)),
    ReasonKind(
        "rate_limit", gettext_lazy("rate limit unavailable"), texts=(RATE_LIMIT_UNAVAILABLE,)
    ),
)
KIND_BY_KEY = {kind.key: kind for kind in KINDS}
