package dev.switchboard.gateway.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.feed.AgentEventPublished;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The cursor's promise: each event of the feed reaches the socket once, in order, whatever order deliveries come in.
 */
class FeedCursorTest {

    private final List<AgentEventPublished> log =
            LongStream.rangeClosed(1, 10).mapToObj(FeedCursorTest::event).toList();
    private final LongFunction<Iterable<AgentEventPublished>> after =
            seq -> log.stream().filter(e -> e.seq() > seq).toList();
    private final List<Long> sent = new ArrayList<>();
    private final FeedCursor cursor = new FeedCursor();

    @Test
    void sendsNothingBeforeTheFeedStarts() {
        cursor.admit(log.get(0), after, e -> sent.add(e.seq()));
        assertThat(sent).isEmpty();
        assertThat(cursor.position()).isEqualTo(-1);
    }

    @Test
    void skipsAnEventItAlreadySent() {
        cursor.startAfter(0);
        cursor.admit(log.get(0), after, e -> sent.add(e.seq()));
        cursor.admit(log.get(0), after, e -> sent.add(e.seq()));
        assertThat(sent).containsExactly(1L);
    }

    @Test
    void fillsAGapFromTheLogBeforeTheEventThatRevealedIt() {
        cursor.startAfter(2);
        cursor.admit(log.get(5), after, e -> sent.add(e.seq()));
        cursor.admit(log.get(3), after, e -> sent.add(e.seq()));
        assertThat(sent).containsExactly(3L, 4L, 5L, 6L);
        assertThat(cursor.position()).isEqualTo(6);
    }

    @Test
    void catchesUpOnlyToTheGivenSeq() {
        cursor.startAfter(4);
        cursor.catchUp(7, after, e -> sent.add(e.seq()));
        assertThat(sent).containsExactly(5L, 6L, 7L);
    }

    @Test
    void readsNoLogWhenItIsAlreadyAtTheSeq() {
        cursor.startAfter(7);
        cursor.catchUp(
                7,
                seq -> {
                    throw new AssertionError("read the log after " + seq + " although nothing is missing");
                },
                e -> sent.add(e.seq()));
        assertThat(sent).isEmpty();
        assertThat(cursor.position()).isEqualTo(7);
    }

    @Test
    void deliversEveryEventOnceInOrderWhateverTheArrivalOrder() {
        cursor.startAfter(0);
        for (long seq : new long[] {3, 1, 2, 2, 7, 5, 10, 9, 8, 10}) {
            cursor.admit(log.get((int) seq - 1), after, e -> sent.add(e.seq()));
        }
        assertThat(sent).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    }

    private static AgentEventPublished event(long seq) {
        return new AgentEventPublished("u", seq, "run", "agent_thinking", Map.of(), null, Instant.EPOCH);
    }
}
