"""The media pipeline's settings (video and sound uploads, ffmpeg, the podcast feed).

newsroom/settings.py takes every name from here (`from multimedia.conf import *`). Read while
Django configures itself: it imports nothing of Django's or of an app's.
"""

import os

# An upload over this size is refused before anything reads it (ffprobe included). 2 GiB holds
# an hour of 1080p at 4 Mb/s, what a station's camera or editing suite hands the web desk;
# a larger file is a master, to be exported for the web first.
MEDIA_MAX_UPLOAD_BYTES = int(os.environ.get("MEDIA_MAX_UPLOAD_BYTES", 2 * 1024**3))
# A longer file is refused at upload: three hours is a whole broadcast or a long session.
MEDIA_MAX_SECONDS = int(os.environ.get("MEDIA_MAX_SECONDS", 3 * 3600))
# Debian's ffmpeg (`apt-get install ffmpeg`; `make run` and CI install it).
FFMPEG_PATH = os.environ.get("FFMPEG_PATH", "/usr/bin/ffmpeg")
FFPROBE_PATH = os.environ.get("FFPROBE_PATH", "/usr/bin/ffprobe")
# ffprobe reads headers only: a file it cannot read in this time is refused.
MEDIA_PROBE_TIMEOUT = int(os.environ.get("MEDIA_PROBE_TIMEOUT", "30"))
# Threads of each ffmpeg run, so one transcode leaves the machine's other work room.
FFMPEG_THREADS = int(os.environ.get("FFMPEG_THREADS", "2"))
# A transcode taking longer than MEDIA_TRANSCODE_TIMEOUT_BASE seconds plus this many seconds for
# each second of the file is stopped and the file marked failed (bench/transcode.py measures).
MEDIA_TRANSCODE_TIMEOUT_PER_SECOND = float(
    os.environ.get("MEDIA_TRANSCODE_TIMEOUT_PER_SECOND", "5")
)
MEDIA_TRANSCODE_TIMEOUT_BASE = int(os.environ.get("MEDIA_TRANSCODE_TIMEOUT_BASE", "120"))
# A WebVTT captions file over this size is refused.
MEDIA_MAX_CAPTIONS_BYTES = int(os.environ.get("MEDIA_MAX_CAPTIONS_BYTES", 1024 * 1024))

# The podcast feed (/podcast/rss/): empty values fall back to the paper's own (SITE_NAME ...).
PODCAST_TITLE = os.environ.get("PODCAST_TITLE", "")
PODCAST_DESCRIPTION = os.environ.get("PODCAST_DESCRIPTION", "")
PODCAST_AUTHOR = os.environ.get("PODCAST_AUTHOR", "")
PODCAST_EMAIL = os.environ.get("PODCAST_EMAIL", "")
# A square picture of 1400 to 3000 px, as podcast apps ask: a URL, or a path under STATIC_URL.
PODCAST_IMAGE = os.environ.get("PODCAST_IMAGE", "img/logo.png")
# One of Apple's categories (https://podcasters.apple.com/support/1691-apple-podcasts-categories).
PODCAST_CATEGORY = os.environ.get("PODCAST_CATEGORY", "News")
PODCAST_EXPLICIT = os.environ.get("PODCAST_EXPLICIT", "false")
