#!/usr/bin/env bash
# Serves the release build on the demo city from a temporary SQLite file, on a free port, and
# runs the page-weight benchmark against it (issue 15). Called by `make bench-web`.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export PAKTA_DEMO=1 PAKTA_DATABASE_URL="sqlite://$dir/pakta.db?mode=rwc" PAKTA_ADDR="127.0.0.1:$port"
export PAKTA_AUDIT_KEY_FILE="$dir/audit.key"
./target/release/pakta migrate >/dev/null
./target/release/pakta demo --if-empty >/dev/null
./target/release/pakta serve >"$dir/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 100); do
  python3 -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1], timeout=1)" "http://127.0.0.1:$port/masuk" 2>/dev/null && break
  sleep 0.2
done
PAKTA_BENCH_URL="http://127.0.0.1:$port" node bench/page_weight.mjs
