"""Who a staff member is in public, as the discussion stores it: the name (and role) under
which staff replies appear in the thread, the feeds and the emails. Never a login name.

The rule itself is the publication's (`articles.people`: the staff member's Person, else the
account's full name, else "The <site name> team"); it is stored on each staff reply when it
is posted, so pages and emails read it without looking up the account.
"""

from articles.people import public_name_for, public_role_for

from .models import Comment

NAME_LENGTH = Comment._meta.get_field("author_name").max_length
ROLE_LENGTH = Comment._meta.get_field("author_role").max_length


def staff_public_name(user):
    """The public name of a staff account, cut to fit the comment's name field."""
    return public_name_for(user)[:NAME_LENGTH]


def staff_public_role(user):
    """The public role of a staff account ("Registered dietitian"), or ""."""
    return public_role_for(user)[:ROLE_LENGTH]
