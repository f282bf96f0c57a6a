package dev.switchboard.gateway.rebuild;

import dev.switchboard.audit.rebuild.RebuildState;
import dev.switchboard.audit.rebuild.RebuildStatus;
import dev.switchboard.audit.rebuild.RegistryRebuild;
import dev.switchboard.gateway.node.DaemonThreads;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Registry rebuilds requested over HTTP: claimed in the caller's thread, so a second request learns at once that one
 * is running (on this node or another), then run on one background thread, so a request never waits for a replay.
 */
public class RegistryRebuilds implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RegistryRebuilds.class);

    private final RegistryRebuild rebuild;
    private final String node;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(DaemonThreads.named("registry-rebuild"));

    RegistryRebuilds(RegistryRebuild rebuild, String node) {
        this.rebuild = rebuild;
        this.node = node;
    }

    /** Starts a rebuild; empty when one is already running. {@code repair} lets it replace differing live rows. */
    public Optional<RebuildStatus> start(boolean repair) {
        return rebuild.claim(node).map(claimed -> {
            worker.execute(() -> report(rebuild.run(claimed, repair)));
            return claimed;
        });
    }

    public RebuildStatus status() {
        return rebuild.status();
    }

    /** The newest log position the live registry reflects. */
    public long livePosition() {
        return rebuild.livePosition();
    }

    public long head() {
        return rebuild.head();
    }

    @Override
    public void destroy() {
        // an interrupted run leaves its claim to go stale; its transactions roll back, the live table is untouched
        worker.shutdownNow();
    }

    private static void report(RebuildStatus finished) {
        if (finished.state() == RebuildState.SWITCHED) {
            log.info("registry rebuild finished: {}", finished.message());
        } else {
            log.warn("registry rebuild {}: {}", finished.state(), finished.message());
        }
    }
}
