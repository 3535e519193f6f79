"""The signed stamp every comment form carries: which article it was drawn for, when, and a
one-time key of that drawing. The policy reads its age (too fast, too old); the posting
service stores its key with the comment, so the same form sent twice stores one comment."""

import secrets
import time

from django.core import signing

from articles import pagecache

from .models import Comment

FORM_STAMP_SALT = "comments.form-issued"
SUBMISSION_KEY_BYTES = 16
# The stamp's place in the shared copy of an article page, filled for each reader.
PAGE_HOLE = "comment-stamp"


def issue_stamp(article, *, issued_at=None, key=None):
    """A signed token of the article the form was drawn for, when it was drawn, and a one-time
    key of this drawing of the form: the comment stored from it keeps the key, so sending
    the same form again finds that comment instead of storing another."""
    issued_at = time.time() if issued_at is None else issued_at
    key = key or secrets.token_urlsafe(SUBMISSION_KEY_BYTES)
    return signing.dumps(
        {"article": article.pk, "at": issued_at, "key": key}, salt=FORM_STAMP_SALT
    )


def read_stamp(value):
    """What a form stamp says when its signature holds (whatever its age), else None."""
    try:
        stamp = signing.loads(value or "", salt=FORM_STAMP_SALT)
    except signing.BadSignature:
        return None
    return stamp if isinstance(stamp, dict) else None


def submission_key(stamp_value):
    """The one-time key inside a form stamp, or None (no stamp, a forged or an older one)."""
    key = (read_stamp(stamp_value) or {}).get("key")
    return key if valid_submission_key(key) else None


def valid_submission_key(key):
    max_length = Comment._meta.get_field("submission_key").max_length
    return isinstance(key, str) and 0 < len(key) <= max_length


@pagecache.hole(PAGE_HOLE)
def _stamp_for_reader(request, article):
    """Every reader's form gets a stamp of its own: one-time keys are never shared."""
    return issue_stamp(article)
