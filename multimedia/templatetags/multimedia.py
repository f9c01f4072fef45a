"""Template filters for the players: a file's length in Vietnamese words and for machines."""

from django import template

from multimedia.durations import clock_duration, iso_duration, spoken_duration

register = template.Library()

register.filter("spoken_duration", spoken_duration)
register.filter("clock_duration", clock_duration)
register.filter("iso_duration", iso_duration)
