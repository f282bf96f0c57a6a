#!/usr/bin/env bash
# Runs the benchmarks of the bench module once, with bounded counts and durations, and writes
# bench/results/<UTC stamp>.json and .md. Everything it starts (databases, nodes, the bare floor, load processes) is
# stopped and dropped on exit, whatever happens. Traffic goes to 127.0.0.1 only.
#   bench/run.sh                      every step: jmh lifecycle handshake capacity delivery biglog push upgrades
#                                     (about 40 min)
#   bench/run.sh capacity delivery    only the steps named
#   bench/run.sh push handshake       the push path's figures: pushes accepted/s with push → frame latency next to a
#                                     bare MVC push and a hand-written durable one, batch publish next to COPY, the cold
#                                     publish after a long feed; handshakes next to the bare handler. About 10 min once
#                                     the node answers POST /api/events; before, the cold publish's feed is filled by
#                                     single pushes, which adds several minutes (BENCH_COLD_EVENTS below)
#   bench/run.sh push delivery        the push figures, then push → frame latency at 100, 1,000 and 5,000 events/s
#                                     and at half the push peak just measured (the delivery step runs after the push
#                                     step, so a run with both measures the issue's second delivery rate)
#   bench/run.sh registryat           registry-at from registry checkpoints on logs of 10^5, 10^6 and 10^7 events (filled
#                                     by COPY), next to the replay from the beginning of the log (about 15 min)
#   bench/run.sh upgrades             the log's growth under a flood of upgrade-and-drop from one address, with the
#                                     node's default upgrade limit and with it lifted (about 2 min)
#   bench/run.sh archive              the archive command on a generated log of ARCHIVE_EVENTS events: its write phase
#                                     next to COPY TO of the same rows, its deletes next to a plain batched DELETE,
#                                     bytes on disk per feed event and per lifecycle (about 3 min); then one closed
#                                     connection's timeline on logs of ARCHIVED_TIMELINE_SIZES events, in the table and
#                                     with everything retention allows archived (about 5 min)
#   bench/run.sh soak                 the retention soak: a node with retention at SOAK_RETENTION under steady pushes
#                                     and connection churn for SOAK_SECONDS (default 600; about 11 min), sampled every
#                                     10 s: event table size and dead tuples, push p99, archive size, plotted as SVG;
#                                     on a server with autovacuum off it vacuums the event table at autovacuum's threshold
# BENCH_CAPACITY_LEVELS (default 1000,5000,18000) are the idle-socket counts; BENCH_CAPACITY_SKIP_MAX=1 drops the last.
# BIGLOG_MAX_EVENTS (default 1000000) is the largest log of the big-log step (rebuild, timeline and registry-at on
# logs of 10^3 up to it); 100000 makes that step a run of about a minute.
# BENCH_COLD_EVENTS (default 100000) is each filled user's feed in the push step's cold publish; single pushes fill it
# at a few hundred a second while the node has no batch endpoint, so a smaller one makes a quick run.
set -euo pipefail
cd "$(dirname "$0")/.."

