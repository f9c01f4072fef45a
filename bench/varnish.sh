#!/usr/bin/env bash
# A warm story page through Varnish (deploy/varnish.vcl) beside nginx serving a static file,
# on this machine, in one run: Varnish alone, the deployed chain nginx -> Varnish -> gunicorn,
# and nginx's static file (the physical limit). gunicorn with production settings
# (deploy/gunicorn.conf.py) on a throwaway SQLite demo paper, purging Varnish by key; wrk on
# loopback only.
# Usage: bash bench/varnish.sh [seconds] [connections]   (needs varnish, varnish-modules,
# nginx and wrk: apt-get install varnish varnish-modules nginx-light wrk).
# Ports: BENCH_PORT (nginx, default 8390), +1 (Varnish), +2 (gunicorn).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_URL=${1:-10}
CONNECTIONS=${2:-32}
PORT=${BENCH_PORT:-8390}
VARNISH_PORT=$((PORT + 1))
APP_PORT=$((PORT + 2))
WORK=$(mktemp -d)
chmod 755 "$WORK"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

for tool in wrk varnishd; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || {
    echo "$tool is missing: apt-get install varnish varnish-modules nginx-light wrk" >&2; exit 1; }
done
NGINX_BIN=$(command -v nginx || echo /usr/sbin/nginx)
VARNISHD=$(command -v varnishd || echo /usr/sbin/varnishd)

export DJANGO_SETTINGS_MODULE=newsroom.settings
export SECRET_KEY="bench-only-$(date +%s%N)-not-a-real-secret-key-0123456789abcdef"
export ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0
export TRUSTED_PROXY_COUNT=2 REDIS_URL=""
export FRONT_CACHE_PURGE_URLS="http://127.0.0.1:$VARNISH_PORT/"
export DATABASE_URL="sqlite:///$WORK/bench.sqlite3" MEDIA_ROOT="$WORK/media" STATIC_ROOT="$WORK/static"
.venv/bin/python manage.py migrate -v0
# The demo is loaded before Varnish runs: nothing to purge there yet.
FRONT_CACHE_PURGE_URLS="" .venv/bin/python manage.py loaddemo >/dev/null
.venv/bin/python manage.py collectstatic --noinput -v0
chmod -R a+rX "$WORK/static"

GUNICORN_BIND="127.0.0.1:$APP_PORT" GUNICORN_WORKERS="${BENCH_WORKERS:-2}" GUNICORN_ACCESS_LOG="" \
  GUNICORN_LOG_LEVEL=warning .venv/bin/gunicorn -c deploy/gunicorn.conf.py &
PIDS+=($!)

# The shipped VCL, its backend on this run's gunicorn.
sed -e "s#\.port = \"8000\";#.port = \"$APP_PORT\";#" deploy/varnish.vcl >"$WORK/default.vcl"
"$VARNISHD" -F -j none -n "$WORK/varnish" -a "127.0.0.1:$VARNISH_PORT" -T 127.0.0.1:0 \
  -f "$WORK/default.vcl" -s malloc,256m >"$WORK/varnishd.log" 2>&1 &
PIDS+=($!)

# The deployed nginx site, pointed at this run's folders and at Varnish, its own cache off
# (deploy/README.md, section 6b).
sed -e "s#/srv/newsroom/staticfiles/#$WORK/static/#; s#/srv/newsroom/media/#$WORK/media/#" \
    -e "s#server 127.0.0.1:8000 #server 127.0.0.1:$VARNISH_PORT #; s#proxy_cache newsroom;#proxy_cache off;#" \
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
PIDS+=($!)
BASE="http://127.0.0.1:$PORT"
VARNISH="http://127.0.0.1:$VARNISH_PORT"
for _ in $(seq 150); do curl -sf -o /dev/null "$BASE/healthz" && break; sleep 0.2; done

ARTICLE=$(curl -sf "$VARNISH/" | grep -o '/bai-viet/lam-theo-bac[^"#]*' | head -1)
STATIC=$(curl -sf "$VARNISH$ARTICLE" | grep -o '/static/[^"]*\.css' | head -1)
# Warm: the first request fills Varnish, the second must be a hit (two ids in X-Varnish).
curl -sf -o /dev/null "$VARNISH$ARTICLE"
echo "article through Varnish: $(curl -sfI "$VARNISH$ARTICLE" | grep -i -E '^(x-varnish|age|cache-control):' | tr -d '\r' | paste -sd ' ')"
curl -sf -o /dev/null "$BASE$ARTICLE"
for _ in 1 2; do
  echo "article through nginx:   $(curl -sfI "$BASE$ARTICLE" | grep -i -E '^(x-varnish|x-proxy-cache|age):' | tr -d '\r' | paste -sd ' ')"
done
echo "bytes: story page $(curl -sf -o /dev/null -w '%{size_download}' "$VARNISH$ARTICLE"), static file $(curl -sf -o /dev/null -w '%{size_download}' "$BASE$STATIC")"
echo "workers: ${BENCH_WORKERS:-2}, connections: $CONNECTIONS, ${SECONDS_PER_URL} s per row, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-58s %12s %12s %12s\n' "target" "req/s" "p50" "p99"
row() {
  local label=$1 url=$2 out rps p50 p99 non2xx
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_URL}s" --latency "$url")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  printf '%-58s %12s %12s %12s %s\n' "$label" "$rps" "$p50" "$p99" "${non2xx:+(non-2xx: $non2xx)}"
}
row "story page, Varnish alone (warm)" "$VARNISH$ARTICLE"
row "story page, nginx -> Varnish (warm)" "$BASE$ARTICLE"
row "static file, nginx ($STATIC)" "$BASE$STATIC"
row "story page, gunicorn alone (the app's memory, no Varnish)" "http://127.0.0.1:$APP_PORT$ARTICLE"
