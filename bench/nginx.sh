#!/usr/bin/env bash
# The warm article page through nginx (deploy/nginx/newsroom.conf, proxy_cache) beside nginx
# serving a static file: the physical limit of this machine. gunicorn with production
# settings (deploy/gunicorn.conf.py) on a throwaway SQLite database; wrk on loopback only.
# Usage: bash bench/nginx.sh [seconds] [connections]   (needs nginx and wrk: apt-get install
# nginx-light wrk). Ports: BENCH_PORT (nginx, default 8380) and BENCH_PORT+1 (gunicorn).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SECONDS_PER_URL=${1:-10}
CONNECTIONS=${2:-32}
PORT=${BENCH_PORT:-8380}
APP_PORT=$((PORT + 1))
WORK=$(mktemp -d)
chmod 755 "$WORK"
GUNICORN="" NGINX=""
trap '[ -n "$NGINX" ] && kill "$NGINX" 2>/dev/null; [ -n "$GUNICORN" ] && kill "$GUNICORN" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
command -v nginx >/dev/null || NGINX_BIN=/usr/sbin/nginx
NGINX_BIN=${NGINX_BIN:-$(command -v nginx)}

export DJANGO_SETTINGS_MODULE=newsroom.settings
export SECRET_KEY="bench-only-$(date +%s%N)-not-a-real-secret-key-0123456789abcdef"
export ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0
export TRUSTED_PROXY_COUNT=1
export DATABASE_URL="sqlite:///$WORK/bench.sqlite3" MEDIA_ROOT="$WORK/media" STATIC_ROOT="$WORK/static"
.venv/bin/python manage.py migrate -v0
.venv/bin/python manage.py loaddemo >/dev/null
.venv/bin/python manage.py collectstatic --noinput -v0
chmod -R a+rX "$WORK/static"

GUNICORN_BIND="127.0.0.1:$APP_PORT" GUNICORN_WORKERS="${BENCH_WORKERS:-2}" GUNICORN_ACCESS_LOG="" \
  GUNICORN_LOG_LEVEL=warning .venv/bin/gunicorn -c deploy/gunicorn.conf.py &
GUNICORN=$!

# The deployed site file, pointed at this run's folders and ports.
sed -e "s#/srv/newsroom/staticfiles/#$WORK/static/#; s#/srv/newsroom/media/#$WORK/media/#" \
    -e "s#server 127.0.0.1:8000#server 127.0.0.1:$APP_PORT#" \
    -e "s#/var/cache/nginx/newsroom#$WORK/cache#" \
    -e "s#listen 80;#listen 127.0.0.1:$PORT;#; /listen \[::\]:80;/d" \
    -e "s#server_name example.org;#server_name 127.0.0.1;#" \
    deploy/nginx/newsroom.conf >"$WORK/site.conf"
cat >"$WORK/nginx.conf" <<CONF
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/error.log warn;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    sendfile on;
    tcp_nopush on;
    access_log off;
    client_body_temp_path $WORK/body;
    proxy_temp_path $WORK/proxy;
    include $WORK/site.conf;
}
CONF
"$NGINX_BIN" -t -c "$WORK/nginx.conf" -p "$WORK" -q
"$NGINX_BIN" -c "$WORK/nginx.conf" -p "$WORK" -g 'daemon off;' &
NGINX=$!
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 100); do curl -sf -o /dev/null "$BASE/healthz" && break; sleep 0.2; done

ARTICLE=$(curl -sf "$BASE/" | grep -o '/bai-viet/lam-theo-bac[^"#]*' | head -1)
STATIC=$(curl -sf "$BASE$ARTICLE" | grep -o '/static/[^"]*\.css' | head -1)
# Warm: the first request fills nginx's cache, the second must be a HIT.
curl -sf -o /dev/null "$BASE$ARTICLE"
echo "article through nginx: $(curl -sfI "$BASE$ARTICLE" | grep -i -E '^(x-proxy-cache|cache-control):' | tr -d '\r' | paste -sd ' ')"
printf '%-58s %12s %12s %12s\n' "url (through nginx)" "req/s" "p50" "p99"
for url in "$ARTICLE" "$STATIC"; do
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_URL}s" --latency "$BASE$url")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  printf '%-58s %12s %12s %12s %s\n' "$url" "$rps" "$p50" "$p99" "${non2xx:+(non-2xx: $non2xx)}"
done
