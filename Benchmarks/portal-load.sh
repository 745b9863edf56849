#!/usr/bin/env bash
# Load on `attest serve` (issue 16), with wrk on loopback, bounded in time: requests per second
# and latency percentiles for a static page, the health endpoint (one store read per request)
# and the request form's first step (a CSRF-checked POST, validated and answered with the NDA
# page), with the store in SQLite and then in PostgreSQL.
#
#   Benchmarks/portal-load.sh [SCRATCH_DIR] [DURATION_SECONDS]
#
# Everything is written to SCRATCH_DIR (default: a new folder under /tmp): a release build of
# attest, the demo built into it, a throwaway PostgreSQL server (initdb/pg_ctl on a free port).
# The portal's per-client POST limit is raised for the run (--posts-per-client), or every POST
# after the tenth would be a 429.
#
# The floor, measured in the same run: nginx (Debian's) serving the same site folder, one
# worker per core, for the static page.
#
# Needs: wrk (Debian: apt-get install wrk), nginx, postgresql (initdb, pg_ctl), curl, swift.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
scratch=${1:-$(mktemp -d /tmp/attest-portal-load.XXXXXX)}
duration=${2:-10}
mkdir -p "$scratch"
scratch=$(cd "$scratch" && pwd)
case "$scratch/" in
"$root"/*) echo "error: $scratch is inside the repository; use a scratch folder" >&2; exit 2 ;;
esac
command -v wrk >/dev/null || { echo "error: wrk is missing (apt-get install wrk)" >&2; exit 2; }

(cd "$root" && swift build -c release --product attest >/dev/null)
command -v curl >/dev/null || { echo "error: curl is missing" >&2; exit 2; }
attest="$root/.build/release/attest"
workspace="$scratch/workspace"
rm -rf "$workspace" && mkdir -p "$workspace"
cp -R "$root/attest.yaml" "$root/controls" "$root/evidence" "$root/keys" "$workspace/"
"$attest" keygen --out "$scratch/keys" --force >/dev/null
export ATTEST_PORTAL_SECRET=$(head -c 48 /dev/urandom | od -An -tx1 | tr -d ' \n')

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# A PostgreSQL server of its own (as the tests start theirs), stopped on exit.
pg="$scratch/pg"
rm -rf "$pg"
pg_port=$(free_port)
run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
mkdir -p "$pg" && [ "$(id -u)" = 0 ] && chown postgres "$pg"
run_pg initdb -D "$pg/data" -U attest --auth=trust >/dev/null
run_pg pg_ctl -D "$pg/data" -o "-p $pg_port -k $pg -c listen_addresses=127.0.0.1" \
    -l "$pg/log" -w start >/dev/null
server_pid=""
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    run_pg pg_ctl -D "$pg/data" -m immediate stop >/dev/null 2>&1 || true
}
trap cleanup EXIT
run_pg createdb -h 127.0.0.1 -p "$pg_port" -U attest attest

post_script="$scratch/post.lua"

measure() {
    local label=$1 store=$2
    "$attest" build --workspace "$workspace" --out "$scratch/reports" --store "$store" \
        --quiet >/dev/null
    local port
    port=$(free_port)
    "$attest" serve --workspace "$workspace" --site "$scratch/reports/site" --store "$store" \
        --listen "127.0.0.1:$port" --key "$scratch/keys/attest-bundle.key" \
        --posts-per-client 100000000 \
        >"$scratch/serve-$label.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 100); do
        curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
        sleep 0.1
    done
    # The form's cookie and CSRF token, for the POSTs.
    local form cookie token
    form=$(curl -s -c "$scratch/cookies" "http://127.0.0.1:$port/en/request")
    token=$(printf '%s' "$form" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
    # curl writes an HttpOnly cookie as a line starting "#HttpOnly_".
    cookie=$(sed 's/^#HttpOnly_//' "$scratch/cookies" | awk '!/^#/ && NF >= 7 { print $6 "=" $7 }' |
        head -1)
    cat >"$post_script" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = "$cookie"
wrk.body = "csrf=$token&step=details&name=Load+Test&email=load%40buyer.example&company=Buyer&reason=load&documents=pentest-summary-2026"
LUA
    echo "== $label"
    for target in "/en/index.html" "/healthz"; do
        echo "-- GET $target"
        wrk -t2 -c32 -d"${duration}s" --latency "http://127.0.0.1:$port$target" |
            grep -E "Requests/sec|Non-2xx|50%|99%"
    done
    echo "-- POST /en/request (details step)"
    wrk -t2 -c32 -d"${duration}s" --latency -s "$post_script" "http://127.0.0.1:$port/en/request" |
        grep -E "Requests/sec|Non-2xx|50%|99%"
    kill "$server_pid" && wait "$server_pid" 2>/dev/null || true
    server_pid=""
}

floor() {
    "$attest" build --workspace "$workspace" --out "$scratch/reports" \
        --store "$scratch/store.sqlite" --quiet >/dev/null
    local port
    port=$(free_port)
    mkdir -p "$scratch/nginx/logs"
    cat >"$scratch/nginx/nginx.conf" <<NGINX
worker_processes auto;
pid $scratch/nginx/nginx.pid;
error_log $scratch/nginx/logs/error.log;
events { worker_connections 1024; }
http {
    access_log off;
    include /etc/nginx/mime.types;
    server {
        listen 127.0.0.1:$port;
        root $scratch/reports/site;
    }
}
NGINX
    nginx -p "$scratch/nginx" -c "$scratch/nginx/nginx.conf" -g 'daemon off;' &
    local nginx_pid=$!
    for _ in $(seq 100); do
        curl -fs "http://127.0.0.1:$port/en/index.html" >/dev/null 2>&1 && break
        sleep 0.1
    done
    echo "== floor: nginx, the same site folder"
    echo "-- GET /en/index.html"
    wrk -t2 -c32 -d"${duration}s" --latency "http://127.0.0.1:$port/en/index.html" |
        grep -E "Requests/sec|Non-2xx|50%|99%"
    kill "$nginx_pid" && wait "$nginx_pid" 2>/dev/null || true
}

floor
measure sqlite "$scratch/store.sqlite"
measure postgres "postgres://attest@127.0.0.1:$pg_port/attest"
