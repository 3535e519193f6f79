"""Who wrote what: WordPress authors as bylines, and WordPress users as our staff.

Articles carry the author as a free-text byline today; when authors become people of their own,
`byline_for` is the one function to change.
"""

from django.contrib.auth import get_user_model

from .fields import plain_text

BYLINE_LENGTH = 120


class Authors:
    def __init__(self, authors):
        """`authors`: the export's wp:author records (none in WXR 1.0)."""
        self.by_login = {author.login: author for author in authors}
        self.login_by_id = {author.wp_id: author.login for author in authors if author.wp_id}
        self._staff = {}

    def staff_user(self, login):
        """The active staff account whose username is the WordPress login, or None."""
        if login not in self._staff:
            self._staff[login] = (
                get_user_model()
                .objects.filter(username=login, is_staff=True, is_active=True)
                .first()
                if login
                else None
            )
        return self._staff[login]

    def staff_for_comment(self, wp_user_id):
        """A comment written by a WordPress user whose login is one of our staff: that staff."""
        return self.staff_user(self.login_by_id.get(wp_user_id, "")) if wp_user_id else None

    def byline_for(self, login):
        """The byline of a post by `login`: the name WordPress showed, else our staff member's
        name; blank (the editorial team) rather than a bare login."""
        author = self.by_login.get(login)
        name = ""
        if author:
            name = author.display_name or f"{author.first_name} {author.last_name}".strip()
        if not name:
            user = self.staff_user(login)
            name = user.get_full_name() if user else ""
        return plain_text(name)[:BYLINE_LENGTH]
