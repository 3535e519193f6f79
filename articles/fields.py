from django.db import models, transaction
from django.db.models.fields.files import FieldFile, ImageFileDescriptor

from . import images


class _StoredImageDescriptor(ImageFileDescriptor):
    """Django measures an image again whenever its field is assigned, even the stored file to
    itself, as every full_clean() does: that opened the stored file on each save of the
    article. Here the stored file assigned to itself keeps the measured size."""

    def __set__(self, instance, value):
        previous = instance.__dict__.get(self.field.attname)
        previous_name = previous.name if isinstance(previous, FieldFile) else previous
        if isinstance(value, FieldFile) and value._committed and value.name == previous_name:
            instance.__dict__[self.field.attname] = value
            return
        super().__set__(instance, value)


class StoredImageField(models.ImageField):
    """An ImageField that never reads its stored file again to re-measure it (see above)."""

    descriptor_class = _StoredImageDescriptor

    def deconstruct(self):
        # The same column and options as Django's ImageField: migrations need not know.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.ImageField", args, kwargs


class KeepsImageRenditions(models.Model):
    """A model whose uploaded images are cleaned and resized once, when saved (see images).

    RENDITIONS maps each image field to the JSON field that keeps the descriptions of its
    renditions and the widths to make: the article's featured image and a person's photo go
    through the same steps. A replaced image's files are deleted once the save commits.
    """

    RENDITIONS = {}  # image field name: (renditions field name, widths)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        for field_name, (renditions_name, widths) in self.RENDITIONS.items():
            self._process_new_image(field_name, renditions_name, widths)
        super().save(*args, **kwargs)
        self._remember_stored_images()

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._remember_stored_images()
        return instance

    def _remember_stored_images(self):
        """The image names as stored, to notice a newly uploaded image on the next save."""
        self._stored_images = {
            name: getattr(self, name).name for name in self.RENDITIONS if name in self.__dict__
        }

    def _process_new_image(self, field_name, renditions_name, widths):
        """Clean and resize a newly uploaded image once; delete the files of a replaced one."""
        if field_name in self.get_deferred_fields():
            return  # not loaded, so not changed (and saving leaves it alone)
        image = getattr(self, field_name)
        stored_name = getattr(self, "_stored_images", {}).get(field_name)
        if image.name == stored_name:
            return
        old_files = [rendition["name"] for rendition in getattr(self, renditions_name) or []]
        if stored_name:
            old_files.append(stored_name)
        renditions = []
        if image and not image._committed:
            cleaned = images.strip_metadata(image.file, image.name)
            image.save(cleaned.name, cleaned, save=False)
            renditions = images.make_renditions(cleaned, image.name, widths=widths)
        setattr(self, renditions_name, renditions)
        if old_files:
            transaction.on_commit(lambda: images.delete_files(old_files))
