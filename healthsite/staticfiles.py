"""Static files as WhiteNoise stores them (compressed, each name hashed by its content), with
each file's URL looked up once per manifest: a page names eight of them, and the lookup cost
more than the rest of each `{% static %}` tag."""

from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def url(self, name, force=False):
        if settings.DEBUG or force:
            return super().url(name, force)
        key = (name, self.manifest_hash)  # a new collectstatic writes a new manifest
        urls = self.__dict__.setdefault("_urls", {})
        if key not in urls:
            urls[key] = super().url(name)
        return urls[key]
