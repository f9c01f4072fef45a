"""Desk lists that stay fast at newspaper size and read at 1280 px and on a phone.

Shared by every app's admin list; knows no content model.

Fast: no COUNT(*) of a whole big table. The Django admin counts the rows of every list it
shows. On a table of a million comments that is a full scan on each page load. An unfiltered
list does not need the exact figure: "about 1,000,000" pages just as well, and PostgreSQL keeps
that estimate in its statistics (`pg_class.reltuples`, refreshed by autovacuum). Filtered
lists, small tables and other databases are counted exactly, as before.

Readable: a headline of 80 characters needs about 20 em for two lines. The admin's navigation
sidebar and six columns left it one word a line at 1280 px, so the lists drop the sidebar (the
breadcrumbs lead back), fold times into short cells and, below 768 px, show each row as a card
(`static/admin/css/lists.css`).
"""

from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property
from django.utils.html import format_html

from .vietnamese import date_time, iso, vietnam_time

# Below this many rows an exact count is cheap, and readers of a small list notice a wrong one.
EXACT_BELOW = 10_000


# The lists' extra context: the navigation sidebar takes a quarter of a 1280 px window.
WITHOUT_SIDEBAR = {"is_nav_sidebar_enabled": False}


def compact_time(value) -> str:
    """A list cell's time: the date over the hour, the full time (GMT+7) on hover."""
    if value is None:
        return "—"
    local = vietnam_time(value)
    return format_html(
        '<time class="list-time" datetime="{}" title="{} (GMT+7)">{}<br> {}</time>',
        iso(value),
        date_time(value),
        f"{local:%d/%m/%Y}",
        f"{local:%H:%M}",
    )


def estimated_rows(queryset) -> int | None:
    """PostgreSQL's estimate of the rows in the queryset's table, or None when it has none."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(%s)",
            [queryset.model._meta.db_table],
        )
        row = cursor.fetchone()
    # -1 means the table was never analysed.
    return row[0] if row and row[0] >= 0 else None


def is_unfiltered(queryset) -> bool:
    query = queryset.query
    return not query.where and not query.distinct and not query.combinator


class EstimatedCountPaginator(Paginator):
    """Counts filtered lists exactly; an unfiltered big table by PostgreSQL's estimate."""

    @cached_property
    def count(self) -> int:
        if is_unfiltered(self.object_list):
            estimate = estimated_rows(self.object_list)
            if estimate is not None and estimate >= EXACT_BELOW:
                return estimate
        return super().count


class RecordAdminMixin:
    """For the admin of a record that is only ever added to by its own steps (the archive, the
    log of erasures, corrections): listed and read, never added, changed or deleted here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
