"""Record ids as they arrive in addresses, forms and export files.

Digits only (ASCII: "²" is a digit to Python but not to int()), and no longer than a database
key can be, so that a 5,000-digit "id" is simply no id rather than an error or a query that the
database refuses."""

# The largest key a BigAutoField holds, 2**63 - 1, has 19 digits.
MAX_ID_DIGITS = 19


def parse_id(raw):
    """The id written in `raw` (surrounding spaces allowed), or None when it is not one."""
    raw = (raw or "").strip()
    if not (raw.isascii() and raw.isdigit()) or len(raw) > MAX_ID_DIGITS:
        return None
    number = int(raw)
    return number if 0 < number < 2**63 else None


def parse_ids(values):
    """The ids among `values`, in order, leaving out what is not one."""
    return [number for number in map(parse_id, values) if number is not None]
