"""The desk's search boxes fold case and diacritics on both databases: "lai chau" finds "Lai Châu".

Both sides of every comparison go through one function of the database, `newsroom_fold(text)`:
`newsroom_fold(column) LIKE '%' || newsroom_fold(word) || '%'`, so a column and a word fold
alike whatever the database does. On PostgreSQL it is an IMMUTABLE SQL function over
`unaccent` and `lower` (migration newsroom 0006), and trigram indexes on
`newsroom_fold(column)` serve the long tables (newsroom/trigrams.py); on SQLite it is
`vietnamese.fold`, registered on every new connection (`connect`, from NewsroomConfig.ready).

`FoldedSearchMixin` gives a ModelAdmin this search for the words of its `search_fields`, with
Django's own rules: each word must match, in any of the fields. Django's autocomplete boxes
ask the target's ModelAdmin.get_search_results, so the pickers fold with the lists.
"""

from django.contrib.admin.utils import get_fields_from_path, lookup_spawns_duplicates
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.backends.signals import connection_created
from django.db.models.lookups import Contains, Exact, StartsWith
from django.utils.text import smart_split, unescape_string_literal

from .vietnamese import fold, nfc

FUNCTION = "newsroom_fold"
TEXT_FIELDS = (models.CharField, models.TextField)
# Django's search_fields prefixes: starts with, is exactly; "@" (full text) reads as contains.
LOOKUPS = {"^": StartsWith, "=": Exact, "@": Contains}


class Fold(models.Func):
    """`newsroom_fold(expression)`: lower case, no diacritics, "đ" as "d"."""

    function = FUNCTION
    arity = 1
    output_field = models.TextField()


def _sqlite_fold(text):
    return None if text is None else fold(text)


def _register(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function(FUNCTION, 1, _sqlite_fold, deterministic=True)


def connect() -> None:
    connection_created.connect(_register, dispatch_uid="newsroom.desk_search")


def _is_text(model, path: str) -> bool:
    try:
        field = get_fields_from_path(model, path)[-1]
    except (FieldDoesNotExist, IndexError):
        return False
    return isinstance(field, TEXT_FIELDS)


def _condition(model, spec: str, word: str) -> models.Q:
    lookup = LOOKUPS.get(spec[:1])
    path = spec[1:] if lookup else spec
    if not _is_text(model, path):
        return models.Q(**{f"{path}__icontains": word})
    return models.Q((lookup or Contains)(Fold(models.F(path)), Fold(models.Value(word))))


def words(search_term: str) -> list[str]:
    """The words of a search box as Django splits them: quotes keep a phrase together."""
    found = []
    for bit in smart_split(nfc(search_term)):
        if bit.startswith(('"', "'")) and bit[0] == bit[-1]:
            bit = unescape_string_literal(bit)
        if bit.strip():
            found.append(bit)
    return found


def search(queryset, fields, search_term: str):
    """`queryset` narrowed to rows where every word of `search_term` folds into one of `fields`."""
    for word in words(search_term):
        condition = models.Q()
        for spec in fields:
            condition |= _condition(queryset.model, spec, word)
        queryset = queryset.filter(condition)
    return queryset


class FoldedSearchMixin:
    """For a ModelAdmin, before admin.ModelAdmin in its bases: its search folds (see above)."""

    def get_search_results(self, request, queryset, search_term):
        fields = self.get_search_fields(request)
        if not fields or not words(search_term):
            return super().get_search_results(request, queryset, search_term)
        duplicates = any(lookup_spawns_duplicates(self.opts, spec.lstrip("^=@")) for spec in fields)
        return search(queryset, fields, search_term), duplicates
