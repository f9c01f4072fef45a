"""Reading settings from the environment: a switch, a comma-separated list.

Used by newsroom/settings.py and each app's settings module (articles/conf.py, comments/conf.py)
while Django configures itself, so it imports nothing of Django's or of an app's.
"""

import os


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]
