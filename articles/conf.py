"""The articles app's settings (listings, pictures, the desk): constants, and values read from the
environment with the defaults the README lists.

newsroom/settings.py takes every name from here (`from articles.conf import *`), so code reads
them as `settings.NAME` and a test changes them with pytest-django's `settings` fixture. This
module is read while Django configures itself: it imports nothing of Django's or of an app's.
"""

import os

# Tags are typed and shown comma-separated, never quoted (articles/tag_text.py).
TAGGIT_TAGS_FROM_STRING = "articles.tag_text.parse_tags"
TAGGIT_STRING_FROM_TAGS = "articles.tag_text.join_tags"

ARTICLES_PER_PAGE = 20
HOME_FEATURED = 5
HOME_PER_SECTION = 4
HOME_RECENT = 500  # the home page picks from this many newest stories
# The front page (articles/frontpage/): the main story's companions; HOME_FEATURED is the
# length of the "Tin nổi bật" list.
FRONT_COMPANIONS = 3
# A section's box on the home page shows at most this many stories.
FRONT_BOX_MAX = 12
SIDEBAR_LIMIT = 5
MOST_READ_DAYS = 30
# Page views are counted in the cache; every Nth view of a story is written to the database.
VIEW_COUNT_FLUSH_EVERY = int(os.environ.get("VIEW_COUNT_FLUSH_EVERY", "20"))

# Uploaded pictures: refused above these limits (the pixel limit stops decompression bombs).
IMAGE_MAX_UPLOAD_BYTES = int(os.environ.get("IMAGE_MAX_UPLOAD_BYTES", 20 * 1024 * 1024))
IMAGE_MAX_PIXELS = int(os.environ.get("IMAGE_MAX_PIXELS", 50_000_000))
# And each side: a 50,000,000×1 strip is within the pixels, but no rendition can be made of it.
IMAGE_MAX_SIDE = int(os.environ.get("IMAGE_MAX_SIDE", 12_000))
# Uploads stay in memory up to that size and are never spooled to disk.
FILE_UPLOAD_HANDLERS = ["articles.uploads.PictureUploadHandler"]
# Renditions are made by a task after a picture is saved (articles.tasks.make_renditions),
# never on a page view; pages offer them once the task marks them ready.
IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY = "articles.uploads.OnTask"
IMAGEKIT_CACHEFILE_DIR = "renditions"
# Share links for reviewers without an account expire after this many hours.
SHARE_LINK_HOURS = int(os.environ.get("SHARE_LINK_HOURS", 48))
RELATED_ARTICLES_LIMIT = 5
# The story form keeps what is typed in the browser this often (static/admin/js/story_autosave.js):
# a closed tab or a lost connection loses at most this many seconds of typing.
DESK_AUTOSAVE_SECONDS = 30
# At most one "stories wait for review" mail to the editors per this many seconds.
REVIEW_NOTIFY_INTERVAL = int(os.environ.get("REVIEW_NOTIFY_INTERVAL", "300"))
# The approval chain (articles/approvals/): how long a story may wait at one level before the
# next level up is told, for a section that sets no limit of its own (Section form).
APPROVAL_LIMIT_MINUTES = int(os.environ.get("APPROVAL_LIMIT_MINUTES", "60"))
# Live coverage (articles/live/): with this on, every entry waits for one editor's approval;
# off, an entry from someone who may publish the story shows at once. The reader page polls
# its entries every LIVE_POLL_SECONDS, and every LIVE_HIDDEN_POLL_SECONDS while its tab is hidden.
LIVE_ENTRIES_NEED_APPROVAL = os.environ.get("LIVE_ENTRIES_NEED_APPROVAL", "0").lower() in {
    "1",
    "true",
    "yes",
    "on",
}
LIVE_POLL_SECONDS = float(os.environ.get("LIVE_POLL_SECONDS", "10"))
LIVE_HIDDEN_POLL_SECONDS = float(os.environ.get("LIVE_HIDDEN_POLL_SECONDS", "60"))
