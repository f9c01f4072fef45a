"""Ids read from a URL or a form: a number the database can hold, or None."""

MAX_ID = 2**63 - 1


def as_id(value) -> int | None:
    """`value` as a row id; None for anything else (SQLite fails on numbers past 64 bits)."""
    text = str(value).strip()
    if not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None
