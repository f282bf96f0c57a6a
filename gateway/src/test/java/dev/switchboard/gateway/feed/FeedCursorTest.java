package dev.switchboard.gateway.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.feed.AgentEventPublished;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The cursor's promise: each event of the feed reaches the socket once, in order, whatever order deliveries come in;
 * what comes after a gap waits until the gap is read from the log.
 */
class FeedCursorTest {

    private final List<AgentEventPublished> log =
            LongStream.rangeClosed(1, 10).mapToObj(FeedCursorTest::event).toList();
    private final List<Long> sent = new ArrayList<>();
    private final FeedCursor cursor = new FeedCursor();

    @Test
    void sendsNothingBeforeTheFeedStarts() {
        assertThat(offer(1)).isFalse();
        assertThat(cursor.learn(5)).isZero();
        assertThat(sent).isEmpty();
        assertThat(cursor.position()).isEqualTo(-1);
        assertThat(cursor.behind()).isFalse();
    }

    @Test
    void skipsAnEventItAlreadySent() {
        cursor.startAfter(0, 0);
        offer(1);
        offer(1);
        assertThat(sent).containsExactly(1L);
        assertThat(cursor.behind()).isFalse();
    }

    @Test
    void holdsBackAnEventAfterAGapAndSaysWhatIsLacking() {
        cursor.startAfter(2, 2);
        assertThat(offer(6)).isFalse();
        assertThat(sent).isEmpty();
        assertThat(cursor.behind()).isTrue();
        assertThat(cursor.lacking()).isEqualTo(4);
        assertThat(cursor.position()).isEqualTo(2);
    }

    @Test
    void countsOnlyTheEventsThatALaterOneRevealed() {
        cursor.startAfter(2, 4);
        assertThat(cursor.learn(7)).as("5 and 6: 3 and 4 were known").isEqualTo(2);
        assertThat(cursor.learn(6)).isZero();
        assertThat(cursor.lacking()).isEqualTo(5);
    }

    @Test
    void aResumeStartsBehindByWhatTheClientMissed() {
        cursor.startAfter(4, 7);
        readBacklog();
        assertThat(sent).containsExactly(5L, 6L, 7L);
        assertThat(cursor.behind()).isFalse();
    }

    /** A socket that lacks nothing is not behind, and the backlog reads the log only for a socket that is. */
    @Test
    void aFreshSocketStartsAtTheHeadAndLacksNothing() {
        cursor.startAfter(7, 7);
        assertThat(cursor.behind()).isFalse();
        assertThat(cursor.lacking()).isZero();
    }

    @Test
    void isNotBehindWhenAnAnnouncementNamesWhatItSent() {
        cursor.startAfter(7, 7);
        cursor.learn(7);
        assertThat(cursor.behind()).isFalse();
        assertThat(cursor.lacking()).isZero();
    }

    @Test
    void forgetsAPromiseTheLogDoesNotKeep() {
        cursor.startAfter(3, 3);
        cursor.learn(9);
        cursor.forgetBeyondPosition();
        assertThat(cursor.behind()).isFalse();
        offer(4);
        assertThat(sent).containsExactly(4L);
    }

    @Test
    void deliversEveryEventOnceInOrderWhateverTheArrivalOrder() {
        cursor.startAfter(0, 0);
        for (long seq : new long[] {3, 1, 2, 2, 7, 5, 10, 9, 8, 10}) {
            offer(seq);
            if (seq % 2 == 0) { // the backlog's turn comes now and then, not after every event
                readBacklog();
            }
        }
        readBacklog();
        assertThat(sent).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    }

    private boolean offer(long seq) {
        return cursor.offer(log.get((int) seq - 1), e -> sent.add(e.seq()));
    }

    /** What the backlog does: offer the log's events after the cursor while it is behind. */
    private void readBacklog() {
        while (cursor.behind()) {
            assertThat(offer(cursor.position() + 1)).isTrue();
        }
    }

    private static AgentEventPublished event(long seq) {
        return new AgentEventPublished("u", seq, "run", "agent_thinking", Map.of(), null, Instant.EPOCH);
    }
}
