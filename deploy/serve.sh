#!/usr/bin/env bash
# Several Streamlit replicas of the Integratiemonitor behind nginx, on one machine.
#
#   deploy/serve.sh start [REPLICAS]    # default 2; nginx on $MONITOR_PROXY (127.0.0.1:8590)
#   deploy/serve.sh stop
#   deploy/serve.sh status
#
# Every replica reads the same store ($MONITOR_DB) read-only; `python -m etl load`
# builds a new store beside it and swaps it in with one rename, so a replica sees the
# old store or the new one, never half of one (each opens the new version on its
# next query). Replicas listen on loopback ports from $MONITOR_REPLICA_PORT (8591)
# upward; only nginx is reachable from outside when MONITOR_PROXY says so.
# They share one cookie secret (made once, in the run directory): Streamlit's XSRF
# cookie and st.login's session cookie must be readable by every replica.
# Production: the same with systemd units, see deploy/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RUN=${MONITOR_RUN_DIR:-$ROOT/deploy/run}
PROXY=${MONITOR_PROXY:-127.0.0.1:8590}
BASE_PORT=${MONITOR_REPLICA_PORT:-8591}
PY=${PYTHON:-python}
NGINX=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}

start() {
    local n=${1:-2}
    mkdir -p "$RUN"
    [ -s "$RUN/cookie-secret" ] || (umask 077; head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$RUN/cookie-secret")
    local upstreams=""
    for i in $(seq 0 $((n - 1))); do
        local port=$((BASE_PORT + i))
        # MONITOR_PNG_WARM etc. pass through from the caller's environment
        STREAMLIT_SERVER_COOKIE_SECRET="$(cat "$RUN/cookie-secret")" \
        setsid "$PY" -m streamlit run "$ROOT/app.py" --server.port "$port" \
            --server.address 127.0.0.1 --server.headless true \
            --browser.gatherUsageStats false \
            > "$RUN/replica-$port.log" 2>&1 < /dev/null &
        echo $! > "$RUN/replica-$port.pid"
        upstreams+="        server 127.0.0.1:$port max_fails=0;"$'\n'
    done
    sed -e "s#@RUN@#$RUN#g" -e "s#@LISTEN@#$PROXY#g" deploy/nginx.conf.in \
        | awk -v u="$upstreams" '{ if ($0 == "@UPSTREAMS@") printf "%s", u; else print }' \
        > "$RUN/nginx.conf"
    "$NGINX" -t -q -c "$RUN/nginx.conf" -p "$RUN" -e "$RUN/nginx-error.log"
    "$NGINX" -c "$RUN/nginx.conf" -p "$RUN" -e "$RUN/nginx-error.log"
    for i in $(seq 0 $((n - 1))); do
        local port=$((BASE_PORT + i)) tries=0
        until curl -fs "http://127.0.0.1:$port/_stcore/health" > /dev/null; do
            tries=$((tries + 1))
            if [ $tries -ge 240 ] || ! kill -0 "$(cat "$RUN/replica-$port.pid")" 2>/dev/null; then
                echo "replica $port kwam niet op; zie $RUN/replica-$port.log" >&2; stop; exit 1
            fi
            sleep 0.5
        done
    done
    echo "Integratiemonitor: $n replica's achter http://$PROXY/"
}

stop() {
    if [ -f "$RUN/nginx.pid" ]; then
        "$NGINX" -c "$RUN/nginx.conf" -p "$RUN" -e "$RUN/nginx-error.log" -s quit 2>/dev/null || true
        rm -f "$RUN/nginx.pid"
    fi
    for pidfile in "$RUN"/replica-*.pid; do
        [ -f "$pidfile" ] || continue
        local pid; pid=$(cat "$pidfile")
        # each replica leads its own session (setsid): its group is exactly it and its children
        kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
        rm -f "$pidfile"
    done
}

status() {
    for pidfile in "$RUN"/replica-*.pid; do
        [ -f "$pidfile" ] || continue
        local pid; pid=$(cat "$pidfile")
        printf '%s pid %s %s\n' "$(basename "$pidfile" .pid)" "$pid" \
            "$(kill -0 "$pid" 2>/dev/null && echo draait || echo gestopt)"
    done
    [ -f "$RUN/nginx.pid" ] && echo "nginx pid $(cat "$RUN/nginx.pid")" || echo "nginx gestopt"
}

case "${1:-}" in
    start) shift; start "$@" ;;
    stop) stop ;;
    status) status ;;
    *) echo "gebruik: $0 start [REPLICAS] | stop | status" >&2; exit 2 ;;
esac
