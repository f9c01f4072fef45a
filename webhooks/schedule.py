"""The webhooks' Celery beat entry, for newsroom/settings.py's CELERY_BEAT_SCHEDULE:

from webhooks.schedule import BEAT_SCHEDULE as WEBHOOKS_BEAT_SCHEDULE
CELERY_BEAT_SCHEDULE.update(WEBHOOKS_BEAT_SCHEDULE)
"""

BEAT_SCHEDULE = {
    # Deliveries whose task was lost (a broker outage, a worker killed mid-POST).
    "send-due-webhooks": {"task": "webhooks.tasks.send_due_webhooks", "schedule": 60.0},
}
