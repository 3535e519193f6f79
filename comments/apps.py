from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = _("Discussion")

    def ready(self):
        from . import (
            checks,  # noqa: F401 - registers the system checks
            stamps,  # noqa: F401 - fills the form's stamp in shared page copies
        )
