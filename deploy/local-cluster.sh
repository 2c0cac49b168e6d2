#!/usr/bin/env bash
# A service and N worker JVMs on 127.0.0.1 (docs: deploy/README.md).
#   deploy/local-cluster.sh start N [WORKER OPTION...]   e.g. start 3 --eval-time 200
#   deploy/local-cluster.sh add [WORKER OPTION...]       one more worker JVM
#   deploy/local-cluster.sh status | stop
# State (pids, logs, the token, the data) lives in $MTNAS_CLUSTER_DIR (default ./local-cluster).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${MTNAS_CLUSTER_DIR:-$PWD/local-cluster}"
api_port="${MTNAS_API_PORT:-8080}"
cluster_port="${MTNAS_CLUSTER_PORT:-25520}"
management_port="${MTNAS_MANAGEMENT_PORT:-8558}"
mtnas="$root/bin/mtnas"

usage() { sed -n 2,6p "$0" >&2; exit 2; }

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

await_line() { # FILE PATTERN PIDFILE
  for _ in $(seq 1 600); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    alive "$3" || { echo "local-cluster: $(basename "$3" .pid) exited; see ${1%.out}.err" >&2; return 1; }
    sleep 0.1
  done
  echo "local-cluster: no '$2' in $1 after 60 s" >&2; return 1
}

start_worker() {
  local n=1
  while [ -f "$dir/worker-$n.pid" ]; do n=$((n + 1)); done
  # Cluster Bootstrap with config discovery: the service's Management endpoint is the contact point
  nohup java ${MTNAS_JAVA_OPTS:-} -jar "$jar" worker --bootstrap --contact-points "127.0.0.1:$management_port" "$@" \
    > "$dir/worker-$n.out" 2> "$dir/worker-$n.err" < /dev/null &
  echo $! > "$dir/worker-$n.pid"
  await_line "$dir/worker-$n.out" "mtnas worker: node" "$dir/worker-$n.pid"
  grep -m1 "mtnas worker: node" "$dir/worker-$n.out"
}

cmd="${1:-}"; [ -n "$cmd" ] || usage; shift
jar="$root/target/mtnas-0.1.0-SNAPSHOT-all.jar"
case "$cmd" in
  start)
    [ $# -ge 1 ] || usage
    workers="$1"; shift
    alive "$dir/serve.pid" && { echo "local-cluster: already running ($dir)" >&2; exit 1; }
    mkdir -p "$dir"
    "$mtnas" --version > /dev/null # builds the jar when it is stale
    if [ ! -s "$dir/token" ]; then
      (umask 077; openssl rand -hex 32 > "$dir/token")
    fi
    nohup java ${MTNAS_JAVA_OPTS:-} -jar "$jar" serve --workers 0 --port "$api_port" --cluster-port "$cluster_port" \
      --management-port "$management_port" \
      --data "$dir/data" --token-file "$dir/token" > "$dir/serve.out" 2> "$dir/serve.err" < /dev/null &
    echo $! > "$dir/serve.pid"
    await_line "$dir/serve.out" "mtnas serve: listening" "$dir/serve.pid"
    grep -m1 "mtnas serve: listening" "$dir/serve.out"
    for _ in $(seq 1 "$workers"); do start_worker "$@"; done
    echo "local-cluster: token in $dir/token; try: curl -s -H \"Authorization: Bearer \$(cat $dir/token)\" http://127.0.0.1:$api_port/api/v1/workers"
    ;;
  add)
    alive "$dir/serve.pid" || { echo "local-cluster: not running ($dir)" >&2; exit 1; }
    start_worker "$@"
    ;;
  status)
    for p in "$dir"/*.pid; do
      [ -f "$p" ] || continue
      name="$(basename "$p" .pid)"
      if alive "$p"; then
        # each node's readiness probe (Pekko Management /ready), from the URL it logged
        url="$(grep -o 'management on http://[0-9.]*:[0-9]*' "$dir/$name.out" | tail -1 | sed 's/management on //')"
        ready="$( [ -n "$url" ] && curl -s -o /dev/null -w '%{http_code}' "$url/ready" || echo '-')"
        echo "$name running, pid $(cat "$p"), management ${url:--}, /ready $ready"
      else
        echo "$name gone"
      fi
    done
    ;;
  stop)
    for p in "$dir"/worker-*.pid "$dir/serve.pid"; do
      [ -f "$p" ] || continue
      alive "$p" && kill "$(cat "$p")" && { for _ in $(seq 1 100); do alive "$p" || break; sleep 0.1; done; }
      rm -f "$p"
    done
    echo "local-cluster: stopped (data, logs and token stay in $dir)"
    ;;
  *) usage ;;
esac
