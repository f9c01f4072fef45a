"""The test harness: what a test needs to run the site in other processes and talk to it.

One home for each piece, so a multi-process test reads as its story and not as plumbing:

- `ports`: loopback ports for servers (`ports`, `free_port`);
- `env`: the environment of a server process (`site_env`, `process_env`, `server_env`);
- `processes`: running and stopping them (`running`, `manage`, `serve`, `gunicorn`,
  `celery_worker`, `wait_until`, `answers`);
- `stores`: the stores a server talks to, our own copies (`RedisServer`, `PrivatePostgres`,
  `seaweedfs`);
- `client`: the one HTTP client (`Browser`, and `Reader` that posts comments as the page does);
- `wsgi`: calling a WSGI application in this process (`Django`, `fetch`);
- `wsgi_media`: the site with /media/ served as a reverse proxy would (bench/ uses it too).

Invariant: the harness imports no test module and nothing from `bench/`; `bench/` may import
it. Its modules read Django settings only inside functions, so `bench/` scripts can import
them before Django is set up.
"""
