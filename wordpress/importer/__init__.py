"""Bring a WordPress export (WXR) into Newsroom: read, map, write, report."""
