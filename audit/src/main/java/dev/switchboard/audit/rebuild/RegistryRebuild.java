package dev.switchboard.audit.rebuild;

import dev.switchboard.audit.log.EventLog;
import dev.switchboard.query.registry.JdbcRegistryStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds the connection registry from the log beside the live one while the node serves, and proves the live one
 * right or repairs it:
 *
 * <ol>
 *   <li>claim the rebuild in {@code projection_status}, one at a time across nodes;
 *   <li>empty {@value #REBUILD_TABLE} and replay the log into it from position 0 with the live projection's own
 *       logic, one transaction per batch, in rounds until the head is near;
 *   <li>compare both tables row by row at the replay's position P, without any lock: the cost that grows with the
 *       table is paid while commands go on; then catch up again;
 *   <li>in one transaction: lock the live table in EXCLUSIVE mode (registry writes, hence commands, wait; reads, hence
 *       routing, go on), apply the last events, compare again only the rows that may have changed since P (written by
 *       the replay since, live rows whose {@code last_position} is past P, rows that differed at P), and switch.
 * </ol>
 *
 * <p>So the lock lasts as long as the events committed during the rebuild's last steps take, whatever the table's
 * size: at 137,000 rows it was 3.4 s when the whole comparison ran under it. The status reports how many rows were
 * compared under the lock. A change to the live table behind the projection's back after the comparison ahead,
 * leaving {@code last_position} at or below P, is not seen; it would not have been seen a moment after the switch
 * either. When the comparison ahead finds more than {@link RegistryVerify#MAX_ROWS} differing rows, which rows differ
 * is not fully known and the switch compares the whole tables under the lock, as before.
 *
 * <p>The switch makes the live table equal to the replay by replacing only the rows that differ ({@link
 * RegistryRepair}) in the locked transaction, so readers see the old complete table until the commit and the new one
 * after, under the same name the reads and the live projection hard-code. When nothing differs, the usual case, the
 * live table already is the rebuilt registry and the switch writes nothing. Copying the whole replay over it ({@code
 * DELETE} then {@code INSERT ... SELECT}) is as atomic but holds the lock for as long as the table is big, and the
 * registry keeps every connection ever opened: 130 ms for 10,000 rows and 0.9 s for 100,000 on PostgreSQL on two
 * cores, every command waiting, every row and index entry rewritten for nothing. Renaming the tables would need an
 * ACCESS EXCLUSIVE lock, which stops routing reads too.
 *
 * <p>A difference is a projection bug or a live table changed behind the projection's back. By default the rebuild
 * then switches nothing and reports it (FAILED, with every difference): an operator should see it first. With
 * {@code repair} the log wins and the differing rows are replaced.
 *
 * <p>H2, the embedded default, cannot lock a table against writes only; there the same steps run without the lock, for
 * a single development node or a stopped one. A command racing the comparison then shows as a difference, so a run
 * without repair stays safe; a repair racing a command may undo its registry write.
 */
public final class RegistryRebuild {

    public static final String NAME = "registry";
    static final String LIVE_TABLE = JdbcRegistryStore.LIVE_TABLE;
    static final String REBUILD_TABLE = "connection_registry_rebuild";

    /**
     * @param batchSize log positions per transaction while catching up
     * @param finalGap positions left behind the head at which the catch-up stops and the lock is taken: what the
     *     commands wait for, besides the comparison
     * @param lockTimeout how long to wait for in-flight commands to release the live table before trying later
     * @param staleAfter how long a claim's owner may write nothing before another node may take over
     */
    public record Settings(int batchSize, int finalGap, Duration lockTimeout, Duration staleAfter) {

        public static Settings defaults() {
            return new Settings(50_000, 200, Duration.ofSeconds(2), Duration.ofMinutes(2));
        }
    }

    private final RebuildTools tools;
    private final AtomicReference<RebuildStatus> latest = new AtomicReference<>();

    public RegistryRebuild(DataSource dataSource, EventLog log, Clock clock, Settings settings) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        String database =
                jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName());
        this.tools = new RebuildTools(
                jdbc,
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                log,
                new RegistryVerify(dataSource),
                new RegistryRepair(jdbc),
                new ProjectionStatusTable(jdbc, NAME),
                clock,
                settings,
                "PostgreSQL".equals(database));
    }

    /** Claims the rebuild for a run on {@code node}; empty when one is running, here or on another node. */
    public Optional<RebuildStatus> claim(String node) {
        String owner = node + "/" + UUID.randomUUID();
        if (!tools.table()
                .claim(owner, tools.clock().instant(), tools.settings().staleAfter())) {
            return Optional.empty();
        }
        RebuildStatus claimed = tools.table().read();
        latest.set(claimed);
        return Optional.of(claimed);
    }

    /** Runs a claimed rebuild to its end in the caller's thread; failures end as FAILED, never as an exception. */
    public RebuildStatus run(RebuildStatus claimed, boolean repair) {
        return run(claimed, repair, failure -> {});
    }

    /**
     * Like {@link #run(RebuildStatus, boolean)}, handing the exception a FAILED run ended on to {@code failures}: for
     * a caller that tells failures apart, as the CLI's exit codes do (a damaged archive is not a projection bug).
     */
    public RebuildStatus run(RebuildStatus claimed, boolean repair, Consumer<RuntimeException> failures) {
        return new RebuildRun(tools, claimed, repair, latest::set, failures).run();
    }

    /** Where the rebuild stands: this node's own view of its run (with differences), else the shared table's. */
    public RebuildStatus status() {
        RebuildStatus shared = tools.table().read();
        RebuildStatus own = latest.get();
        return own != null && own.owner().equals(shared.owner()) ? own : shared;
    }

    /** The newest log position the live registry reflects (the {@code last_position} index serves it). */
    public long livePosition() {
        Long position = tools.jdbc().queryForObject("SELECT MAX(last_position) FROM " + LIVE_TABLE, Long.class);
        return position == null ? 0 : position;
    }

    public long head() {
        return tools.log().head();
    }

    /** Whether the live table is locked for the switch; false on H2, which runs the steps without it. */
    public boolean locksTheLiveTable() {
        return tools.lockable();
    }
}
