"""People behind the stories: bylines made from contributors, author pages, nhuận bút.

The records are in articles/models/people.py; here are the steps over them: `byline` (the
printed byline and the JSON-LD people), `pages` (the author page and its feed), `royalties`
(the month's sheet) and `payment` (who may see amounts and bank details).
"""
