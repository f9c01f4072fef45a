"""The archive's settings: values read from the environment with the defaults the README lists.

newsroom/settings.py takes every name from here (`from archive.conf import *`), as it does
articles/conf.py's. This module is read while Django configures itself: it imports nothing of
Django's or of an app's.
"""

import os

# Nghị định 08/2017: a story is kept at least 12 months from publication, audio and video at
# least 6. Nothing younger can be deleted, by anyone; nothing older is deleted automatically.
ARCHIVE_KEEP_MONTHS = int(os.environ.get("ARCHIVE_KEEP_MONTHS", "12"))
ARCHIVE_KEEP_MONTHS_MEDIA = int(os.environ.get("ARCHIVE_KEEP_MONTHS_MEDIA", "6"))
