package dev.switchboard.gateway.availability;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.support.StaticApplicationContext;
import org.springframework.jdbc.datasource.AbstractDataSource;

/** How the database's reachability turns readiness DOWN and UP, and never UP again once the node is stopping. */
class DatabaseAvailabilityTest {

    private final SwitchableDatabase database = new SwitchableDatabase();
    private final List<ReadinessState> published = new CopyOnWriteArrayList<>();
    private final StaticApplicationContext context = new StaticApplicationContext();
    private final DatabaseAvailability availability;

    DatabaseAvailabilityTest() {
        context.addApplicationListener((ApplicationListener<AvailabilityChangeEvent<?>>) event -> {
            if (event.getState() instanceof ReadinessState state) {
                published.add(state);
            }
        });
        context.refresh();
        availability = new DatabaseAvailability(
                database, context, new AvailabilityProperties(Duration.ofSeconds(1), Duration.ofSeconds(1)));
    }

    @AfterEach
    void stop() {
        availability.destroy();
        context.close();
    }

    @Test
    void anUnreachableDatabaseTurnsReadinessDownAndItsReturnTurnsItUpAgain() {
        availability.probe();
        assertThat(published).as("no change, nothing to say").isEmpty();

        database.up = false;
        availability.probe();
        assertThat(availability.isAvailable()).isFalse();
        availability.probe();
        assertThat(published).containsExactly(ReadinessState.REFUSING_TRAFFIC);

        database.up = true;
        availability.probe();
        assertThat(availability.isAvailable()).isTrue();
        assertThat(published).containsExactly(ReadinessState.REFUSING_TRAFFIC, ReadinessState.ACCEPTING_TRAFFIC);
    }

    @Test
    void aRecoveryAfterTheNodeBeganToStopDoesNotTurnReadinessUp() {
        database.up = false;
        availability.probe();

        availability.contextClosing(new ContextClosedEvent(context));
        database.up = true;
        availability.probe();

        assertThat(published).containsExactly(ReadinessState.REFUSING_TRAFFIC);
    }

    @Test
    void aStoppingNodeDoesNotTurnReadinessDownEitherTheDrainHasDoneSo() {
        availability.contextClosing(new ContextClosedEvent(context));
        database.up = false;
        availability.probe();

        assertThat(published).isEmpty();
    }

    @Test
    void aJdbcFailureWithoutAMarkIsAnOutageOnlyWhenTheDatabaseDoesNotAnswer() {
        var closedUnderItsUser = new IllegalStateException(new SQLException("Connection is closed"));

        assertThat(availability.explains(closedUnderItsUser)).isFalse();
        database.up = false;
        assertThat(availability.explains(closedUnderItsUser)).isTrue();
        assertThat(availability.explains(new IllegalArgumentException("unknown event")))
                .isFalse();
        assertThat(published).containsExactly(ReadinessState.REFUSING_TRAFFIC);
    }

    /** An in-memory H2 database that can be made unreachable, as a stopped server is. */
    private static final class SwitchableDatabase extends AbstractDataSource {

        private final JdbcDataSource h2 = new JdbcDataSource();
        volatile boolean up = true;

        SwitchableDatabase() {
            h2.setURL("jdbc:h2:mem:availability");
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (!up) {
                throw new SQLTransientConnectionException("Connection is not available, request timed out", "08003");
            }
            return h2.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }
    }
}
