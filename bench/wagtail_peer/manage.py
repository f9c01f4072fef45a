#!/usr/bin/env python
"""The Wagtail peer of the load bench (bench/run.sh); runs in bench/.wagtail-venv only."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peer_site.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
