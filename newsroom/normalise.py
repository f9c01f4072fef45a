"""Rows written raw (loaddata, a restored revision) get the same cleaning as a normal save."""

from django.db.models.signals import pre_save


def normalise_raw_row(sender, instance, raw=False, **kwargs) -> None:
    """Call the model's own `normalise()`, which `save()` calls but a raw save skips."""
    if raw and hasattr(instance, "normalise"):
        instance.normalise()


def connect() -> None:
    pre_save.connect(normalise_raw_row, dispatch_uid="newsroom.normalise_raw_row")
