"""Who sees what the paper pays: amounts, grades' money, contact and bank details.

Only the editor-in-chief and Kế toán hold `articles.see_payment` (newsroom/roles.py). Every
screen, form and export that shows a person's contact or bank details or an amount asks
`can_see_payment`; the person form leaves those fields out for anyone else, so a crafted POST
carrying them changes nothing. A paper that never set a rate (`royalties_on`) sees no royalty
screen at all: no share column, no grade, no sheet.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from ..models import RoyaltyRate

PAYMENT_FIELDS = (
    "email",
    "phone",
    "address",
    "tax_code",
    "id_number",
    "bank_account",
    "bank_name",
)


def can_see_payment(user) -> bool:
    return bool(user and user.is_active and user.has_perm("articles.see_payment"))


ROYALTIES_ON = "articles:royalties-on"


def royalties_on() -> bool:
    """Whether any rate is set: kept in the cache (the desk front asks on every view)."""
    found = cache.get(ROYALTIES_ON)
    if found is None:
        found = RoyaltyRate.objects.exists()
        cache.set(ROYALTIES_ON, found, 3600)
    return found


@receiver(post_save, sender=RoyaltyRate)
@receiver(post_delete, sender=RoyaltyRate)
def rates_changed(sender, **kwargs):
    cache.delete(ROYALTIES_ON)
