package dev.switchboard.gateway.node;

import java.util.concurrent.ThreadFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The threads the node starts besides the web server's and Axon's. They are daemons: each owner stops its own on
 * shutdown, and one that is missed (a test's context, an audit command) must not keep the JVM from exiting.
 */
public final class DaemonThreads {

    private DaemonThreads() {}

    /** Threads named {@code name-1}, {@code name-2}, … so that a thread dump says whose they are. */
    public static ThreadFactory named(String name) {
        CustomizableThreadFactory threads = new CustomizableThreadFactory(name + "-");
        threads.setDaemon(true);
        return threads;
    }
}
