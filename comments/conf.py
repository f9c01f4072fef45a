"""The comments app's settings (posting limits, moderation, mail): constants, and values read
from the environment with the defaults the README lists.

newsroom/settings.py takes every name from here (`from comments.conf import *`), so code reads
them as `settings.NAME` and a test changes them with pytest-django's `settings` fixture. This
module is read while Django configures itself: it imports nothing of Django's or of an app's.
"""

import os

from newsroom.env import env_bool, env_list

# Reader comments (the comments app). Rate limit like "5/m" (per s, m, h or d); "0" turns it off.
COMMENT_RATE_LIMIT = os.environ.get("COMMENT_RATE_LIMIT", "5/m")
# Comments close this many days after publishing; 0 keeps them open.
COMMENT_CLOSE_AFTER_DAYS = int(os.environ.get("COMMENT_CLOSE_AFTER_DAYS", "30"))
# A form sent sooner than this after the page was made is a robot's.
COMMENT_MIN_FILL_SECONDS = float(os.environ.get("COMMENT_MIN_FILL_SECONDS", "3"))
# The form's signed timestamp lasts a day, so a page served from a cache for a day still works.
COMMENT_FORM_MAX_AGE = int(os.environ.get("COMMENT_FORM_MAX_AGE", str(24 * 3600)))
# Likes per IP, counted like comment posts ("0" turns the limit off).
COMMENT_LIKE_RATE_LIMIT = os.environ.get("COMMENT_LIKE_RATE_LIMIT", "30/m")
# Reports per IP (an IPv6 /64 counts as one), counted like likes ("0" turns the limit off).
COMMENT_REPORT_RATE_LIMIT = os.environ.get("COMMENT_REPORT_RATE_LIMIT", "10/h")
# Reports that send an approved comment back to the moderation queue, hidden meanwhile.
COMMENT_REPORTS_TO_HIDE = int(os.environ.get("COMMENT_REPORTS_TO_HIDE", "3"))
# Approve at once the comments of an email with this many approved and none rejected (0: off).
COMMENT_TRUST_AFTER = int(os.environ.get("COMMENT_TRUST_AFTER", "0"))
COMMENT_MAX_LINKS = int(os.environ.get("COMMENT_MAX_LINKS", "2"))
COMMENT_MODERATOR_EMAILS = env_list("COMMENT_MODERATOR_EMAILS")
# At most one "comments are waiting" mail per this many seconds.
COMMENT_NOTIFY_INTERVAL = int(os.environ.get("COMMENT_NOTIFY_INTERVAL", "300"))
COMMENT_NOTIFY_IN_BACKGROUND = env_bool("COMMENT_NOTIFY_IN_BACKGROUND", True)
# Readers' personal data (Nghị định 13/2023/NĐ-CP): a comment's email, IP address and browser,
# and the network of likes and reports, are cleared this many days after they were sent
# (`manage.py clearcommentdata`, daily on Celery beat). The comment stays, signed with its name.
COMMENT_PERSONAL_DAYS = int(os.environ.get("COMMENT_PERSONAL_DAYS", "365"))
