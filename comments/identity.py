"""Who a staff member is in public: the one place that decides the name under which staff
replies appear in the thread, the feeds and the emails. Never a login name.

The name is stored on each staff reply when it is posted (its `author_name`), so pages and
emails read it without looking up the account.
"""

from django.utils.translation import gettext as _

from articles.models import SiteSettings

from .models import Comment

NAME_LENGTH = Comment._meta.get_field("author_name").max_length


def team_name():
    """How the site signs when no person is named: "The <site name> team"."""
    return _("The %(site_name)s team") % {"site_name": SiteSettings.load().site_name}


def staff_public_name(user):
    """The public name of a staff account: its full name, else the site's team name."""
    full_name = " ".join(user.get_full_name().split()) if user is not None else ""
    return (full_name or team_name())[:NAME_LENGTH]
