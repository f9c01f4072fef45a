#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    # A missing or wrong setting is the operator's to fix: one line, not a traceback.
    try:
        settings.INSTALLED_APPS  # noqa: B018 (reading it loads the settings module)
    except ImproperlyConfigured as error:
        sys.exit(f"Lỗi cấu hình: {error}")
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
