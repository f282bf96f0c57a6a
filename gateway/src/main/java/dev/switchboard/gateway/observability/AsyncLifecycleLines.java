package dev.switchboard.gateway.observability;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Writes the {@code switchboard.lifecycle} lines (one per connection event, see {@link LifecycleLog}) on a thread of
 * their own, so that the thread that committed a handshake never waits on the console. The lines go to the same
 * appenders as every other line, with the format Spring Boot configured for them; none is dropped: a full queue makes
 * the writer wait rather than lose a line. On stop the queue is flushed, for up to {@value #FLUSH_MILLIS} ms:
 * logback's default second let a slow console (a CI runner's captured stdout) lose 700 of 1,000 queued lines.
 */
@Component
class AsyncLifecycleLines implements InitializingBean, DisposableBean {

    static final String LOGGER = "switchboard.lifecycle";
    static final String APPENDER = "LIFECYCLE_ASYNC";
    private static final int QUEUE_SIZE = 8192;
    /** Bounded, so that a console that no longer drains cannot hold the node's stop forever. */
    private static final int FLUSH_MILLIS = 30_000;

    private AsyncAppender async;
    private Logger lifecycle;

    @Override
    public void afterPropertiesSet() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another logging backend: it decides for itself
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        lifecycle = context.getLogger(LOGGER);
        if (lifecycle.getAppender(APPENDER) != null) {
            return; // a second node in the same JVM (tests) shares the logger
        }
        async = new AsyncAppender();
        async.setContext(context);
        async.setName(APPENDER);
        async.setQueueSize(QUEUE_SIZE);
        async.setDiscardingThreshold(0);
        async.setNeverBlock(false);
        async.setMaxFlushTime(FLUSH_MILLIS);
        // an AsyncAppender takes one appender: this one hands each line to whatever the root logger writes to
        var toRoot = new AppenderBase<ILoggingEvent>() {
            @Override
            protected void append(ILoggingEvent event) {
                root.callAppenders(event);
            }
        };
        toRoot.setContext(context);
        toRoot.start();
        async.addAppender(toRoot);
        async.start();
        lifecycle.addAppender(async);
        lifecycle.setAdditive(false);
    }

    @Override
    public void destroy() {
        if (async == null) {
            return;
        }
        lifecycle.setAdditive(true);
        lifecycle.detachAppender(async);
        async.stop();
    }
}