# The top level takes 64 of the server's connections for 10 s: on a server other test suites share, point this at a
# private one (BENCH_PG_PORT) or run it when they are idle.
PG_HOST=127.0.0.1 PG_PORT=${BENCH_PG_PORT:-5432} PG_USER=postgres
export BENCH_DATABASE_SERVER="jdbc:postgresql://$PG_HOST:$PG_PORT/postgres"
export PATH="$PATH:/usr/lib/postgresql/15/bin"
LEVELS="1,4,16,64"      # concurrent callers for the lifecycle figure and pgbench clients
LEVEL_SECONDS=10        # per level, for both
HANDSHAKE_CLIENTS=16    # one of LEVELS, so handshakes compare with the lifecycle rate at the same concurrency
HANDSHAKE_SECONDS=10    # per phase: peak, then half the peak
BIGLOG_MAX_EVENTS=${BIGLOG_MAX_EVENTS:-1000000}  # the largest log; sizes are the powers of ten from 10^3 up to it
ARCHIVE_EVENTS=${ARCHIVE_EVENTS:-500000}            # the archive step's log
ARCHIVED_TIMELINE_SIZES=${ARCHIVED_TIMELINE_SIZES:-100000,1000000} # the archive step's logs for an archived timeline
SOAK_SECONDS=${SOAK_SECONDS:-600}        # the soak's length; the report compares its last third with its middle one
SOAK_SAMPLE_SECONDS=10
SOAK_RETENTION=${SOAK_RETENTION:-PT2M}   # SWITCHBOARD_RETENTION_FEED and _CONNECTIONS of the soak's node
SOAK_RETENTION_INTERVAL=10s
SOAK_USERS=200 SOAK_PUSHES_PER_SECOND=100 SOAK_CHURNS_PER_SECOND=5
REGISTRY_AT_SIZES=${REGISTRY_AT_SIZES:-100000,1000000,10000000} # the registryat step's logs
CHECKPOINT_EVERY=${BENCH_CHECKPOINT_EVERY:-10000}  # positions between two checkpoints (SWITCHBOARD_CHECKPOINTS_EVERY)
BIGLOG_REPEATS=${BIGLOG_REPEATS:-2}              # rebuilds and registry-at runs per size; the best is reported
CAPACITY_LEVELS=${BENCH_CAPACITY_LEVELS:-1000,5000,18000} # the last near the 20,000 files a process may open here
[[ "${BENCH_CAPACITY_SKIP_MAX:-}" == 1 ]] && CAPACITY_LEVELS=${CAPACITY_LEVELS%,*}
DELIVERY_RATES=100,1000,5000   # events/s, open loop
DELIVERY_SECONDS=10     # per rate
DELIVERY_SOCKETS=1000
PUSH_WARM_UP=15         # seconds of unrecorded pushes before each of the three push runs
PUSH_SECONDS=10         # closed loop, 32 senders over 200 READY sockets
BATCH_SECONDS=20        # batch publish, or until BATCH_MAX_EVENTS are accepted
BATCH_MAX_EVENTS=100000 # and the rows of its COPY baseline
COLD_USERS=300          # fresh users whose first publish is the cold publish's baseline
COLD_EVENTS=${BENCH_COLD_EVENTS:-100000}
COLD_NEXT=20            # publishes of the filled user after its first one since the restart
FLOOD_SECONDS=10        # per flood, with the limit and without
FLOOD_CLIENTS=8
UPGRADES_PER_SECOND=10 UPGRADE_BURST=50  # the node's defaults (LimitsProperties)
NO_UPGRADE_LIMIT=1000000000              # a burst no run reaches: every other step's load comes from 127.0.0.1 too
STEPS=" ${*:-jmh lifecycle handshake capacity delivery biglog push upgrades} "
want() { [[ "$STEPS" == *" $1 "* ]]; }

STAMP=$(date -u +%Y-%m-%dT%H-%M-%SZ)
RUN="bench/target/bench-run/$STAMP"
SUFFIX=$(date -u +%s)_$$
LIFECYCLE_DB="switchboard_bench_lifecycle_$SUFFIX"
NODE_DB="switchboard_bench_node_$SUFFIX"
CAPACITY_DB="switchboard_bench_capacity_$SUFFIX"
DELIVERY_DB="switchboard_bench_delivery_$SUFFIX"
PUSH_DB="switchboard_bench_push_$SUFFIX"
COLD_DB="switchboard_bench_cold_$SUFFIX"
FLOOD_DB="switchboard_bench_flood_$SUFFIX"
SOAK_DB="switchboard_bench_soak_$SUFFIX"
PIDS=()

psql_admin() { psql -q -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -v ON_ERROR_STOP=1 -c "$1"; }

