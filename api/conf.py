"""The content API's settings, read from the environment (newsroom/settings.py takes them all).

Read while Django configures itself: nothing of Django's or of an app's is imported here.
"""

import os

# Requests per client address (IPv6: per /64) that reach the application, like "300/m" (per
# s, m, h or d); "0" turns the limit off. Past it: 429 with Retry-After.
API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "300/m")
