package dev.switchboard.command.connection;

import dev.switchboard.command.commit.GroupCommitQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * Group commit ({@link GroupCommitQueue}) of the groups decided without the aggregate ({@link DecidedSteps}): the
 * writer's thread takes the groups queued when it is free, up to a bound on their events, and appends them in one
 * transaction, so the handshakes and closes of
 * different sockets share a commit. An idle writer adds no wait; a busy one commits many groups at once.
 *
 * <p>Each caller still gets its own answer. When a shared transaction is refused for a conflict (an id that already
 * has a history, a final id another connection holds, a stream another node appended to), the writer cannot tell
 * whose group it was, so it appends each group of the batch again in a transaction of its own: one caller's conflict
 * never fails another's group, and the caller whose group the store refuses sends it through the aggregate, which
 * records the refusal. Any other failure (the database) fails every group of the batch at once rather than trying
 * each against a database that does not answer.
 */
final class DecidedWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DecidedWriter.class);

    /** A group's events and its caller's answer, completed after the commit that holds them. */
    private record Pending(List<DomainEventMessage<?>> events, CompletableFuture<Void> answer) {}

    private final GroupTransaction transactions;
    private final GroupCommitQueue<Pending> queue;

    DecidedWriter(GroupTransaction transactions, int maxBatchEvents) {
        this.transactions = transactions;
        this.queue = new GroupCommitQueue<>(
                "decided-writer",
                "writer of connection events",
                pending -> pending.events().size(),
                maxBatchEvents,
                this::write);
    }

    /**
     * Appends the group's events and waits until they are committed.
     *
     * @throws RuntimeException the store refused them or the commit failed: nothing of the group was kept
     */
    void append(List<DomainEventMessage<?>> events) {
        var pending = new Pending(events, new CompletableFuture<>());
        queue.add(pending);
        try {
            pending.answer().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** How many groups wait for the writer now. */
    int queued() {
        return queue.queued();
    }

    /** Stops taking groups and writes what is queued, waiting for that a bounded time. */
    @Override
    public void close() throws InterruptedException {
        queue.close();
    }

    private void write(GroupCommitQueue.Batch<Pending> next) {
        List<Pending> batch = next.entries();
        try {
            writeAll(batch);
        } catch (Throwable failure) {
            RuntimeException answer = failure instanceof RuntimeException runtime
                    ? runtime
                    : new EventStoreException("The connection events could not be stored.", failure);
            batch.forEach(pending -> pending.answer().completeExceptionally(answer));
        }
    }

    private void writeAll(List<Pending> batch) {
        if (batch.size() == 1) {
            appendAlone(batch.get(0));
            return;
        }
        var events = new ArrayList<DomainEventMessage<?>>();
        batch.forEach(pending -> events.addAll(pending.events()));
        try {
            transactions.append(events);
        } catch (RuntimeException e) {
            if (!isConflict(e)) {
                throw e;
            }
            log.info(
                    "a batch of {} connection groups met a conflict ({}); appending each alone",
                    batch.size(),
                    e.getClass().getSimpleName());
            batch.forEach(this::appendAlone);
            return;
        }
        batch.forEach(pending -> pending.answer().complete(null));
    }

    private void appendAlone(Pending pending) {
        try {
            transactions.append(pending.events());
            pending.answer().complete(null);
        } catch (RuntimeException e) {
            pending.answer().completeExceptionally(e);
        }
    }

    /** A refusal of the batch's own rows: an id or final id with a history, or a row the registry refuses. */
    private static boolean isConflict(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException
                    || cause instanceof AggregateStreamCreationException
                    || cause instanceof DataIntegrityViolationException) {
                return true;
            }
        }
        return false;
    }
}
