"""Sources as citations: dates as precise as given, shown in the reader's language."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from articles.citations import Source, parse_partial_date, validate_partial_date


@pytest.mark.parametrize(
    ("value", "parsed"),
    [
        ("2024", (datetime.date(2024, 1, 1), "year")),
        ("2024-03", (datetime.date(2024, 3, 1), "month")),
        ("2024-03-15", (datetime.date(2024, 3, 15), "day")),
    ],
)
def test_partial_dates_are_read_with_their_precision(value, parsed):
    assert parse_partial_date(value) == parsed


@pytest.mark.parametrize(
    "value", ["", "24", "2024-3", "2024-13", "2024-02-30", "2024/03/15", "March 2024", " 2024"]
)
def test_anything_else_is_refused(value):
    with pytest.raises(ValidationError, match="YYYY, YYYY-MM or YYYY-MM-DD"):
        validate_partial_date(value)


@pytest.mark.parametrize(
    ("value", "shown"),
    [("", ""), ("2019", "2019"), ("2023-05", "May 2023"), ("2023-05-14", "May 14, 2023")],
)
def test_the_date_is_shown_as_precisely_as_it_was_given(value, shown):
    with translation.override("en"):
        assert Source(title="A", date=value).date_shown == shown


def test_the_date_follows_the_readers_language():
    with translation.override("de"):
        assert Source(title="A", date="2023-05-14").date_shown == "14. Mai 2023"


def test_a_citation_is_named_by_its_title():
    source = Source(
        title="Insomnia",
        url="https://www.nhs.uk/conditions/insomnia/",
        publisher="NHS",
        date="2024-02",
    )

    assert source.as_citation() == {
        "@type": "CreativeWork",
        "name": "Insomnia",
        "url": "https://www.nhs.uk/conditions/insomnia/",
        "publisher": {"@type": "Organization", "name": "NHS"},
        "datePublished": "2024-02",
    }
    assert Source(title="A book").as_citation() == {"@type": "CreativeWork", "name": "A book"}
