"""What a model instance held when it was read from the database, so a save need not read again.

`loaded` is the row as this copy last read it (Django's `from_db`, the documented pattern) or
last wrote it (`save`), kept up to date by `refresh_from_db` and by reading a deferred field.
`changed_fields()` compares the copy with it. A copy that never read a field (a new object, one
built by hand, a field deferred and set without being read) counts that field as changed:
whoever asks does the full work, as if nothing were known.
"""

from django.db import models


class LoadedValues(models.Model):
    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self._note_stored(kwargs.get("update_fields"))

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded = dict(zip(field_names, values, strict=True))
        return instance

    @property
    def loaded(self) -> dict:
        """{attname: value} as stored when this copy read or wrote it; {} for a new object."""
        if self._state.adding or self.pk is None:
            return {}
        return self.__dict__.get("_loaded", {})

    def as_loaded(self, *fields: str) -> dict | None:
        """The stored values of `fields` (attnames) as this copy knows them; None if not saved.

        A field this copy never read is read from the row, once, and remembered.
        """
        if self._state.adding or self.pk is None:
            return None
        loaded = self.loaded
        missing = [name for name in fields if name not in loaded]
        if missing:
            row = type(self)._base_manager.filter(pk=self.pk).values(*missing).first()
            if row is None:
                return None
            # A new dict, never one changed in place: a copy of the instance may share it.
            self._loaded = loaded = {**loaded, **row}
        return {name: loaded[name] for name in fields}

    def changed_fields(self) -> frozenset[str]:
        """The attnames whose value differs from the stored one; every field of a new object."""
        names = [field.attname for field in self._meta.concrete_fields]
        if self._state.adding or self.pk is None:
            return frozenset(names)
        loaded, deferred = self.loaded, self.get_deferred_fields()
        return frozenset(
            name
            for name in names
            if name not in deferred and (name not in loaded or loaded[name] != getattr(self, name))
        )

    def refresh_from_db(self, using=None, fields=None, from_queryset=None):
        super().refresh_from_db(using=using, fields=fields, from_queryset=from_queryset)
        self._note_stored(fields)

    def _note_stored(self, fields=None) -> None:
        """What the row now holds of `fields` (names or attnames; None: every field read)."""
        concrete = {}
        for field in self._meta.concrete_fields:
            concrete[field.name] = concrete[field.attname] = field.attname
        if fields is None:
            names = set(concrete.values()) - self.get_deferred_fields()
        else:
            names = {concrete[name] for name in fields if name in concrete}
        loaded = dict(self.__dict__.get("_loaded", {}))
        for name in names & self.__dict__.keys():
            value = self.__dict__[name]
            if hasattr(value, "resolve_expression"):
                # Counted in the database (an F() expression): not known here.
                loaded.pop(name, None)
            else:
                loaded[name] = value
        self._loaded = loaded
