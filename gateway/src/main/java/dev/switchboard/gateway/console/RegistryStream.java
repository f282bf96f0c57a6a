package dev.switchboard.gateway.console;

import dev.switchboard.gateway.node.DaemonThreads;
import dev.switchboard.gateway.observability.RegistryCounts;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The registry's counts by state and node as server-sent events, for the console's live view: one {@code counts}
 * event when a stream opens, then one whenever {@link RegistryCounts} reads different counts. Every write happens on
 * this class's one thread, never a request thread, so a browser that stops reading delays only the other consoles,
 * never the metrics or Tomcat; its stream ends at the stream timeout at the latest. It stops first on shutdown, so
 * open streams never hold up the web server's graceful stop.
 */
@Component
public class RegistryStream implements SmartLifecycle {

    static final String EVENT = "counts";

    private record Watcher(SseEmitter emitter, RegistryCounts.Watch watch) {}

    private final RegistryCounts counts;
    private final ConsoleProperties properties;
    private final Set<Watcher> watchers = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService sender =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("console-stream"));
    private volatile boolean running;

    RegistryStream(RegistryCounts counts, ConsoleProperties properties) {
        this.counts = counts;
        this.properties = properties;
        counts.onChange(reading -> sender.execute(() -> List.copyOf(watchers).forEach(w -> send(w, reading))));
        long beat = properties.heartbeat().toMillis();
        sender.scheduleWithFixedDelay(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
    }

    /** A new stream; empty when this node already serves {@code maxWatchers}, or is stopping. */
    public synchronized Optional<SseEmitter> open() {
        if (!running || watchers.size() >= properties.maxWatchers()) {
            return Optional.empty();
        }
        SseEmitter emitter = new SseEmitter(properties.streamTimeout().toMillis());
        Watcher watcher = new Watcher(emitter, counts.watch());
        watchers.add(watcher);
        emitter.onCompletion(() -> drop(watcher));
        emitter.onError(error -> drop(watcher));
        emitter.onTimeout(() -> {
            drop(watcher);
            emitter.complete(); // a normal end: the console reconnects
        });
        // the last reading at once, so a console never starts blank (the next one may be seconds away when idle)
        counts.latest().ifPresent(reading -> sender.execute(() -> send(watcher, reading)));
        return Optional.of(emitter);
    }

    private void send(Watcher watcher, RegistryCounts.Reading reading) {
        write(watcher, SseEmitter.event().name(EVENT).data(reading, MediaType.APPLICATION_JSON));
    }

    private void heartbeat() {
        List.copyOf(watchers)
                .forEach(watcher -> write(watcher, SseEmitter.event().comment("still here")));
    }

    private void write(Watcher watcher, SseEmitter.SseEventBuilder event) {
        if (!watchers.contains(watcher)) {
            return;
        }
        try {
            watcher.emitter().send(event);
        } catch (IOException | IllegalStateException gone) {
            drop(watcher); // the browser went away; the container completes the request
        }
    }

    private void drop(Watcher watcher) {
        if (watchers.remove(watcher)) {
            watcher.watch().close();
        }
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public synchronized void stop() {
        running = false;
        List.copyOf(watchers).forEach(watcher -> {
            drop(watcher);
            watcher.emitter().complete();
        });
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
