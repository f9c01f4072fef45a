#!/usr/bin/env bash
# The read replica against a real PostgreSQL 15 streaming replica on this machine.
#
# Makes a second cluster on port 5433 (pg_createcluster + pg_basebackup from the main one),
# serves the demo paper with gunicorn on DATABASE_URL (primary) + DATABASE_REPLICA_URL
# (replica), and shows:
#   1. reader pages read from the replica (its transaction count grows, the primary's does not);
#   2. a reader's comment is written to the primary (the replica is read-only);
#   3. with the replica's replay paused (lag), the reader's own next page still shows their
#      pending comment (read from the primary), while the same page read from the replica
#      would not have it;
#   4. the admin reads from the primary (it lists the comment the replica does not have yet).
# Everything it made is removed at the end: the cluster, the database, the pg_hba line.
# Run as root on a machine with PostgreSQL 15 (main cluster on 5432): bash bench/replica.sh
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=15
PRIMARY_PORT=5432
REPLICA_PORT=${REPLICA_PORT:-5433}
PORT=${BENCH_PORT:-8360}
DB=newsroom_replica_bench
HBA=/etc/postgresql/$VERSION/main/pg_hba.conf
MARK="# added by newsroom bench/replica.sh"
WORK=$(mktemp -d)
GUNICORN=""

psql_primary() { psql -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -Atq "$@"; }
psql_replica() { psql -h 127.0.0.1 -p "$REPLICA_PORT" -U postgres -Atq "$@"; }

