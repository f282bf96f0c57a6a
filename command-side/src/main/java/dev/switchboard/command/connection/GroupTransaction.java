package dev.switchboard.command.connection;

import dev.switchboard.api.connection.ConnectionCommand;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a group of commands in one Spring transaction, committed once. Each command's unit of work joins it (Axon's
 * SpringTransactionManager asks for PROPAGATION_REQUIRED and commits only a transaction it started), and so do the
 * event store's inserts and the registry's subscribing projection, which use the transaction's connection. A unit of
 * work that "commits" here has only added its rows to the transaction.
 */
final class GroupTransaction {

    /** How far a group got: {@code accepted} commands, then the refusal that stopped it, if any; all committed. */
    record Outcome(int accepted, ConnectionRejectedException refusal) {}

    private final TransactionTemplate transactions;
    private final StoreDecisions store;
    private final EventStore eventStore;

    GroupTransaction(PlatformTransactionManager transactionManager, StoreDecisions store, EventStore eventStore) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.store = store;
        this.eventStore = eventStore;
    }

    /**
     * Appends events decided without the aggregate ({@link DecidedSteps}), of one group or of several
     * ({@link DecidedWriter}), and commits. They go through the event store as the aggregate's would: one append, and
     * the registry's subscribing processor in the same transaction. Nothing is put in the aggregate cache; a
     * connection's next command loads its stream.
     *
     * @throws RuntimeException the store refused the append (an id or final id with a history) or the commit failed:
     *     nothing of it was kept
     */
    void append(List<DomainEventMessage<?>> events) {
        transactions.executeWithoutResult(status -> eventStore.publish(events));
    }

    /**
     * Sends the commands in order and commits. A refusal ends the group and is committed with the steps before it,
     * as a lone refusal is: its event is part of the history.
     *
     * @throws RuntimeException anything else, the store's unique key included: the whole group was rolled back, and
     *     the aggregate cache forgot it (see {@code AggregateCache})
     */
    Outcome run(List<? extends ConnectionCommand> commands) {
        return transactions.execute(status -> {
            for (int i = 0; i < commands.size(); i++) {
                try {
                    store.sendToAggregate(commands.get(i));
                } catch (ConnectionRejectedException refusal) {
                    return new Outcome(i, refusal);
                }
            }
            return new Outcome(commands.size(), null);
        });
    }
}
