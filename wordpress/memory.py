"""The import's memory of what it brought in before: WordPress ids → our rows."""

import hashlib
import json

from django.contrib.contenttypes.models import ContentType

from .models import ImportedItem

Kind = ImportedItem.Kind


def fingerprint(*values):
    """A short, stable digest of some values: what a source item or a local row looked like."""
    data = json.dumps(values, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(data.encode()).hexdigest()


class Memory:
    def __init__(self, source, run=None):
        self.source = source
        self.run = run
        self._loaded = {}

    def known(self, kind):
        """{wp id: ImportedItem} of one kind for this site, read once."""
        if kind not in self._loaded:
            self._loaded[kind] = {
                item.wp_id: item
                for item in ImportedItem.objects.filter(source=self.source, kind=kind)
            }
        return self._loaded[kind]

    def get(self, kind, wp_id):
        return self.known(kind).get(str(wp_id))

    def known_comments(self, wp_ids):
        """{wp id: our comment id} for the given WordPress comment ids of this site."""
        return dict(
            ImportedItem.objects.filter(
                source=self.source, kind=Kind.COMMENT, wp_id__in=[str(i) for i in wp_ids]
            ).values_list("wp_id", "object_id")
        )

    def entry(self, kind, wp_id, target=None, **fields):
        """An unsaved memory of one imported row."""
        return ImportedItem(
            source=self.source,
            kind=kind,
            wp_id=str(wp_id),
            content_type=ContentType.objects.get_for_model(target) if target else None,
            object_id=target.pk if target else None,
            run=self.run,
            **fields,
        )

    def remember(self, kind, wp_id, target=None, **fields):
        """Remember one row, or what became of it (updated, or imported again)."""
        item = self.entry(kind, wp_id, target, **fields)
        known = self.known(kind).get(item.wp_id)
        if known is not None:
            item.pk, item.imported_at = known.pk, known.imported_at
        item.save()
        self.known(kind)[item.wp_id] = item
        return item

    def remember_many(self, items):
        ImportedItem.objects.bulk_create(items, batch_size=500)
