"""The opt-in "save my name, email and website in this browser" cookie.

Set only when the commenter ticks the box, removed when they post without it. The value is
signed, so it cannot be forged; it is only encoded, not encrypted, so it holds nothing the
commenter did not type themselves, and it is sent only over HTTPS outside development.
"""

from django.conf import settings
from django.core import signing

COOKIE_NAME = "comment_author"
COOKIE_SALT = "comments.remember-author"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60
FIELDS = ("name", "email", "website")


def remembered_author(request):
    """The saved name, email and website, or {} when there is no valid cookie."""
    raw = request.COOKIES.get(COOKIE_NAME)
    if not raw:
        return {}
    try:
        data = signing.loads(raw, salt=COOKIE_SALT, max_age=COOKIE_MAX_AGE)
    except signing.BadSignature:
        return {}
    if not isinstance(data, dict):
        return {}
    return {field: str(data.get(field, ""))[:254] for field in FIELDS if data.get(field)}


def update_remembered_author(request, response, *, consent, comment):
    """Keep the commenter's details with their consent; forget them otherwise."""
    if consent:
        value = signing.dumps(
            {
                "name": comment.author_name,
                "email": comment.author_email,
                "website": comment.author_url,
            },
            salt=COOKIE_SALT,
            compress=True,
        )
        response.set_cookie(
            COOKIE_NAME,
            value,
            max_age=COOKIE_MAX_AGE,
            secure=settings.SESSION_COOKIE_SECURE or request.is_secure(),
            httponly=True,
            samesite="Lax",
        )
    elif COOKIE_NAME in request.COOKIES:
        response.delete_cookie(COOKIE_NAME, samesite="Lax")
