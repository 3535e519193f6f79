from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from .versioning import VersionedModel


class SingletonModel(VersionedModel):
    """A settings model of exactly one row (pk 1), cached in the shared cache for every request.

    Used by the publication's SiteSettings and the discussion's DiscussionSettings. Saving
    clears the cached copy; the copy also expires after CACHE_SECONDS, which bounds how long
    another process with its own local-memory cache (no REDIS_URL) can read an old row.
    """

    CACHE_SECONDS = 60

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pk=1), name="%(app_label)s_%(class)s_single_row"
            )
        ]

    def __str__(self):
        return str(self._meta.verbose_name).capitalize()

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)
        cache.delete(self.cache_key())
        # Again after commit, in case a concurrent request cached the old row meanwhile.
        transaction.on_commit(lambda: cache.delete(self.cache_key()))

    def delete(self, *args, **kwargs):
        raise ValidationError(_("%(name)s cannot be deleted.") % {"name": self._meta.verbose_name})

    @classmethod
    def cache_key(cls):
        return f"singleton:{cls._meta.label_lower}"

    @classmethod
    def load_for_update(cls):
        """The row itself, locked until the transaction ends: for changes made in code."""
        instance, _created = cls.objects.select_for_update().get_or_create(pk=1)
        return instance

    @classmethod
    def load(cls):
        """The one row, from the shared cache when there; created with defaults if missing."""
        instance = cache.get(cls.cache_key())
        if instance is None:
            instance, _created = cls.objects.get_or_create(pk=1)
            cache.set(cls.cache_key(), instance, timeout=cls.CACHE_SECONDS)
        return instance
