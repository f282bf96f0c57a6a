package dev.switchboard.gateway.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.audit.log.EventLog;
import dev.switchboard.audit.rebuild.RebuildState;
import dev.switchboard.audit.rebuild.RegistryRebuild;
import java.time.Clock;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * How fast a rebuild replays an idle log with the production settings, and how long it locks the live table. In the
 * suite it runs small, as a smoke test of the measurement (it prints, never times, and asserts only that each rebuild
 * switched cleanly); for a figure worth reading, ask for a bigger log:
 * {@code ./mvnw -pl gateway test -Dtest=RegistryRebuildRateIT -Drebuild.benchmark.lifecycles=3000}.
 */
class RegistryRebuildRateIT extends RebuildIntegrationTest {

    private static final int SMOKE_LIFECYCLES = 50;

    private static final int RUNS = 3;

    @Autowired
    DataSource dataSource;

    @Test
    void reportsTheReplayRateAndTheLockTime() {
        seed(Integer.getInteger("rebuild.benchmark.lifecycles", SMOKE_LIFECYCLES));
        for (int run = 1; run <= RUNS; run++) {
            var rebuild = new RegistryRebuild(
                    dataSource, new EventLog(dataSource), Clock.systemUTC(), RegistryRebuild.Settings.defaults());
            long started = System.nanoTime();
            var finished = rebuild.run(rebuild.claim("benchmark").orElseThrow(), false);
            long millis = (System.nanoTime() - started) / 1_000_000;

            assertThat(finished.state()).as(finished.message()).isEqualTo(RebuildState.SWITCHED);
            System.out.printf(
                    "rebuild %d: %d events, %d registry rows in %d ms = %.0f events/s; live table locked " + "%d ms%n",
                    run,
                    finished.eventsDone(),
                    liveRows(),
                    millis,
                    finished.eventsDone() * 1e3 / millis,
                    finished.lockMillis());
        }
    }
}
