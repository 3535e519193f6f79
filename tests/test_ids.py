"""Ids from addresses and forms: digits of a database key, or nothing."""

import pytest

from healthsite.ids import parse_id, parse_ids


@pytest.mark.parametrize(("raw", "expected"), [("42", 42), (" 7 ", 7), ("9" * 18, int("9" * 18))])
def test_digits_are_an_id(raw, expected):
    assert parse_id(raw) == expected


@pytest.mark.parametrize(
    "raw", [None, "", "0", "-1", "+3", "1.5", "abc", "²", "١٢", "9" * 20, "9" * 5000, "1 2"]
)
def test_anything_else_is_no_id(raw):
    assert parse_id(raw) is None


def test_a_list_keeps_the_ids_in_order_and_leaves_out_the_rest():
    assert parse_ids(["3", "x", "1", "9" * 5000]) == [3, 1]
