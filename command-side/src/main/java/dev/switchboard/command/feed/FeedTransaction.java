package dev.switchboard.command.feed;

import dev.switchboard.api.feed.AgentEventPublished;
import io.github.resilience4j.core.IntervalFunction;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Writes one batch of requests in one transaction and one commit. Each user's events take the seqs after the user's
 * last one (cached, or read once by the stream's index) and go in with one JDBC batch for all users. When another
 * node appended to one of the users first, the event table's unique key refuses the batch; it is then written again,
 * each user behind a savepoint, and only a user that is refused again reads its head and keys anew and is retried,
 * while its neighbours keep their seqs.
 */
final class FeedTransaction {

    /** Two nodes hammering one user needed up to 6 attempts with the aggregate; a user group gets this many. */
    static final int MAX_ATTEMPTS = 20;

    /**
     * The pause before a user's next attempt: random, so that two writers that just collided do not collide again at
     * once (without it, the other node's writer, one batch ahead, won twenty times in a row under load), and growing.
     */
    private static final IntervalFunction BACKOFF =
            IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(2), 2.0, 0.5, Duration.ofMillis(100));

    private final DataSource dataSource;
    private final FeedRows rows;
    private final FeedHeads heads;
    private final Clock clock;
    private final Supplier<String> eventIds;

    FeedTransaction(DataSource dataSource, FeedRows rows, FeedHeads heads, Clock clock, Supplier<String> eventIds) {
        this.dataSource = dataSource;
        this.rows = rows;
        this.heads = heads;
        this.clock = clock;
        this.eventIds = eventIds;
    }

    /**
     * Writes the batch and commits. A request that reuses an idempotency key for another body is failed and left out;
     * the others are answered by the caller, once this returns.
     *
     * @return the events appended, in log order
     * @throws SQLException when the transaction failed: nothing of the batch can be relied on to be stored
     */
    List<AgentEventPublished> write(List<FeedRequest> batch) throws SQLException {
        while (true) {
            List<AgentEventPublished> appended = attempt(batch);
            if (appended != null) {
                return appended;
            }
        }
    }

    /** @return null when a request was failed after the batch was planned: it is rolled back, to be planned again */
    private List<AgentEventPublished> attempt(List<FeedRequest> batch) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            FeedPlan plan = null;
            try {
                connection.setAutoCommit(false);
                plan = plan(connection, batch);
                try {
                    rows.insertEvents(connection, plan.appended());
                    rows.insertKeys(connection, plan.keyed());
                } catch (SQLException refused) {
                    connection.rollback();
                    if (!retry(connection, plan, refused)) {
                        heads.forget(plan.users());
                        connection.rollback();
                        return null;
                    }
                }
                connection.commit();
                heads.advance(plan.lastSeqs());
                return plan.appendedEvents();
            } catch (SQLException | RuntimeException | Error failure) {
                if (plan != null) {
                    heads.forget(plan.users());
                }
                rollback(connection, failure);
                throw failure;
            } finally {
                restoreAutoCommit(connection);
            }
        }
    }

    private FeedPlan plan(Connection connection, List<FeedRequest> batch) throws SQLException {
        Map<String, Long> lastSeqs = new HashMap<>();
        while (true) {
            FeedPlan plan = new FeedPlan(batch, clock, eventIds);
            lastSeqs.putAll(heads.known(plan.users()));
            lastSeqs.putAll(rows.lastSeqs(
                    connection,
                    plan.users().stream().filter(u -> !lastSeqs.containsKey(u)).toList()));
            if (planned(plan, lastSeqs)) {
                return plan;
            }
        }
    }

    /** False when a request was failed for reusing a key, so the batch is planned again without it. */
    private static boolean planned(FeedPlan plan, Map<String, Long> lastSeqs) {
        for (String user : plan.users()) {
            if (!plan.plan(user, lastSeqs.get(user), Map.of())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes each user's events behind a savepoint, planning a user again with the head and keys the log holds now
     * when another writer got there first.
     *
     * @return false when planning again failed a request for reusing a key: the batch must be planned anew
     */
    private boolean retry(Connection connection, FeedPlan plan, SQLException refused) throws SQLException {
        if (!WriteConflicts.isConflict(refused)) {
            throw refused;
        }
        for (String user : plan.users()) {
            for (int attempt = 1; ; attempt++) {
                Savepoint savepoint = connection.setSavepoint();
                try {
                    rows.insertEvents(connection, plan.appended(user));
                    rows.insertKeys(connection, plan.keyed(user));
                    connection.releaseSavepoint(savepoint);
                    break;
                } catch (SQLException again) {
                    connection.rollback(savepoint);
                    if (!WriteConflicts.isConflict(again) || attempt == MAX_ATTEMPTS) {
                        throw again;
                    }
                    pause(attempt);
                    long lastSeq = rows.lastSeqs(connection, List.of(user)).get(user);
                    if (!plan.plan(user, lastSeq, rows.storedEvents(connection, user, plan.keys(user)))) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static void pause(int attempt) throws SQLException {
        try {
            Thread.sleep(BACKOFF.apply(attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while retrying a conflicting append", "57014", e);
        }
    }

    /** The pool hands the connection out again; a connection that died with the transaction is the pool's to drop. */
    private static void restoreAutoCommit(Connection connection) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            // the transaction's own outcome is what the callers learn
        }
    }

    private static void rollback(Connection connection, Throwable failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
