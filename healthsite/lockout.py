"""The admin login lockout (django-axes): the page a locked-out login gets, and a log line.

django-axes counts the failures (AXES_* settings); this module answers a login refused because
of them: 429, the time the lock ends (page and Retry-After), in the admin's look.
"""

import logging
import math
from datetime import timedelta

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username, get_cool_off
from django.contrib import admin
from django.db.models import Max
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

logger = logging.getLogger("healthsite.security")


def locked_until(request, credentials):
    """When the lock ends: the cool-off time after the last failure it counted."""
    handler = AxesProxyHandler.get_implementation()
    last_failures = [
        attempts.aggregate(last=Max("attempt_time"))["last"]
        for attempts in handler.get_user_attempts(request, credentials)
    ]
    last = max((when for when in last_failures if when is not None), default=timezone.now())
    return last + get_cool_off(request)


def _next_whole_minute(moment):
    """The time to show: "after 09:16" must be true of a lock that ends at 09:15:40."""
    whole = moment.replace(second=0, microsecond=0)
    return whole if whole == moment else whole + timedelta(minutes=1)


def lockout_response(request, original_response, credentials):
    """AXES_LOCKOUT_CALLABLE: every login refused because of the lock comes here."""
    username = get_client_username(request, credentials) or ""
    address = request.axes_ip_address
    until = locked_until(request, credentials)
    seconds = max(1, math.ceil((until - timezone.now()).total_seconds()))
    logger.warning(
        "Admin login locked out: username=%r address=%s until=%s",
        username,
        address,
        until.isoformat(timespec="seconds"),
    )
    context = {
        **admin.site.each_context(request),
        "title": _("Too many failed logins"),
        "username": username,
        "until": _next_whole_minute(until),
        "minutes": max(1, math.ceil(seconds / 60)),
    }
    response = render(request, "admin/lockout.html", context, status=429)
    response["Retry-After"] = str(seconds)
    return response
