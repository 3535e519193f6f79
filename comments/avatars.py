"""Commenter avatars: initials drawn by the site by default, Gravatar only when switched on."""

import hashlib
from functools import lru_cache

PALETTE_SIZE = 8


@lru_cache(maxsize=4096)
def initials(name):
    letters = [word[0] for word in (name or "").split() if word[:1].isalnum()]
    return ("".join(letters[:1] + letters[1:][-1:]) or "?").upper()


@lru_cache(maxsize=4096)
def palette_index(name):
    return int(hashlib.sha256((name or "").encode()).hexdigest(), 16) % PALETTE_SIZE


def gravatar_url(email, size=48):
    """Gravatar's address for an email: its SHA-256 hash, never the address itself."""
    digest = hashlib.sha256((email or "").strip().lower().encode()).hexdigest()
    return f"https://www.gravatar.com/avatar/{digest}?s={size * 2}&d=identicon"
