"""Who sees what the paper pays: amounts, grades' money, contact and bank details.

Only the editor-in-chief and Kế toán hold `articles.see_payment` (newsroom/roles.py). Every
screen, form and export that shows a person's contact or bank details or an amount asks
`can_see_payment`; the person form leaves those fields out for anyone else, so a crafted POST
carrying them changes nothing. A paper that never set a rate (`royalties_on`) sees no royalty
screen at all: no share column, no grade, no sheet.
"""

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


def royalties_on() -> bool:
    return RoyaltyRate.objects.exists()
