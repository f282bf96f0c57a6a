package dev.switchboard.command.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** An entry the cache was given inside a Spring transaction lives only if that transaction commits. */
class EvictUnlessCommittedTest {

    private final AggregateCache cache = new AggregateCache(100);
    private final Transactions transactions = new Transactions();
    private final TransactionTemplate template = new TransactionTemplate(transactions);

    @Test
    void whatACommittedTransactionPutStays() {
        template.executeWithoutResult(status -> cache.put("pre_1", "READY"));

        assertThat((String) cache.get("pre_1")).isEqualTo("READY");
    }

    @Test
    void whatARolledBackTransactionPutIsForgotten() {
        cache.put("pre_1", "OPENED");
        template.executeWithoutResult(status -> {
            cache.put("pre_1", "READY");
            cache.put("conn_1", "claim");
            status.setRollbackOnly();
        });

        assertThat(cache.containsKey("pre_1")).as("a miss reads the log again").isFalse();
        assertThat(cache.containsKey("conn_1")).isFalse();
    }

    @Test
    void aCommitThatFailsCountsAsNotCommitted() {
        transactions.failCommits = true;

        assertThatThrownBy(() -> template.executeWithoutResult(status -> cache.put("pre_1", "READY")))
                .isInstanceOf(TransactionSystemException.class);
        assertThat(cache.containsKey("pre_1")).isFalse();
    }

    @Test
    void aTransactionStartedInsideAnotherKeepsItsOwnKeys() {
        var inner = new TransactionTemplate(transactions);
        inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

        template.executeWithoutResult(outer -> {
            cache.put("outer", 1);
            inner.executeWithoutResult(status -> cache.put("inner", 2));
            outer.setRollbackOnly();
        });

        assertThat(cache.containsKey("outer")).isFalse();
        assertThat(cache.containsKey("inner")).as("committed on its own").isTrue();
    }

    @Test
    void outsideATransactionAnEntryStays() {
        cache.put("pre_1", "READY");

        assertThat(cache.containsKey("pre_1")).isTrue();
    }

    /** Spring's transaction machinery (synchronizations, suspension, statuses) around nothing. */
    private static final class Transactions extends AbstractPlatformTransactionManager {

        boolean failCommits;

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected boolean isExistingTransaction(Object transaction) {
            return TransactionSynchronizationManager.isActualTransactionActive();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {}

        @Override
        protected Object doSuspend(Object transaction) {
            return transaction;
        }

        @Override
        protected void doResume(Object transaction, Object suspendedResources) {}

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
            if (failCommits) {
                throw new TransactionSystemException("the commit failed");
            }
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {}
    }
}
