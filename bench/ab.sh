#!/usr/bin/env bash
# A/B of one lever: the same bench client against node A and node B, alternated, in one run, so both meet the same
# machine. Each variant gets a fresh database, dropped after. Traffic goes to 127.0.0.1 only.
#   bench/ab.sh delivery <jar A> <jar B> [rounds] [rates]   cross-node delivery: 1,000 sockets on a second node,
#                                                            pushes to the first (DeliveryRun), rates default 100,1000
#   bench/ab.sh batch <jar A> <jar B> [rounds]              POST /api/events, 1,000 events a request, next to COPY
#   bench/ab.sh push <jar A> <jar B> [rounds]               single pushes, closed loop: 32 senders, 200 READY sockets
#                                                            (PushRun, 15 s warm-up and until the JIT settles, 10 s
#                                                            measured)
#   bench/ab.sh handshake <jar A> <jar B> [rounds]          upgrade -> ready, 16 clients (HandshakeLoad, 10 s a phase)
# AB_URL_SUFFIX_A / AB_URL_SUFFIX_B are appended to each variant's JDBC URL (e.g. '?reWriteBatchedInserts=false'), so
# one jar can be compared with itself under another driver setting; AB_JVM_OPTS_A / AB_JVM_OPTS_B go to each variant's
# java command (e.g. '-XX:MaxGCPauseMillis=10'), so one jar can be compared with itself under other JVM options.
# AB_BATCH_EVENTS bounds a batch run's measured part in events (default 60000; it stops at 15 s in any case).
# Results: bench/target/ab/<stamp>/; round 0 is a warm-up run of jar A, not to be counted (AB_WARM_UP_RUN=0: none).
# Besides each client's JSON, cpu.txt gets a line per run: the first node's CPU seconds (user + system, from
# /proc/<pid>/stat) while the client ran, the events of the run's kind the log holds after it (feed events for push
# and batch, ConnectionMarkedReady for handshake), and the node's CPU microseconds per such event. On a shared machine
# the rates swing with the neighbours' load; the CPU an event costs the node swings much less. For handshake, a second
# "steady" line counts only the time after the client's warm-up (HandshakeLoad's: at least 60 s, then until the node's
# JIT compilers settle), so the JIT's compiling in the warm-up, a fixed cost, is not spread over a count of handshakes
# that the machine's load decides; it also gives the figure without the JIT compiler threads.
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
cpu_seconds() { # pid: user + system time so far
    awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"
}
jit_seconds() { # pid: user + system time so far of the JIT compiler threads now alive
    for task in /proc/"$1"/task/*; do
        grep -q CompilerThre "$task/comm" 2>/dev/null && sed 's/.*) //' "$task/stat"
    done | awk -v hz="$(getconf CLK_TCK)" '{ s += $12 + $13 } END { printf "%.2f", s / hz }'
}
logged_events() { # database, payload type suffix
    psql -h 127.0.0.1 -U postgres -d "$1" -Atc "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%$2'"
}
start_node() { # jar port database suffix log [jvm options]
    env SWITCHBOARD_LIMITS_UPGRADE_BURST=1000000000 SERVER_PORT="$2" SERVER_ADDRESS=127.0.0.1 \
        SWITCHBOARD_JWT_SECRET="$BENCH_JWT_SECRET" SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$3$4" \
        SPRING_DATASOURCE_USERNAME=postgres java ${6:-} -jar "$1" > "$5" 2>&1 &
    PIDS+=($!)
    for _ in $(seq 1 120); do
        curl -fs "http://127.0.0.1:$2/actuator/health/readiness" 2>/dev/null | grep -q UP && return 0
        sleep 1
    done
    echo "node on port $2 did not become ready; see $5" >&2
    return 1
}
# Round 0 runs jar A once and counts for nothing: the first run of an A/B met a slower box (685 and 750 handshakes/s
# where the same jar made 894 and 1,058 in its second run, BENCHMARKS.md ninth pass), a penalty ABBA cannot cancel
# since it falls on one slot only. AB_WARM_UP_RUN=0 skips it.
for round in $(seq "$([ "${AB_WARM_UP_RUN:-1}" = 0 ] && echo 1 || echo 0)" "$ROUNDS"); do
    # ABBA: the variant that runs second in a round met a slower box in push A/Bs (0.73 to 0.98 of the first, whichever
    # jar it was), so the order turns every round and each variant runs first as often as second
    order="A B"; [ $((round % 2)) = 0 ] && order="B A"; [ "$round" = 0 ] && order="A"
    for variant in $order; do
        jar=$([ "$variant" = A ] && echo "$JAR_A" || echo "$JAR_B")
        suffix=$([ "$variant" = A ] && echo "${AB_URL_SUFFIX_A:-}" || echo "${AB_URL_SUFFIX_B:-}")
        jvm_opts=$([ "$variant" = A ] && echo "${AB_JVM_OPTS_A:-}" || echo "${AB_JVM_OPTS_B:-}")
        db="switchboard_ab_${variant,,}_$(date +%s)_$$"
        DBS+=("$db")
        psql_admin "CREATE DATABASE $db"
        a_port=$(free_port)
        start_node "$jar" "$a_port" "$db" "$suffix" "$OUT/node-a-$variant-$round.log" "$jvm_opts" || exit 1
        node_pid=${PIDS[0]}
        cpu_before=$(cpu_seconds "$node_pid")
        if [ "$MODE" = delivery ]; then
            b_port=$(free_port)
            start_node "$jar" "$b_port" "$db" "$suffix" "$OUT/node-b-$variant-$round.log" "$jvm_opts" || exit 1
            BENCH_SERVER_PIDS="$node_pid,${PIDS[1]}" java -cp "$CP" dev.switchboard.bench.delivery.DeliveryRun push "ws://127.0.0.1:$b_port/ws" \
                "http://127.0.0.1:$a_port" "$OUT/$MODE-$variant-$round.json" "$RATES" 10 1000 > "$OUT/run-$variant-$round.log" 2>&1
        elif [ "$MODE" = push ]; then
            BENCH_SERVER_PIDS=$node_pid java -cp "$CP" dev.switchboard.bench.push.PushRun node "ws://127.0.0.1:$a_port/ws" \
                "http://127.0.0.1:$a_port" "$OUT/$MODE-$variant-$round.json" 15 10 > "$OUT/run-$variant-$round.log" 2>&1
        elif [ "$MODE" = handshake ]; then
            BENCH_SERVER_PIDS=$node_pid java -cp "$CP" dev.switchboard.bench.handshake.HandshakeLoad \
                "ws://127.0.0.1:$a_port/ws" "$OUT/$MODE-$variant-$round.json" 16 10 > "$OUT/run-$variant-$round.log" 2>&1 &
            client=$!
            # the client's warm-up, and the JIT's compiling in it, is a fixed cost that the whole run's figure spreads
            # over however many handshakes the machine allowed: the steady line counts only what follows it, which
            # is when the node's compilers have settled (HandshakeLoad says so in its log)
            until grep -q '^warm-up done' "$OUT/run-$variant-$round.log" 2>/dev/null || ! kill -0 "$client" 2>/dev/null; do
                sleep 1
            done
            steady_cpu=$(cpu_seconds "$node_pid") steady_jit=$(jit_seconds "$node_pid")
            steady_events=$(logged_events "$db" .ConnectionMarkedReady)
            wait "$client"
        else
            BENCH_SERVER_PIDS=$node_pid java -cp "$CP" dev.switchboard.bench.push.BatchRun "http://127.0.0.1:$a_port" \
                "jdbc:postgresql://127.0.0.1:5432/$db?user=postgres" "$OUT/$MODE-$variant-$round.json" 15 "${AB_BATCH_EVENTS:-60000}" \
                > "$OUT/run-$variant-$round.log" 2>&1
        fi
        if [ "$MODE" = handshake ]; then
            steady_used=$(echo "$(cpu_seconds "$node_pid") - $steady_cpu" | bc)
            steady_jit=$(echo "$(jit_seconds "$node_pid") - $steady_jit" | bc)
            steady_events=$(( $(logged_events "$db" .ConnectionMarkedReady) - steady_events ))
            echo "$variant round $round steady (after the warm-up): node CPU ${steady_used} s (JIT compilers ${steady_jit} s), $steady_events events, $([ "$steady_events" -gt 0 ] && echo "scale=1; $steady_used * 1000000 / $steady_events" | bc) us CPU per event, $([ "$steady_events" -gt 0 ] && echo "scale=1; ($steady_used - $steady_jit) * 1000000 / $steady_events" | bc) without the JIT's" \
                | tee -a "$OUT/cpu.txt"
        fi
        cpu_used=$(echo "$(cpu_seconds "$node_pid") - $cpu_before" | bc)
        events=$(logged_events "$db" "$([ "$MODE" = handshake ] && echo .ConnectionMarkedReady || echo .AgentEventPublished)")
        echo "$variant round $round: node CPU ${cpu_used} s, $events events, $([ "$events" -gt 0 ] && echo "scale=1; $cpu_used * 1000000 / $events" | bc) us CPU per event" \
            | tee -a "$OUT/cpu.txt"
        for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
        PIDS=()
        echo "$variant round $round: $OUT/$MODE-$variant-$round.json (load average $(cut -d' ' -f1 /proc/loadavg))"
    done
done
