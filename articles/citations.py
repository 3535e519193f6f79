"""
An article's sources, shown as citations: title (the link), publisher and date.

The date is as precise as the source gives it: a year, a month or a day, written
"YYYY", "YYYY-MM" or "YYYY-MM-DD" (the forms schema.org's datePublished accepts), and shown
in the reader's language.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats
from django.utils.translation import gettext_lazy as _

_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def parse_partial_date(value):
    """(date, precision) of "YYYY", "YYYY-MM" or "YYYY-MM-DD"; ValueError for anything else."""
    match = _PARTIAL_DATE.fullmatch(value or "")
    if not match:
        raise ValueError(value)
    year, month, day = match.groups()
    date = datetime.date(int(year), int(month or 1), int(day or 1))
    precision = "day" if day else "month" if month else "year"
    return date, precision


def validate_partial_date(value):
    try:
        parse_partial_date(value)
    except ValueError:
        raise ValidationError(
            _("Write the date as YYYY, YYYY-MM or YYYY-MM-DD (for example 2024 or 2024-03-15)."),
            code="invalid",
        ) from None


class Source(models.Model):
    """One entry of an article's sources, in the order the editor gave them."""

    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="sources",
        verbose_name=_("article"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(
        _("title"), max_length=300, help_text=_("The title of the page, paper or book.")
    )
    url = models.URLField(_("address"), max_length=500, blank=True)
    publisher = models.CharField(
        _("publisher"),
        max_length=200,
        blank=True,
        help_text=_("The organisation or journal, such as NHS or The Lancet."),
    )
    date = models.CharField(
        _("date"),
        max_length=10,
        blank=True,
        validators=[validate_partial_date],
        help_text=_("YYYY, YYYY-MM or YYYY-MM-DD."),
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self):
        return self.title

    @property
    def date_shown(self):
        """The date in the reader's language, as precise as it was given."""
        if not self.date:
            return ""
        try:
            date, precision = parse_partial_date(self.date)
        except ValueError:
            return self.date
        if precision == "year":
            return str(date.year)
        return formats.date_format(
            date, "YEAR_MONTH_FORMAT" if precision == "month" else "DATE_FORMAT"
        )

    def as_citation(self):
        """schema.org CreativeWork: the title as its name, never the address."""
        data = {"@type": "CreativeWork", "name": self.title}
        if self.url:
            data["url"] = self.url
        if self.publisher:
            data["publisher"] = {"@type": "Organization", "name": self.publisher}
        if self.date:
            data["datePublished"] = self.date
        return data
