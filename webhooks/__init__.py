"""Webhooks: partners registered in the desk are told, by a signed POST, when a story is
published, corrected or taken down (`articles.events.public_version`)."""
