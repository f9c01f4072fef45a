"""The front page's slots and how many positions each one has."""

from django.conf import settings

from ..models import Slot

# The slots at the top of the home page, in the order they are filled.
HOME_SLOTS = (Slot.MAIN, Slot.COMPANION, Slot.HIGHLIGHT)


def capacity(slot: str) -> int:
    """How many positions `slot` has: the companions and the highlights are settings."""
    if slot == Slot.COMPANION:
        return settings.FRONT_COMPANIONS
    if slot == Slot.HIGHLIGHT:
        return settings.HOME_FEATURED
    return 1


def home_positions() -> list[tuple[str, int]]:
    """Every (slot, position) at the top of the home page, in the order they are filled."""
    return [(slot, position) for slot in HOME_SLOTS for position in range(1, capacity(slot) + 1)]


def slot_names() -> str:
    return ", ".join(Slot.values)
