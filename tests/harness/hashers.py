"""A password hasher for the suite: production's PBKDF2, at a few iterations instead of a million.

Each test user's password was hashed with Django's 1,000,000 PBKDF2 rounds (0.4 s on this
machine), and every `client.login` hashed it again: seconds per test that sets up a desk. The
hash keeps production's algorithm name and stores its iteration count, so a server started
with production settings (tests/harness/processes) still accepts these passwords.
"""

from django.contrib.auth.hashers import PBKDF2PasswordHasher


class QuickPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    iterations = 10