cleanup() {
  [ -n "$GUNICORN" ] && kill "$GUNICORN" 2>/dev/null && wait "$GUNICORN" 2>/dev/null || true
  pg_dropcluster --stop "$VERSION" replica 2>/dev/null || true
  if grep -q "$MARK" "$HBA"; then
    sed -i "\|$MARK|d" "$HBA"
    psql_primary -c "SELECT pg_reload_conf()" >/dev/null
  fi
  psql_primary -c "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== primary: database $DB with the demo paper"
psql_primary -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" >/dev/null
export DJANGO_SETTINGS_MODULE=newsroom.settings
export SECRET_KEY="bench-only-$(date +%s%N)-not-a-real-secret-key-0123456789abcdef"
export ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0
export DATABASE_URL="postgres://postgres@127.0.0.1:$PRIMARY_PORT/$DB"
export MEDIA_ROOT="$WORK/media" STATIC_ROOT="$WORK/static"
export COMMENT_MIN_FILL_SECONDS=0 COMMENT_CLOSE_AFTER_DAYS=0 PAGE_CACHE_SECONDS=0 CONN_MAX_AGE=0
.venv/bin/python manage.py migrate -v0
.venv/bin/python manage.py loaddemo >/dev/null
.venv/bin/python manage.py collectstatic --noinput -v0
DJANGO_SUPERUSER_PASSWORD=bench-replica-password .venv/bin/python manage.py createsuperuser \
  --noinput --username bientap --email bientap@example.com >/dev/null

echo "== replica: pg_createcluster $VERSION replica -p $REPLICA_PORT + pg_basebackup"
grep -q "$MARK" "$HBA" || echo "host replication postgres 127.0.0.1/32 trust $MARK" >>"$HBA"
psql_primary -c "SELECT pg_reload_conf()" >/dev/null
pg_dropcluster --stop "$VERSION" replica 2>/dev/null || true
pg_createcluster "$VERSION" replica -p "$REPLICA_PORT" >/dev/null
# The same client rules as the primary (trust on loopback, as on this machine).
cp "$HBA" "/etc/postgresql/$VERSION/replica/pg_hba.conf"
DATA=/var/lib/postgresql/$VERSION/replica
rm -rf "${DATA:?}"/*
# -R writes standby.signal and primary_conninfo: the copy starts as a streaming standby.
su postgres -c "pg_basebackup -h 127.0.0.1 -p $PRIMARY_PORT -U postgres -D $DATA -R -X stream"
pg_ctlcluster "$VERSION" replica start
for _ in $(seq 30); do pg_isready -h 127.0.0.1 -p "$REPLICA_PORT" -q && break; sleep 1; done
echo "replica in recovery (read-only standby): $(psql_replica -d "$DB" -c 'SELECT pg_is_in_recovery()')"
echo "primary sees it streaming: $(psql_primary -c "SELECT state FROM pg_stat_replication")"

export DATABASE_REPLICA_URL="postgres://postgres@127.0.0.1:$REPLICA_PORT/$DB"
GUNICORN_BIND="127.0.0.1:$PORT" GUNICORN_WORKERS=2 GUNICORN_ACCESS_LOG="" \
  .venv/bin/gunicorn -c deploy/gunicorn.conf.py 2>"$WORK/gunicorn.log" &
GUNICORN=$!
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 100); do curl -sf -o /dev/null "$BASE/healthz" && break; sleep 0.2; done
curl -sf "$BASE/healthz" && echo

commits() { "psql_$1" -d "$DB" -c "SELECT xact_commit FROM pg_stat_database WHERE datname = '$DB'"; }
ARTICLE=$(curl -sf "$BASE/" | grep -o '/bai-viet/lam-theo-bac[^"#]*' | head -1)
PK=$(sed -E 's/.*-([0-9]+)\/$/\1/' <<<"$ARTICLE")

echo "== 1. reader pages read from the replica"
sleep 1  # statistics are flushed about once a second
before_p=$(commits primary); before_r=$(commits replica)
for _ in $(seq 20); do curl -sf -o /dev/null "$BASE$ARTICLE"; curl -sf -o /dev/null "$BASE/"; done
sleep 2
after_p=$(commits primary); after_r=$(commits replica)
echo "40 reader pages: replica transactions +$((after_r - before_r)), primary +$((after_p - before_p))"

echo "== 2. a reader's comment goes to the primary; 3. their next page reads from the primary"
psql_replica -d "$DB" -c "SELECT pg_wal_replay_pause()" >/dev/null
echo "replica replay paused (a lagging replica): $(psql_replica -d "$DB" -c 'SELECT pg_is_wal_replay_paused()')"
JAR="$WORK/reader.cookies"
FIELDS=$(curl -sf -c "$JAR" -b "$JAR" "$BASE/binh-luan/phieu/$PK/")
CSRF=$(.venv/bin/python -c 'import json,sys; print(json.load(sys.stdin)["fields"]["csrfmiddlewaretoken"])' <<<"$FIELDS")
TOKEN=$(.venv/bin/python -c 'import json,sys; print(json.load(sys.stdin)["fields"]["token"])' <<<"$FIELDS")
TEXT="Ý kiến thử bản sao $(date +%s)"
STATUS=$(curl -s -o /dev/null -w '%{http_code}' -c "$JAR" -b "$JAR" -X POST "$BASE/binh-luan/gui/" \
  --data-urlencode "csrfmiddlewaretoken=$CSRF" --data-urlencode "token=$TOKEN" \
  --data-urlencode "article=$PK" --data-urlencode "name=Lò Thị Mai" \
  --data-urlencode "email=mai@example.com" --data-urlencode "body=$TEXT" \
  --data-urlencode "parent=" --data-urlencode "website=")
echo "comment POST answered $STATUS"
echo "on the primary: $(psql_primary -d "$DB" -c "SELECT count(*) FROM comments_comment WHERE body = '$TEXT'") row(s);" \
  "on the paused replica: $(psql_replica -d "$DB" -c "SELECT count(*) FROM comments_comment WHERE body = '$TEXT'")"
if curl -sf -b "$JAR" "$BASE$ARTICLE" | grep -q "$TEXT"; then
  echo "reader's next page (sticky cookie): shows their pending comment (read from the primary)"
else
  echo "reader's next page: pending comment MISSING" && exit 1
fi
grep -v '^#HttpOnly_127.0.0.1.*primary' "$JAR" | grep -v '^127.0.0.1.*primary' >"$WORK/nosticky.cookies"
if curl -sf -b "$WORK/nosticky.cookies" "$BASE$ARTICLE" | grep -q "$TEXT"; then
  echo "control, same reader without the sticky cookie: shows it (unexpected: replica not used?)"
else
  echo "control, same reader without the sticky cookie: not shown (that page read from the lagging replica)"
fi

echo "== 4. the admin reads from the primary"
AJAR="$WORK/admin.cookies"
LOGIN_CSRF=$(curl -sf -c "$AJAR" -b "$AJAR" "$BASE/admin/login/" | grep -o 'name="csrfmiddlewaretoken" value="[^"]*"' | sed 's/.*value="//; s/"$//')
curl -s -o /dev/null -c "$AJAR" -b "$AJAR" -X POST "$BASE/admin/login/?next=/admin/" \
  --data-urlencode "csrfmiddlewaretoken=$LOGIN_CSRF" --data-urlencode "username=bientap" \
  --data-urlencode "password=bench-replica-password"
if curl -sf -b "$AJAR" "$BASE/admin/comments/comment/?status__exact=pending" | grep -q "$TEXT"; then
  echo "admin's pending queue lists the new comment while the replica has not replayed it"
else
  echo "admin's pending queue: comment MISSING" && exit 1
fi

psql_replica -d "$DB" -c "SELECT pg_wal_replay_resume()" >/dev/null
for _ in $(seq 20); do
  [ "$(psql_replica -d "$DB" -c "SELECT count(*) FROM comments_comment WHERE body = '$TEXT'")" = 1 ] && break
  sleep 0.5
done
echo "replay resumed: the replica now has $(psql_replica -d "$DB" -c "SELECT count(*) FROM comments_comment WHERE body = '$TEXT'") row(s)"
echo "== done; removing the replica cluster, the database and the pg_hba line"
