"""
The staff groups of the publication and what each may do: one list, GROUPS.

Give someone a role by putting their account in a group. Editors write and change articles but
cannot publish them; Publishers also publish and schedule; Medical reviewers read and sign off
articles. (The Moderators group belongs to the comments app: comments/migrations/0002.)

To give a group a new permission (a new model's, say), add it to GROUPS and add a migration
that runs `sync_groups` after the one creating the model (see migrations/0012_signoff). A
permission whose model does not exist yet at a migration is skipped there; seed_demo and the
tests check the whole list.
"""

from django.contrib.auth.management import create_permissions

EDITING = [
    *(
        ("articles", f"{action}_{model}")
        for model in (
            "article",
            "category",
            "tag",
            "source",
            "person",
            "relatedlink",
            "mediaimage",
        )
        for action in ("add", "change", "view")
    ),
    ("articles", "view_signoff"),
    ("articles", "delete_source"),
    ("articles", "delete_relatedlink"),
    ("articles", "delete_mediaimage"),  # refused while an article shows the image
    ("articles", "view_sitesettings"),
    ("articles", "change_sitesettings"),
    ("flatpages", "add_flatpage"),
    ("flatpages", "change_flatpage"),
    ("flatpages", "view_flatpage"),
]

EDITORS = "Editors"
PUBLISHERS = "Publishers"
REVIEWERS = "Medical reviewers"

GROUPS = {
    EDITORS: EDITING,
    PUBLISHERS: [*EDITING, ("articles", "publish_article")],
    REVIEWERS: [
        ("articles", "view_article"),
        ("articles", "change_article"),
        ("articles", "review_article"),
        # What the article form shows beside the text: read, not changed.
        *(
            ("articles", f"view_{model}")
            for model in ("category", "tag", "person", "source", "relatedlink", "signoff")
        ),
    ],
}


def sync_groups(apps, *, strict=False):
    """Create the groups and give each the permissions GROUPS lists (adding, never taking a
    permission away). `apps` is a migration's app registry or django.apps.apps. Missing
    permissions are skipped, or raise LookupError when `strict`."""
    for app_config in apps.get_app_configs():
        # Permissions are normally created after all migrations; make sure they exist now.
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in GROUPS.items():
        group, _created = Group.objects.get_or_create(name=name)
        found = Permission.objects.filter(
            content_type__app_label__in={app for app, _codename in wanted},
            codename__in={codename for _app, codename in wanted},
        ).select_related("content_type")
        found = [p for p in found if (p.content_type.app_label, p.codename) in wanted]
        if strict and len(found) < len(set(wanted)):
            have = {(p.content_type.app_label, p.codename) for p in found}
            raise LookupError(f"{name}: no such permission {sorted(set(wanted) - have)}")
        group.permissions.add(*found)
