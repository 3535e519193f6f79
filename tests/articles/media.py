"""Library images for tests: uploaded through the pipeline, as the admin would."""

from articles.library import MediaImage
from tests.factories import image_file


def library_image(alt="A bowl of oats", caption="", credit="", size=(1200, 800), **fields):
    return MediaImage.objects.create(
        image=image_file("oats.jpg", size=size), alt=alt, caption=caption, credit=credit, **fields
    )
