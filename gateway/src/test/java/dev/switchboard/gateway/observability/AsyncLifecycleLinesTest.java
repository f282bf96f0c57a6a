package dev.switchboard.gateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A lifecycle line reaches the node's appenders whole, in order, written by a thread other than the caller's. A node
 * of an earlier test, still in Spring's context cache, may have left its appender on the shared logger: it is set
 * aside for the test, else this instance would find it, add none of its own, and have nothing to flush (in a CI run
 * the recorder then held 298 of the 1,000 lines when the test looked).
 */
class AsyncLifecycleLinesTest {

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Recording recording = new Recording();
    private final Logger lifecycleLogger = context.getLogger(AsyncLifecycleLines.LOGGER);
    private final AsyncLifecycleLines lines = new AsyncLifecycleLines();
    private Appender<ILoggingEvent> cachedNodes;

    @BeforeEach
    void recordWhatTheRootWrites() {
        cachedNodes = lifecycleLogger.getAppender(AsyncLifecycleLines.APPENDER);
        if (cachedNodes != null) {
            lifecycleLogger.detachAppender(cachedNodes);
        }
        recording.setContext(context);
        recording.start();
        root.addAppender(recording);
    }

    @AfterEach
    void detach() {
        lines.destroy();
        root.detachAppender(recording);
        if (cachedNodes != null) {
            lifecycleLogger.addAppender(cachedNodes);
            lifecycleLogger.setAdditive(false);
        }
    }

    @Test
    void linesAreWrittenOffTheCallersThreadAndNoneIsLost() {
        lines.afterPropertiesSet();
        org.slf4j.Logger lifecycle = LoggerFactory.getLogger(AsyncLifecycleLines.LOGGER);
        for (int i = 0; i < 1_000; i++) {
            lifecycle.info("connection pre_{} ConnectionOpened", i);
        }
        lines.destroy(); // flushes the queue

        List<Recorded> written = recording.lines.stream()
                .filter(line -> line.message.endsWith("ConnectionOpened"))
                .toList();
        assertThat(written).hasSize(1_000);
        assertThat(written.get(0).message).isEqualTo("connection pre_0 ConnectionOpened");
        assertThat(written.get(999).message).isEqualTo("connection pre_999 ConnectionOpened");
        assertThat(written)
                .extracting(line -> line.writer)
                .doesNotContain(Thread.currentThread().getName());
    }

    private record Recorded(String message, String writer) {}

    private static final class Recording extends AppenderBase<ILoggingEvent> {
        final List<Recorded> lines = new CopyOnWriteArrayList<>();

        @Override
        protected void append(ILoggingEvent event) {
            lines.add(new Recorded(
                    event.getFormattedMessage(), Thread.currentThread().getName()));
        }
    }
}
