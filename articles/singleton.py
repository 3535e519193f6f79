from django.apps import apps
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Subquery
from django.utils.translation import gettext_lazy as _

from .versioning import VersionedModel


class SingletonModel(VersionedModel):
    """A settings model of exactly one row (pk 1), cached in the shared cache for every request.

    Used by the publication's SiteSettings and the discussion's DiscussionSettings. Saving
    clears the cached copy; the copy also expires after CACHE_SECONDS, which bounds how long
    another process with its own local-memory cache (no REDIS_URL) can read an old row.
    """

    CACHE_SECONDS = 60
    # A page that read the rows' versions in its own query (`version_annotations`) gets the
    # current rows whatever its process cached: `refresh_stale` reloads an older copy.

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
    def load(cls, version=None):
        """The one row, from the shared cache when there; created with defaults if missing.
        With `version` (read from the database in this request), a cached copy of another
        version is read again."""
        instance = cache.get(cls.cache_key())
        if instance is None or (version is not None and instance.version != version):
            instance, _created = cls.objects.get_or_create(pk=1)
            cache.set(cls.cache_key(), instance, timeout=cls.CACHE_SECONDS)
        return instance

    @classmethod
    def version_alias(cls):
        return f"{cls._meta.label_lower.replace('.', '_')}_version"


def singleton_models():
    """Every settings singleton of the project (the discussion's too, without importing it)."""
    return [model for model in apps.get_models() if issubclass(model, SingletonModel)]


def version_annotations():
    """Each settings row's version as a subquery, for a query the page makes anyway."""
    return {
        model.version_alias(): Subquery(model.objects.filter(pk=1).values("version")[:1])
        for model in singleton_models()
    }


def settings_versions(row):
    """(alias, version) of each settings row, as annotated on `row`; None without them."""
    versions = []
    for model in singleton_models():
        alias = model.version_alias()
        if not hasattr(row, alias):
            return None
        versions.append((alias, getattr(row, alias)))
    return tuple(versions)


def refresh_stale(row):
    """Reload any cached settings row older than the version annotated on `row`."""
    for model in singleton_models():
        version = getattr(row, model.version_alias(), None)
        if version is not None:
            model.load(version=version)
