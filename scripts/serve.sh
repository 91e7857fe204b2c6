#!/usr/bin/env bash
# `make serve`: a whole local demo in one command. Starts the Prefect server (UI on
# http://127.0.0.1:${PORT:-4200}), creates the `local-process` work pool with a limit of
# one flow run at a time (two schedules never load the machine at once), registers the
# deployments of prefect.yaml and runs a worker in the foreground. Ctrl-C stops all.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
PORT=${PORT:-4200}
export PREFECT_API_URL="http://127.0.0.1:${PORT}/api"
export PREFECT_SERVER_ANALYTICS_ENABLED=false DO_NOT_TRACK=1 GX_ANALYTICS_ENABLED=false
mkdir -p data/incoming

"$BIN/prefect" server start --port "$PORT" > .prefect-server.log 2>&1 &
server=$!
worker=
stop() { kill $worker "$server" 2>/dev/null; wait $worker "$server" 2>/dev/null; }
trap stop EXIT
trap 'exit 130' INT TERM
for _ in $(seq 1 120); do
  if "$BIN/python" -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)" "$PREFECT_API_URL/health" 2>/dev/null; then break; fi
  if ! kill -0 "$server" 2>/dev/null; then echo "serve: the server exited (see .prefect-server.log)" >&2; exit 1; fi
  sleep 1
done
"$BIN/prefect" work-pool create local-process --type process >/dev/null 2>&1 || true
"$BIN/prefect" work-pool set-concurrency-limit local-process 1 >/dev/null
"$BIN/prefect" --no-prompt deploy --all
echo "serve: UI on http://127.0.0.1:${PORT} — try: $BIN/prefect deployment run clean-corpus/daily-sample"
"$BIN/prefect" worker start --pool local-process &
worker=$!
wait "$worker"
