import io

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles.models import Article, Category, Person, RelatedLink, Source, Tag


def image_file(
    name="photo.jpg", size=(1200, 800), image_format="JPEG", color=(30, 120, 100), **save
):
    """An uploaded image drawn in memory."""
    buffer = io.BytesIO()
    mode = "RGBA" if image_format in ("PNG", "WEBP") else "RGB"
    Image.new(mode, size, color).save(buffer, format=image_format, **save)
    content_types = {
        "JPEG": "image/jpeg",
        "PNG": "image/png",
        "WEBP": "image/webp",
        "GIF": "image/gif",
    }
    return SimpleUploadedFile(
        name,
        buffer.getvalue(),
        content_type=content_types.get(image_format, "application/octet-stream"),
    )


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    first_name = "Sam"
    last_name = "Reader"
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class StaffFactory(UserFactory):
    """An editor: staff, with every permission on articles."""

    username = factory.Sequence(lambda n: f"editor{n}")
    first_name = "Erin"
    last_name = "Editor"
    is_staff = True

    @factory.post_generation
    def article_permissions(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.user_permissions.add(
                *Permission.objects.filter(content_type__app_label="articles")
            )


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")
    # Articles of most tests are published without a medical sign-off; the sign-off tests
    # ask for requires_review=True (the model's default).
    requires_review = False


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Tag {n}")
    slug = factory.Sequence(lambda n: f"tag-{n}")


class PersonFactory(factory.django.DjangoModelFactory):
    """An author or reviewer: pass credentials, role, bio, profile_links, photo as needed."""

    class Meta:
        model = Person
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Dana Writer {n}")
    slug = factory.Sequence(lambda n: f"dana-writer-{n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published article; pass status="draft" or a future published_at for the others."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Article number {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    body = "An opening paragraph about sleep and health.\n\n## A section\n\nMore text here."
    category = factory.SubFactory(CategoryFactory)
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(days=1))

    @factory.post_generation
    def tags(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted:
            obj.tags.add(*extracted)


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    article = factory.SubFactory(ArticleFactory)
    position = factory.Sequence(int)
    title = factory.Sequence(lambda n: f"A study of sleep, part {n}")


class RelatedLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RelatedLink

    article = factory.SubFactory(ArticleFactory)
    target = factory.SubFactory(ArticleFactory)
    position = factory.Sequence(int)


class FlatPageFactory(factory.django.DjangoModelFactory):
    """A flat page (Terms, Privacy) on the current site, served under /pages/<slug>/."""

    class Meta:
        model = "flatpages.FlatPage"
        django_get_or_create = ["url"]
        skip_postgeneration_save = True

    url = factory.Sequence(lambda n: f"/page-{n}/")
    title = factory.Sequence(lambda n: f"Page {n}")
    content = "<p>What this page says, in plain words.</p>"

    @factory.post_generation
    def on_site(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.sites.add(1)
