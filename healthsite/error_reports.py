"""What the error emails to ADMINS may show.

Django's filter hides settings and request headers whose names say AUTH, KEY, SECRET, PASS,
TOKEN or COOKIE. Ours also hides those named *_URL and a cache's LOCATION: REDIS_URL,
EMAIL_URL, the S3 endpoint and the cache location may carry a password inside the address
(STATIC_URL and MEDIA_URL are hidden with them).
"""

import re

from django.views.debug import SafeExceptionReporterFilter

ALSO_HIDDEN = r"URL$|^LOCATION$"


class ReportFilter(SafeExceptionReporterFilter):
    hidden_settings = re.compile(
        f"{SafeExceptionReporterFilter.hidden_settings.pattern}|{ALSO_HIDDEN}", flags=re.I
    )
