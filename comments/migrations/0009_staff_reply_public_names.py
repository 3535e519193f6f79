"""Staff replies posted under the account's login name (the form fell back to it when the
account had no full name) take the public name comments/identity.py gives today: the full
name, else "The <site name> team". Written out here, as a migration must not import app code
that changes later."""

from django.db import migrations


def rename_login_named_replies(apps, schema_editor):
    Comment = apps.get_model("comments", "Comment")
    SiteSettings = apps.get_model("articles", "SiteSettings")
    site = SiteSettings.objects.filter(pk=1).first()
    team = f"The {site.site_name if site else 'Healthsite'} team"
    replies = Comment.objects.filter(is_staff_reply=True, user__isnull=False).select_related("user")
    for reply in replies.iterator():
        user = reply.user
        if reply.author_name != getattr(user, "username", None):
            continue
        full_name = " ".join(f"{user.first_name} {user.last_name}".split())
        Comment.objects.filter(pk=reply.pk).update(author_name=(full_name or team)[:100])


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0008_moderation_log_and_digest"),
        ("articles", "0001_initial"),
    ]

    operations = [migrations.RunPython(rename_login_named_replies, migrations.RunPython.noop)]