cleanup() {
    for pid in "${PIDS[@]+"${PIDS[@]}"}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    for db in "$LIFECYCLE_DB" "$NODE_DB" "$CAPACITY_DB" "$DELIVERY_DB" "$PUSH_DB" "$COLD_DB" "$FLOOD_DB" "$SOAK_DB"; do
        psql_admin "DROP DATABASE IF EXISTS $db WITH (FORCE)" || true
    done
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

wait_for() { # url, pattern, seconds
    for _ in $(seq 1 "$3"); do
        if curl -fs "$1" 2>/dev/null | grep -q "$2"; then return 0; fi
        sleep 1
    done
    echo "nothing answered $1 within $3 s" >&2
    return 1
}

echo "== build"
# Spring Boot's repackage leaves a jar it already repackaged as it is, and the jar plugin does not rebuild a module whose
# own classes did not change: after a change in another module only, the node's jar would keep that module's old jar
# inside. So the node's jar is always built afresh.
rm -f gateway/target/switchboard.jar gateway/target/switchboard.jar.original
./mvnw -q -B -DskipTests package
mkdir -p "$RUN"
CP="bench/target/classes:$(cat bench/target/classpath.txt)"

cat > "$RUN/machine.properties" <<PROPS
date=$STAMP
nproc=$(nproc)
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
memory=$(free -g | awk '/^Mem:/ {print $2 " GiB"}')
jdk=$(java -version 2>&1 | head -1 | tr -d '"')
postgres=$(psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -Atc 'SHOW server_version' | cut -d' ' -f1 | sed 's/^/PostgreSQL /')
os=$(uname -sr)
PROPS

BENCH_JWT_SECRET=$(head -c 48 /dev/urandom | base64 -w0)
export BENCH_JWT_SECRET

start_node() { # port, database, log, extra VAR=value...: starts switchboard.jar; its pid goes into PIDS and NODE_PID
    local port=$1 db=$2 log=$3
    shift 3
    env SWITCHBOARD_LIMITS_UPGRADE_BURST=$NO_UPGRADE_LIMIT "$@" SERVER_PORT="$port" SERVER_ADDRESS=127.0.0.1 SWITCHBOARD_JWT_SECRET="$BENCH_JWT_SECRET" \
        SPRING_DATASOURCE_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$db" SPRING_DATASOURCE_USERNAME="$PG_USER" \
        java ${NODE_JFR:+-XX:StartFlightRecording=filename=$NODE_JFR} -jar gateway/target/switchboard.jar > "$log" 2>&1 &
    NODE_PID=$!
    PIDS+=("$NODE_PID")
    wait_for "http://127.0.0.1:$port/actuator/health/readiness" UP 120
}

start_bare() { # port, log, [application class, its arguments...]: starts a bare floor; its pid goes into PIDS, BARE_PID
    local port=$1 log=$2 application=${3:-BareSocketApplication}
    shift $(($# < 3 ? $# : 3))
    java -cp "$CP" "dev.switchboard.bench.bare.$application" --server.port="$port" --server.address=127.0.0.1 "$@" \
        > "$log" 2>&1 &
    BARE_PID=$!
    PIDS+=("$BARE_PID")
    for _ in $(seq 1 60); do
        curl -s -o /dev/null "http://127.0.0.1:$port/" && return 0
        sleep 1
    done
}

stop() { kill "$1"; wait "$1" 2>/dev/null || true; }

biglog() {
    local sizes="" size=1000
    while [ "$size" -le "$BIGLOG_MAX_EVENTS" ]; do sizes="$sizes${sizes:+,}$size"; size=$((size * 10)); done
    echo "== big log: rebuild next to COPY, timeline, registry-at at $sizes events (fresh databases, dropped after)"
    java -Xmx2g -XX:StartFlightRecording=filename="$RUN/biglog.jfr" -cp "$CP" dev.switchboard.bench.biglog.BigLogBench \
        "$RUN/biglog.json" "$sizes" "$BIGLOG_REPEATS" 200 > "$RUN/biglog.log" 2>&1 || { tail -40 "$RUN/biglog.log"; exit 1; }
    grep '^biglog' "$RUN/biglog.log"
}

if want jmh; then
echo "== JMH: registry READY check, frame codec, bearer token check"
java -cp "$CP" org.openjdk.jmh.Main -rf json -rff "$RUN/jmh.json" 'RegistryBenchmark|FrameCodecBenchmark|TokenCheckBenchmark' \
    > "$RUN/jmh.log" 2>&1 || { tail -40 "$RUN/jmh.log"; exit 1; }
fi

if want lifecycle; then
echo "== lifecycles through the command side, then pgbench, on database $LIFECYCLE_DB"
psql_admin "CREATE DATABASE $LIFECYCLE_DB"
BENCH_DATABASE_NAME="$LIFECYCLE_DB" java -XX:StartFlightRecording=filename="$RUN/lifecycle.jfr" \
    -cp "$CP" dev.switchboard.bench.lifecycle.LifecycleDriver "$RUN/lifecycle.json" "$LEVEL_SECONDS" "$LEVELS" \
    > "$RUN/lifecycle.log" 2>&1 || { tail -40 "$RUN/lifecycle.log"; exit 1; }
grep '^lifecycle' "$RUN/lifecycle.log"
psql -q -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$LIFECYCLE_DB" -v ON_ERROR_STOP=1 -c \
    "CREATE TABLE bench_insert (id BIGSERIAL PRIMARY KEY, payload TEXT NOT NULL, at TIMESTAMPTZ NOT NULL DEFAULT now())"
for clients in ${LEVELS//,/ }; do
    pgbench -n -c "$clients" -j "$clients" -T "$LEVEL_SECONDS" -f bench/insert.sql \
        -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" "$LIFECYCLE_DB" > "$RUN/pgbench-$clients.txt" 2>&1 ||
        true # a shared server may lack free connections for the top level; the report shows it as not measured
    echo "pgbench clients=$clients $(grep -m1 'without initial\|error' "$RUN/pgbench-$clients.txt")"
done
fi

if want handshake; then
echo "== handshakes against the node (switchboard.jar) on database $NODE_DB"
psql_admin "CREATE DATABASE $NODE_DB"
NODE_PORT=$(free_port)
SERVER_PORT=$NODE_PORT SERVER_ADDRESS=127.0.0.1 SWITCHBOARD_JWT_SECRET="$BENCH_JWT_SECRET" \
    SWITCHBOARD_LIMITS_UPGRADE_BURST=$NO_UPGRADE_LIMIT \
    SPRING_DATASOURCE_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$NODE_DB" SPRING_DATASOURCE_USERNAME="$PG_USER" \
    java -XX:StartFlightRecording=filename="$RUN/gateway.jfr" -jar gateway/target/switchboard.jar \
    > "$RUN/gateway.log" 2>&1 &
PIDS+=($!)
wait_for "http://127.0.0.1:$NODE_PORT/actuator/health/readiness" UP 90
BENCH_SERVER_PIDS=${PIDS[0]} java -cp "$CP" dev.switchboard.bench.handshake.HandshakeLoad "ws://127.0.0.1:$NODE_PORT/ws" \
    "$RUN/handshake-gateway.json" "$HANDSHAKE_CLIENTS" "$HANDSHAKE_SECONDS"
kill "${PIDS[0]}"; wait "${PIDS[0]}" 2>/dev/null || true
PIDS=()

echo "== handshakes against the bare Spring WebSocket handler"
BARE_PORT=$(free_port)
java -cp "$CP" dev.switchboard.bench.bare.BareSocketApplication --server.port="$BARE_PORT" \
    --server.address=127.0.0.1 > "$RUN/bare.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 60); do
    curl -s -o /dev/null "http://127.0.0.1:$BARE_PORT/" && break
    sleep 1
done
BENCH_JWT_SECRET= BENCH_SERVER_PIDS=${PIDS[0]} java -cp "$CP" dev.switchboard.bench.handshake.HandshakeLoad \
    "ws://127.0.0.1:$BARE_PORT/ws" \
    "$RUN/handshake-bare.json" "$HANDSHAKE_CLIENTS" "$HANDSHAKE_SECONDS"
stop "${PIDS[0]}"
PIDS=()
fi

if want capacity; then
# every socket is a file: the node and each load process need the hard limit (20,000 here), not the soft 1,024
ulimit -n "$(ulimit -Hn)"
echo "== capacity: idle READY sockets at $CAPACITY_LEVELS against the node, on database $CAPACITY_DB"
psql_admin "CREATE DATABASE $CAPACITY_DB"
# all load comes from 127.0.0.1, so its quota of unauthenticated sockets is raised; a larger pool only speeds the
# handshakes up (neither is per socket)
PORT=$(free_port)
start_node "$PORT" "$CAPACITY_DB" "$RUN/capacity-node.log" SWITCHBOARD_LIMITS_UNAUTHENTICATED_PER_ADDRESS=1000 \
    SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE=24
java -cp "$CP" dev.switchboard.bench.capacity.CapacityRun "ws://127.0.0.1:$PORT/ws" "$NODE_PID" \
    "$RUN/capacity-gateway.json" "$CAPACITY_LEVELS" 2>&1 | tee "$RUN/capacity-gateway.log"
jcmd "$NODE_PID" GC.class_histogram > "$RUN/capacity-node-histogram-after.txt" 2>&1 || true
stop "$NODE_PID"
echo "== capacity: the same against the bare Spring WebSocket handler"
BARE_PORT=$(free_port)
start_bare "$BARE_PORT" "$RUN/capacity-bare.log"
BENCH_JWT_SECRET= java -cp "$CP" dev.switchboard.bench.capacity.CapacityRun "ws://127.0.0.1:$BARE_PORT/ws" \
    "$BARE_PID" "$RUN/capacity-bare.json" "$CAPACITY_LEVELS" 2 2>&1 | tee "$RUN/capacity-bare.log"
stop "$BARE_PID"
PIDS=()
fi


if want biglog; then
biglog
fi

if want registryat; then
echo "== registry-at from checkpoints every $CHECKPOINT_EVERY positions, at $REGISTRY_AT_SIZES events (fresh databases)"
java -Xmx6g -cp "$CP" dev.switchboard.bench.biglog.RegistryAtBench "$RUN/registryat.json" "$REGISTRY_AT_SIZES" \
    "$CHECKPOINT_EVERY" > "$RUN/registryat.log" 2>&1 || { tail -40 "$RUN/registryat.log"; exit 1; }
grep '^registry-at' "$RUN/registryat.log"
fi

if want archive; then
echo "== archive: a generated log of $ARCHIVE_EVENTS events, archived at now (fresh database)"
java -Xmx3g -cp "$CP" dev.switchboard.bench.archive.ArchiveBench "$RUN/archive.json" "$ARCHIVE_EVENTS" \
    > "$RUN/archive.log" 2>&1 || { tail -40 "$RUN/archive.log"; exit 1; }
grep '^archive' "$RUN/archive.log"
echo "== archived timeline: one closed connection's timeline at $ARCHIVED_TIMELINE_SIZES events, in the table then archived"
java -Xmx3g -cp "$CP" dev.switchboard.bench.archive.ArchivedTimelineBench "$RUN/archived-timeline.json" \
    "$ARCHIVED_TIMELINE_SIZES" > "$RUN/archived-timeline.log" 2>&1 || { tail -40 "$RUN/archived-timeline.log"; exit 1; }
grep '^archived-timeline' "$RUN/archived-timeline.log"
fi

if want soak; then
echo "== soak: $SOAK_SECONDS s of $SOAK_PUSHES_PER_SECOND pushes/s and $SOAK_CHURNS_PER_SECOND connections/s churned," \
    "retention $SOAK_RETENTION, on database $SOAK_DB"
ulimit -n "$(( $(ulimit -Hn) < 20000 ? $(ulimit -Hn) : 20000 ))"
psql_admin "CREATE DATABASE $SOAK_DB"
PORT=$(free_port)
start_node "$PORT" "$SOAK_DB" "$RUN/soak-node.log" SWITCHBOARD_RETENTION_FEED="$SOAK_RETENTION" \
    SWITCHBOARD_RETENTION_CONNECTIONS="$SOAK_RETENTION" SWITCHBOARD_RETENTION_INTERVAL="$SOAK_RETENTION_INTERVAL" \
    SWITCHBOARD_ARCHIVE_DIR="$PWD/$RUN/soak-archive"
SOAK_RETENTION=$SOAK_RETENTION java -cp "$CP" dev.switchboard.bench.soak.SoakRun "ws://127.0.0.1:$PORT/ws" \
    "http://127.0.0.1:$PORT" "jdbc:postgresql://$PG_HOST:$PG_PORT/$SOAK_DB?user=$PG_USER" "$RUN/soak-archive" \
    "$RUN/soak.json" "$SOAK_SECONDS" "$SOAK_SAMPLE_SECONDS" "$SOAK_USERS" "$SOAK_PUSHES_PER_SECOND" \
    "$SOAK_CHURNS_PER_SECOND" > "$RUN/soak.log" 2>&1 || { tail -40 "$RUN/soak.log"; exit 1; }
tail -3 "$RUN/soak.log"
stop "$NODE_PID"
PIDS=()
fi

if want push; then
echo "== push: $PUSH_SECONDS s, 32 senders over 200 READY sockets, against the node on database $PUSH_DB"
psql_admin "CREATE DATABASE $PUSH_DB"
PORT=$(free_port)
NODE_JFR="$RUN/push-node.jfr" start_node "$PORT" "$PUSH_DB" "$RUN/push-node.log"
BENCH_SERVER_PIDS=$NODE_PID java -cp "$CP" dev.switchboard.bench.push.PushRun node "ws://127.0.0.1:$PORT/ws" \
    "http://127.0.0.1:$PORT" \
    "$RUN/push-node.json" "$PUSH_WARM_UP" "$PUSH_SECONDS"
echo "== batch publish (POST /api/events) next to COPY of as many rows"
BENCH_SERVER_PIDS=$NODE_PID java -cp "$CP" dev.switchboard.bench.push.BatchRun "http://127.0.0.1:$PORT" \
    "jdbc:postgresql://$PG_HOST:$PG_PORT/$PUSH_DB?user=$PG_USER" "$RUN/batch.json" "$BATCH_SECONDS" "$BATCH_MAX_EVENTS"
stop "$NODE_PID"
echo "== push floor: a bare MVC endpoint behind the same kind of token check, nothing kept"
PORT=$(free_port)
start_bare "$PORT" "$RUN/push-bare.log" BarePushApplication
BENCH_SERVER_PIDS=$BARE_PID java -cp "$CP" dev.switchboard.bench.push.PushRun bare "ws://127.0.0.1:$PORT/ws" \
    "http://127.0.0.1:$PORT" \
    "$RUN/push-bare.json" "$PUSH_WARM_UP" "$PUSH_SECONDS"
stop "$BARE_PID"
echo "== hand-written durable push: the same, each event inserted and committed first (Hikari pool of 24)"
PORT=$(free_port)
start_bare "$PORT" "$RUN/push-durable.log" BarePushApplication \
    --bench.push.jdbc-url="jdbc:postgresql://$PG_HOST:$PG_PORT/$PUSH_DB?user=$PG_USER"
BENCH_SERVER_PIDS=$BARE_PID java -cp "$CP" dev.switchboard.bench.push.PushRun durable "ws://127.0.0.1:$PORT/ws" \
    "http://127.0.0.1:$PORT" \
    "$RUN/push-durable.json" "$PUSH_WARM_UP" "$PUSH_SECONDS"
stop "$BARE_PID"
echo "== cold publish: first publishes of fresh users, nine users given $COLD_EVENTS events each, on database $COLD_DB"
psql_admin "CREATE DATABASE $COLD_DB"
PORT=$(free_port)
start_node "$PORT" "$COLD_DB" "$RUN/cold-node.log"
java -cp "$CP" dev.switchboard.bench.push.ColdRun fill "http://127.0.0.1:$PORT" "$RUN/cold-fill.json" "$COLD_USERS" \
    "$COLD_EVENTS"
stop "$NODE_PID"
echo "== cold publish: the node restarted, the filled user's next publishes"
start_node "$PORT" "$COLD_DB" "$RUN/cold-node-restarted.log"
java -cp "$CP" dev.switchboard.bench.push.ColdRun after "http://127.0.0.1:$PORT" "$RUN/cold-fill.json" \
    "$RUN/cold.json" "$COLD_USERS" "$COLD_NEXT"
stop "$NODE_PID"
PIDS=()
fi

if want delivery; then
# The issue's delivery targets hold at 1,000 events/s and at half the node's measured push peak: with the push step in
# the same run (it runs first), half of its accepted pushes/s joins the rates.
if [[ -f "$RUN/push-node.json" ]]; then
    HALF_PEAK=$(python3 -c 'import json, sys; print(round(json.load(open(sys.argv[1]))["acceptedPerSecond"] / 2))' \
        "$RUN/push-node.json")
    DELIVERY_RATES=$(tr , '\n' <<< "$DELIVERY_RATES,$HALF_PEAK" | sort -n | uniq | paste -sd,)
fi
echo "== delivery: push → frame at $DELIVERY_RATES events/s over $DELIVERY_SOCKETS sockets, on database $DELIVERY_DB"
psql_admin "CREATE DATABASE $DELIVERY_DB"
A_PORT=$(free_port)
NODE_JFR="$RUN/delivery-a.jfr" start_node "$A_PORT" "$DELIVERY_DB" "$RUN/delivery-a.log"
A_PID=$NODE_PID
BENCH_SERVER_PIDS=$A_PID java -cp "$CP" dev.switchboard.bench.delivery.DeliveryRun push "ws://127.0.0.1:$A_PORT/ws" \
    "http://127.0.0.1:$A_PORT" \
    "$RUN/delivery-same-node.json" "$DELIVERY_RATES" "$DELIVERY_SECONDS" "$DELIVERY_SOCKETS"
echo "== delivery across nodes: sockets on B, pushes to A (LISTEN/NOTIFY)"
B_PORT=$(free_port)
NODE_JFR="$RUN/delivery-b.jfr" start_node "$B_PORT" "$DELIVERY_DB" "$RUN/delivery-b.log"
BENCH_SERVER_PIDS=$A_PID,$NODE_PID java -cp "$CP" dev.switchboard.bench.delivery.DeliveryRun push \
    "ws://127.0.0.1:$B_PORT/ws" "http://127.0.0.1:$A_PORT" \
    "$RUN/delivery-cross-node.json" "$DELIVERY_RATES" "$DELIVERY_SECONDS" "$DELIVERY_SOCKETS"
stop "$NODE_PID"
stop "$A_PID"
echo "== delivery floor: the bare handler's echo"
BARE_PORT=$(free_port)
start_bare "$BARE_PORT" "$RUN/delivery-bare.log"
BENCH_JWT_SECRET= BENCH_SERVER_PIDS=$BARE_PID java -cp "$CP" dev.switchboard.bench.delivery.DeliveryRun echo \
    "ws://127.0.0.1:$BARE_PORT/ws" - \
    "$RUN/delivery-bare.json" "$DELIVERY_RATES" "$DELIVERY_SECONDS" "$DELIVERY_SOCKETS"
stop "$BARE_PID"
PIDS=()
fi

if want upgrades; then
echo "== upgrade flood: $FLOOD_SECONDS s of upgrade-and-drop from 127.0.0.1, $FLOOD_CLIENTS clients, on database $FLOOD_DB"
psql_admin "CREATE DATABASE $FLOOD_DB"
PORT=$(free_port)
for limit in limited unlimited; do
    burst=$UPGRADE_BURST
    [[ $limit == unlimited ]] && burst=$NO_UPGRADE_LIMIT
    start_node "$PORT" "$FLOOD_DB" "$RUN/upgrades-$limit-node.log" SWITCHBOARD_LIMITS_UPGRADE_BURST="$burst" \
        SWITCHBOARD_LIMITS_UPGRADES_PER_SECOND="$UPGRADES_PER_SECOND"
    java -cp "$CP" dev.switchboard.bench.flood.UpgradeFlood "$PORT" \
        "jdbc:postgresql://$PG_HOST:$PG_PORT/$FLOOD_DB?user=$PG_USER" "$RUN/upgrades-$limit.json" "$FLOOD_SECONDS" \
        "$FLOOD_CLIENTS" "$UPGRADES_PER_SECOND" "$burst"
    stop "$NODE_PID"
done
PIDS=()
fi

echo "== report"
java -cp "$CP" dev.switchboard.bench.report.Report "$RUN" "bench/results/$STAMP"
echo "raw output and JFR recordings: $RUN"
