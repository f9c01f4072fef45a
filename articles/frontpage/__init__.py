"""The front page the editors compose: slots read like scheduled publishing, section boxes,
the breaking-news bar. Views and the `frontpage` command are thin layers over these modules:

- `slots`: which slots there are and how many positions each has;
- `times`: Vietnam's "DD/MM/YYYY HH:MM", to the minute, with Vietnamese errors;
- `reading`: what the home page, a section page and the bar show now (fixed query count);
- `placing`: the changes (place, empty, unschedule, breaking, boxes), each one transaction
  that purges the pages showing it.
"""
