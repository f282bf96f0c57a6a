#!/usr/bin/env bash
# A/B of one lever: the same bench client against node A and node B, alternated, in one run, so both meet the same
# machine. Each variant gets a fresh database, dropped after. Traffic goes to 127.0.0.1 only.
#   bench/ab.sh delivery <jar A> <jar B> [rounds] [rates]   cross-node delivery: 1,000 sockets on a second node,
#                                                            pushes to the first (DeliveryRun), rates default 100,1000
#   bench/ab.sh batch <jar A> <jar B> [rounds]              POST /api/events, 1,000 events a request, next to COPY
# AB_URL_SUFFIX_A / AB_URL_SUFFIX_B are appended to each variant's JDBC URL (e.g. '?reWriteBatchedInserts=false'), so
# one jar can be compared with itself under another driver setting. Results: bench/target/ab/<stamp>/.
set -uo pipefail
cd "$(dirname "$0")/.."
MODE=$1 JAR_A=$2 JAR_B=$3 ROUNDS=${4:-1} RATES=${5:-100,1000}
CP="bench/target/classes:$(cat bench/target/classpath.txt)"
BENCH_JWT_SECRET=$(head -c 48 /dev/urandom | base64 -w0)
export BENCH_JWT_SECRET
OUT="bench/target/ab/$(date -u +%Y-%m-%dT%H-%M-%SZ)"
mkdir -p "$OUT"
PIDS=()
DBS=()
psql_admin() { psql -q -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 -c "$1"; }
cleanup() {
    for pid in "${PIDS[@]+"${PIDS[@]}"}"; do kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
    for db in "${DBS[@]+"${DBS[@]}"}"; do psql_admin "DROP DATABASE IF EXISTS $db WITH (FORCE)"; done
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
start_node() { # jar port database suffix log
    env SWITCHBOARD_LIMITS_UPGRADE_BURST=1000000000 SERVER_PORT="$2" SERVER_ADDRESS=127.0.0.1 \
        SWITCHBOARD_JWT_SECRET="$BENCH_JWT_SECRET" SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$3$4" \
        SPRING_DATASOURCE_USERNAME=postgres java -jar "$1" > "$5" 2>&1 &
    PIDS+=($!)
    for _ in $(seq 1 120); do
        curl -fs "http://127.0.0.1:$2/actuator/health/readiness" 2>/dev/null | grep -q UP && return 0
        sleep 1
    done
    echo "node on port $2 did not become ready; see $5" >&2
    return 1
}
for round in $(seq 1 "$ROUNDS"); do
    for variant in A B; do
        jar=$([ "$variant" = A ] && echo "$JAR_A" || echo "$JAR_B")
        suffix=$([ "$variant" = A ] && echo "${AB_URL_SUFFIX_A:-}" || echo "${AB_URL_SUFFIX_B:-}")
        db="switchboard_ab_${variant,,}_$(date +%s)_$$"
        DBS+=("$db")
        psql_admin "CREATE DATABASE $db"
        a_port=$(free_port)
        start_node "$jar" "$a_port" "$db" "$suffix" "$OUT/node-a-$variant-$round.log" || exit 1
        if [ "$MODE" = delivery ]; then
            b_port=$(free_port)
            start_node "$jar" "$b_port" "$db" "$suffix" "$OUT/node-b-$variant-$round.log" || exit 1
            java -cp "$CP" dev.switchboard.bench.delivery.DeliveryRun push "ws://127.0.0.1:$b_port/ws" \
                "http://127.0.0.1:$a_port" "$OUT/$MODE-$variant-$round.json" "$RATES" 10 1000 > "$OUT/run-$variant-$round.log" 2>&1
        else
            java -cp "$CP" dev.switchboard.bench.push.BatchRun "http://127.0.0.1:$a_port" \
                "jdbc:postgresql://127.0.0.1:5432/$db?user=postgres" "$OUT/$MODE-$variant-$round.json" 15 60000 \
                > "$OUT/run-$variant-$round.log" 2>&1
        fi
        for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
        PIDS=()
        echo "$variant round $round: $OUT/$MODE-$variant-$round.json (load average $(cut -d' ' -f1 /proc/loadavg))"
    done
done
