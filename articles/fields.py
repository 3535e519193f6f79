from django.db import models
from django.db.models.fields.files import FieldFile, ImageFileDescriptor


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
