"""The webhooks' settings: values read from the environment with the defaults the README lists.

newsroom/settings.py takes every name from here (`from webhooks.conf import *`), so code reads
them as `settings.NAME` and a test changes them with pytest-django's `settings` fixture. This
module is read while Django configures itself: it imports nothing of Django's or of an app's.
"""

import os

from newsroom.env import env_bool, env_list

# Seconds a partner has to answer one POST (connecting, then each read).
WEBHOOKS_TIMEOUT = float(os.environ.get("WEBHOOKS_TIMEOUT", "5"))
# Seconds to wait before each retry: 1 min, 5 min, 30 min, 2 h, 6 h. One try more than there
# are delays (6), then the delivery is "thất bại" (failed).
WEBHOOKS_RETRY_DELAYS = [
    int(value) for value in env_list("WEBHOOKS_RETRY_DELAYS", "60,300,1800,7200,21600")
]
# Partners on this machine (http://127.0.0.1, http://localhost): development and tests only.
# Unset, on with DEBUG.
WEBHOOKS_ALLOW_LOOPBACK = env_bool("WEBHOOKS_ALLOW_LOOPBACK", env_bool("DEBUG"))
# Partners on a private network (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7), still
# over HTTPS. Link-local addresses (169.254/16: the cloud's metadata service) never.
WEBHOOKS_ALLOW_PRIVATE = env_bool("WEBHOOKS_ALLOW_PRIVATE", False)
