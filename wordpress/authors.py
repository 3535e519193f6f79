"""Who wrote what: WordPress authors as our people (`articles.Person`), WordPress users as
our staff.

A post's author is matched by login, never by name (two writers may share one): the Person of
the staff account with that username, else the Person an earlier import made for that login,
else a new Person (linked to that staff account when there is one), remembered for the next
run. An author with no name to show is the site's team.
"""

from django.contrib.auth import get_user_model
from django.utils.text import slugify

from articles.models import Person

from .fields import plain_text
from .models import ImportedItem

NAME_LENGTH = Person._meta.get_field("name").max_length
SLUG_LENGTH = Person._meta.get_field("slug").max_length


class Authors:
    def __init__(self, authors, memory):
        """`authors`: the export's wp:author records (none in WXR 1.0); `memory`: the
        import's memory of what earlier runs brought in."""
        self.memory = memory
        self.by_login = {author.login: author for author in authors}
        self.login_by_id = {author.wp_id: author.login for author in authors if author.wp_id}
        self._staff = {}
        self._people = {}

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

    def display_name(self, login):
        """The name WordPress showed for `login`, else our staff member's full name; never a
        bare login."""
        author = self.by_login.get(login)
        name = ""
        if author:
            name = author.display_name or f"{author.first_name} {author.last_name}".strip()
        if not name:
            user = self.staff_user(login)
            name = user.get_full_name() if user else ""
        return plain_text(name)[:NAME_LENGTH].strip()

    def person_for(self, login):
        """The Person who wrote a post by `login`, found or created once per run; None (the
        site's team) when there is no name to show."""
        if login not in self._people:
            self._people[login] = self._find_or_create_person(login)
        return self._people[login]

    def _find_or_create_person(self, login):
        user = self.staff_user(login)
        person = Person.objects.filter(user=user).first() if user else None
        remembered = self.memory.get(ImportedItem.Kind.AUTHOR, login) if login else None
        if person is None and remembered is not None:
            person = Person.objects.filter(pk=remembered.object_id).first()
        if person is not None:
            return person
        name = self.display_name(login)
        if not name:
            return None
        person = Person(name=name, slug=_free_slug(name, login))
        if user is not None and not hasattr(user, "person"):
            person.user = user
        person.save()
        if login:
            self.memory.remember(ImportedItem.Kind.AUTHOR, login, person)
        return person


def _free_slug(name, login):
    base = (slugify(name) or slugify(login) or "author")[: SLUG_LENGTH - 4].strip("-")
    slug, number = base, 2
    while Person.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug
