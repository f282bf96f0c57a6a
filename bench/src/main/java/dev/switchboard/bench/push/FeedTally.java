package dev.switchboard.bench.push;

import dev.switchboard.bench.Latencies;
import dev.switchboard.bench.sockets.FrameFields;
import java.util.HashMap;
import java.util.Map;

/**
 * One user's feed as the driver saw it: the seqs the server's 202 answers gave out (with when each push was sent) and
 * the {@code event} frames the user's socket received (with when each arrived). A frame may arrive before its 202
 * answer, so the two are joined only at the end.
 */
final class FeedTally {

    private final Map<Long, Long> sentNanosBySeq = new HashMap<>();
    private final Map<Long, Long> arrivedNanosBySeq = new HashMap<>();
    private long head;
    private long highestArrived;
    private long duplicates;

    /** A 202 answer; only a measured push counts towards the latency, late and missing figures. */
    synchronized void accepted(long seq, long sentNanos, boolean measured) {
        head = Math.max(head, seq);
        if (measured) {
            sentNanosBySeq.put(seq, sentNanos);
        }
    }

    /** Every frame the socket receives after {@code ready}; only {@code event} frames count. */
    void frame(String frame) {
        long now = System.nanoTime();
        long seq = frame.contains("\"type\":\"event\"") ? FrameFields.number(frame, "\"seq\":") : FrameFields.ABSENT;
        if (seq != FrameFields.ABSENT) {
            arrived(seq, now);
        }
    }

    private synchronized void arrived(long seq, long nanos) {
        if (arrivedNanosBySeq.putIfAbsent(seq, nanos) != null) {
            duplicates++;
        }
        highestArrived = Math.max(highestArrived, seq);
    }

    /** True when the socket has received the highest seq the server gave out for this user. */
    synchronized boolean atHead() {
        return highestArrived >= head;
    }

    /** Adds this feed's measured pushes to the run's figures. */
    synchronized void addTo(Counts counts, Latencies pushToFrame, long lateNanos) {
        counts.duplicates += duplicates;
        counts.atHead += highestArrived >= head ? 1 : 0;
        for (var sent : sentNanosBySeq.entrySet()) {
            counts.expected++;
            Long arrived = arrivedNanosBySeq.get(sent.getKey());
            if (arrived == null) {
                counts.missing++;
            } else {
                pushToFrame.record(arrived - sent.getValue());
                counts.late += arrived - sent.getValue() > lateNanos ? 1 : 0;
            }
        }
    }

    /** The run's totals over every feed. */
    static final class Counts {
        long expected;
        long missing;
        long late;
        long duplicates;
        int atHead;
    }
}
