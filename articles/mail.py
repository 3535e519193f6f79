"""The site's emails: one module that renders and sends them, for every app."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string

from .models import SiteSettings


def send_email(template, *, subject, to, context, headers=None):
    """<template>.txt and .html, with the site's name: one email to each address in `to`, so
    that no recipient's address is shown to another."""
    context = {**context, "site_name": SiteSettings.load().site_name}
    body = render_to_string(f"{template}.txt", context)
    html = render_to_string(f"{template}.html", context)
    emails = []
    for address in to:
        email = EmailMultiAlternatives(
            subject=" ".join(subject.split()),
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[address],
            headers=headers or {},
        )
        email.attach_alternative(html, "text/html")
        emails.append(email)
    get_connection().send_messages(emails)
